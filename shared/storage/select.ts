/**
 * Choosing the blob store from the configuration.
 */
import type { Config } from "../config.ts";
import type { BlobStore } from "./blob_store.ts";
import { createLocalStore } from "./local_store.ts";
import { createSupabaseStore } from "./supabase_store.ts";

/** Supabase Storage when SUPABASE_URL and a service key are set, else `$DATA_DIR/storage/<bucket>`. */
export function selectBlobStore(config: Config): BlobStore {
  return config.supabase
    ? createSupabaseStore(config.supabase)
    : createLocalStore(`${config.dataDir}/storage/${config.storageBucket}`);
}
