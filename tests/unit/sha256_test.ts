import assert from "node:assert/strict";
import { sha256Hex } from "../../shared/sha256.ts";

const webCrypto = async (bytes: Uint8Array) =>
  Array.from(
    new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");

Deno.test("sha256Hex: a string, a small input and a large one hashed in slices agree with Web Crypto", async () => {
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  const large = new Uint8Array(3 * 1024 * 1024 + 17);
  for (let i = 0; i < large.length; i++) large[i] = (i * 2654435761) >>> 24;
  for (const bytes of [large.subarray(0, 1000), large.subarray(0, 256 * 1024 + 1), large]) {
    assert.equal(await sha256Hex(bytes), await webCrypto(bytes), `${bytes.length} bytes`);
  }
});
