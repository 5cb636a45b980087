/**
 * The local-folder blob store, for the embedded default and the tests: the same object paths
 * as Supabase Storage, under `<root>/<bucket>/`.
 */
import { type BlobStore, StorageUnavailableError } from "./blob_store.ts";

/** A store writing under `root` (e.g. `$DATA_DIR/storage/onboarding-uploads`). */
export function createLocalStore(root: string): BlobStore {
  return {
    name: "local",
    async put(path, bytes) {
      // Paths are built from sanitised parts; refuse anything that could still climb out.
      if (path.split("/").some((part) => part === "" || part === "." || part === "..")) {
        throw new StorageUnavailableError(`refused object path ${path}`);
      }
      const file = `${root}/${path}`;
      try {
        await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
        await Deno.writeFile(file, bytes, { createNew: true });
      } catch (error) {
        throw new StorageUnavailableError(`local storage failed: ${(error as Error).message}`);
      }
    },
  };
}
