/**
 * SHA-256 as lower-case hex, the one digest the project stores (upload checksums, storage
 * folder names, idempotency fingerprints).
 */

/** The SHA-256 of `data` (UTF-8 for a string) as 64 lower-case hex characters. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
