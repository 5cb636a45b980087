import assert from "node:assert/strict";
import {
  type DetectedType,
  detectFileType,
  FILE_TYPE_LABELS,
} from "../../../shared/documents/detect.ts";
import * as fx from "../../fixtures/make_fixtures.ts";

const cases: [string, () => Uint8Array | Promise<Uint8Array>, DetectedType | null][] = [
  ["PDF with embedded CJK font", fx.embeddedFontPdf, { type: "pdf" }],
  ["PDF with predefined CNS CMap", fx.cnsCmapPdf, { type: "pdf" }],
  ["multi-page PDF", () => fx.multiPagePdf(["a", "b"]), { type: "pdf" }],
  ["encrypted PDF", fx.encryptedPdf, { type: "pdf" }],
  ["corrupt PDF (still PDF by magic)", fx.corruptPdf, { type: "pdf" }],
  ["DOCX", fx.sampleDocx, { type: "docx" }],
  ["zip bomb shaped like a DOCX", () => fx.zipBombDocx(true), { type: "docx" }],
  ["PNG", fx.png1x1, { type: "png" }],
  ["JPEG", fx.jpegHeader, { type: "jpeg" }],
  ["UTF-8 text", () => fx.encodeUtf8(fx.SAMPLE_TEXT), { type: "txt", encoding: "utf-8" }],
  ["UTF-8 text with BOM", () => fx.encodeUtf8(fx.SAMPLE_TEXT, true), {
    type: "txt",
    encoding: "utf-8",
  }],
  ["UTF-16 LE with BOM", () => fx.encodeUtf16(fx.SAMPLE_TEXT, true), {
    type: "txt",
    encoding: "utf-16le",
  }],
  ["UTF-16 BE with BOM", () => fx.encodeUtf16(fx.SAMPLE_TEXT, false), {
    type: "txt",
    encoding: "utf-16be",
  }],
  ["Big5", () => fx.encodeBig5(fx.SAMPLE_TEXT), { type: "txt", encoding: "big5" }],
  ["ASCII text", () => fx.encodeUtf8("Industry: electronics\n"), {
    type: "txt",
    encoding: "utf-8",
  }],
  ["empty file (text with nothing in it)", () => new Uint8Array(), {
    type: "txt",
    encoding: "utf-8",
  }],
  ["ELF executable renamed .txt", fx.elfBinary, null],
  ["GIF", fx.gif1x1, null],
  ["legacy .doc (OLE)", fx.oleDoc, null],
  ["ZIP that is not a DOCX", fx.nonDocxZip, null],
  ["truncated DOCX (no central directory)", fx.truncatedDocx, null],
  ["random binary", fx.randomBinary, null],
  ["UTF-16 LE without BOM", () => fx.encodeUtf16("產業別 abc", true).slice(2), null],
  ["UTF-8 text with a NUL", () => fx.encodeUtf8("abc\0def"), null],
];

for (const [name, make, expected] of cases) {
  Deno.test(`detectFileType: ${name}`, async () => {
    assert.deepEqual(detectFileType(await make()), expected);
  });
}

Deno.test("detectFileType: Big5 made of rare symbols only is not taken for text", () => {
  // 0xC6A1.. is the Big5 block of Japanese kana/symbols (ETEN extensions), not Taiwanese prose.
  const bytes = new Uint8Array(40);
  for (let i = 0; i < 40; i += 2) bytes.set([0xc6, 0xa1 + i], i);
  assert.equal(detectFileType(bytes), null);
});

Deno.test("FILE_TYPE_LABELS names every type for the reply", () => {
  assert.deepEqual(FILE_TYPE_LABELS, {
    pdf: "PDF文件",
    docx: "Word文件",
    png: "PNG圖片",
    jpeg: "JPG圖片",
    txt: "純文字文件",
  });
});
