/**
 * Deterministic pseudo-random bytes, for generated fixtures that must not compress (photo-like
 * image data) and must be the same on every run.
 */

/** `length` deterministic pseudo-random bytes (xorshift32) from `seed`. */
export function randomBytes(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
