/**
 * Deciding what an upload is from its bytes alone (contract §5.10): the client's filename and
 * Content-Type are never trusted. Only the supported kinds are recognised; everything else is
 * null so the route can answer "Unsupported file type".
 */

import { DocumentError } from "./errors.ts";
import { isZip, readZipEntries, TOO_MANY_PARTS_DETAIL, ZipTooManyEntriesError } from "./zip.ts";

/** The encodings a plain-text upload may use. */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "big5";

/** A supported upload type; `encoding` is set for text only. */
export interface DetectedType {
  type: "pdf" | "docx" | "png" | "jpeg" | "txt";
  encoding?: TextEncoding;
}

/** How the reply names each type (`文件類型：PDF文件`). */
export const FILE_TYPE_LABELS: Readonly<Record<DetectedType["type"], string>> = {
  pdf: "PDF文件",
  docx: "Word文件",
  png: "PNG圖片",
  jpeg: "JPG圖片",
  txt: "純文字文件",
};

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
// Binary formats that must never reach the text checks, whatever their bytes happen to decode
// to: legacy .doc/.xls (OLE), GIF, ELF, Mach-O, gzip, 7z. Magics that are plain ASCII words
// (`MZ`, `Rar!`) are left to the control-character check so a text starting so still passes.
const BINARY_MAGICS = [
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x47, 0x49, 0x46, 0x38, 0x37, 0x61],
  [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0x1f, 0x8b],
  [0x37, 0x7a, 0xbc, 0xaf],
];
// Controls that do not occur in text files (all C0 except \t \n \f \r, DEL, and C1).
// deno-lint-ignore no-control-regex -- matching control characters is the point
const CONTROL_RE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/;
// What a Big5 document is made of: ASCII, CJK ideographs, bopomofo and CJK/full-width punctuation.
const BIG5_TEXT_RE = /[\t\n\f\r\u0020-\u007e\u3000-\u303f\u3100-\u312f\u4e00-\u9fff\uff00-\uffef]/g;
// Share of those characters a Big5 decode must reach to be believed.
const BIG5_MIN_SHARE = 0.9;

/**
 * Detects the type of an upload from its bytes: PDF (`%PDF-`), DOCX (a ZIP whose central
 * directory lists `word/document.xml`), PNG, JPEG, or text in UTF-8 (with or without BOM),
 * UTF-16 LE/BE with BOM, or Big5. Returns null for anything else, including other ZIPs,
 * legacy .doc files, GIFs, executables and binary data. Throws a DocumentError for a ZIP that
 * lists too many entries to be inspected: "unsupported" would not be its real reason.
 */
export function detectFileType(bytes: Uint8Array): DetectedType | null {
  if (startsWith(bytes, PDF_MAGIC)) return { type: "pdf" };
  if (startsWith(bytes, PNG_MAGIC)) return { type: "png" };
  if (startsWith(bytes, JPEG_MAGIC)) return { type: "jpeg" };
  if (isZip(bytes)) return isDocx(bytes) ? { type: "docx" } : null;
  if (BINARY_MAGICS.some((magic) => startsWith(bytes, magic))) return null;
  const encoding = detectTextEncoding(bytes);
  return encoding === null ? null : { type: "txt", encoding };
}

function detectTextEncoding(bytes: Uint8Array): TextEncoding | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return isText(bytes, "utf-8") ? "utf-8" : null;
  if (startsWith(bytes, [0xff, 0xfe])) return isText(bytes, "utf-16le") ? "utf-16le" : null;
  if (startsWith(bytes, [0xfe, 0xff])) return isText(bytes, "utf-16be") ? "utf-16be" : null;
  const utf8 = decodeStrict(bytes, "utf-8");
  if (utf8 !== null) return CONTROL_RE.test(utf8) ? null : "utf-8";
  const big5 = decodeStrict(bytes, "big5");
  if (big5 === null || big5.length === 0 || CONTROL_RE.test(big5)) return null;
  // Many byte strings happen to be valid Big5; real Taiwanese text is almost all ideographs,
  // punctuation and ASCII, whereas stray binary lands on rare symbols and HKSCS code points.
  const typical = big5.match(BIG5_TEXT_RE)?.length ?? 0;
  return typical / big5.length >= BIG5_MIN_SHARE ? "big5" : null;
}

function isText(bytes: Uint8Array, encoding: TextEncoding): boolean {
  const text = decodeStrict(bytes, encoding);
  return text !== null && !CONTROL_RE.test(text);
}

function decodeStrict(bytes: Uint8Array, encoding: TextEncoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function isDocx(bytes: Uint8Array): boolean {
  try {
    return readZipEntries(bytes).some((entry) => entry.name === "word/document.xml");
  } catch (error) {
    if (error instanceof ZipTooManyEntriesError) throw new DocumentError(TOO_MANY_PARTS_DETAIL);
    return false;
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}
