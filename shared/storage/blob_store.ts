/**
 * Where uploaded files are kept: Supabase Storage in production, a local folder otherwise.
 */

/** A place to keep uploaded bytes under an object path. */
export interface BlobStore {
  /** A short name for logs (`supabase`, `local`). */
  readonly name: string;
  /** Stores `bytes` at `path`; throws {@link StorageUnavailableError} when the store fails. */
  put(path: string, bytes: Uint8Array, contentType: string): Promise<void>;
}

/** The blob store could not take the file; the API answers 503. */
export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
}
