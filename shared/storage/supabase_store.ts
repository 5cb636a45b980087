/**
 * The Supabase Storage blob store (private bucket, service key). supabase-js is loaded only
 * when an upload needs it.
 */
import { type BlobStore, StorageUnavailableError } from "./blob_store.ts";

/** Options of {@link createSupabaseStore}. */
export interface SupabaseStoreOptions {
  url: string;
  serviceKey: string;
  bucket: string;
  /** Injected in tests. */
  fetch?: typeof fetch;
}

/** A store uploading to `bucket`; an existing object is never overwritten. */
export function createSupabaseStore(options: SupabaseStoreOptions): BlobStore {
  let client: Promise<{ storage: { from(bucket: string): Bucket } }> | undefined;
  const storage = () =>
    client ??= import("@supabase/supabase-js").then(({ createClient }) =>
      createClient(options.url, options.serviceKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        global: options.fetch ? { fetch: options.fetch } : undefined,
      }) as never
    );
  return {
    name: "supabase",
    async put(path, bytes, contentType) {
      let result;
      try {
        result = await (await storage()).storage.from(options.bucket)
          .upload(path, bytes, { contentType, upsert: false });
      } catch (error) {
        throw new StorageUnavailableError(`Supabase Storage failed: ${(error as Error).message}`);
      }
      if (result.error) {
        throw new StorageUnavailableError(`Supabase Storage refused: ${result.error.message}`);
      }
    },
  };
}

interface Bucket {
  upload(
    path: string,
    body: Uint8Array,
    options: { contentType: string; upsert: boolean },
  ): Promise<{ error: { message: string } | null }>;
}
