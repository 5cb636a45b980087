import assert from "node:assert/strict";
import { detectFileType } from "../../../shared/documents/detect.ts";
import { decodeText } from "../../../shared/documents/text.ts";
import { encodeBig5, encodeUtf16, encodeUtf8, SAMPLE_TEXT } from "../../fixtures/make_fixtures.ts";

const encoded: [string, Uint8Array][] = [
  ["utf-8", encodeUtf8(SAMPLE_TEXT)],
  ["utf-8 with BOM", encodeUtf8(SAMPLE_TEXT, true)],
  ["utf-16le with BOM", encodeUtf16(SAMPLE_TEXT, true)],
  ["utf-16be with BOM", encodeUtf16(SAMPLE_TEXT, false)],
  ["big5", encodeBig5(SAMPLE_TEXT)],
];

for (const [name, bytes] of encoded) {
  Deno.test(`decodeText: ${name} decodes exactly, without BOM`, () => {
    const detected = detectFileType(bytes);
    assert.equal(detected?.type, "txt");
    assert.equal(decodeText(bytes, detected!.encoding!), SAMPLE_TEXT);
  });
}

Deno.test("encodeBig5 fixture really is Big5 (中文 = A4 A4 A4 E5)", () => {
  assert.deepEqual([...encodeBig5("中文")], [0xa4, 0xa4, 0xa4, 0xe5]);
});
