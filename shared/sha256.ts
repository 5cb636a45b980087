/**
 * SHA-256 as lower-case hex, the one digest the project stores (upload checksums, storage
 * folder names, idempotency fingerprints).
 */
import { createHash } from "node:crypto";
import { LoopSlicer } from "./loop_yield.ts";

// Web Crypto digests in one synchronous step on the isolate's thread (about 25 ms for a 10 MB
// upload, with every other request waiting); larger inputs are hashed a slice at a time,
// handing the event loop back between slices (node:crypto's incremental hash; postgres.js
// loads that module anyway).
const ONE_STEP_BYTES = 256 * 1024;
const SLICE_BYTES = 256 * 1024;

/** The SHA-256 of `data` (UTF-8 for a string) as 64 lower-case hex characters. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  if (bytes.length <= ONE_STEP_BYTES) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
    return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  const hash = createHash("sha256");
  const loop = new LoopSlicer(16);
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
    hash.update(bytes.subarray(at, at + SLICE_BYTES));
    await loop.step();
  }
  return hash.digest("hex");
}
