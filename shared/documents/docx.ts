/**
 * Extracting the text of a DOCX upload: headers, body (paragraphs and tables) and footers,
 * read through the bounded ZIP reader so a zip bomb costs at most the inflate budget.
 */

import { DocumentError } from "./errors.ts";
import { type ReadingSteps, runToEnd, runYielding } from "../loop_yield.ts";
import { wordXmlSteps } from "./word_xml.ts";
import { type InflateBudget, inflateEntrySteps } from "./zip_inflate.ts";
import {
  readZipEntries,
  TOO_MANY_PARTS_DETAIL,
  type ZipEntry,
  ZipError,
  ZipTooManyEntriesError,
} from "./zip.ts";

/** Most bytes inflated from one DOCX, over all the parts read. */
export const MAX_DOCX_INFLATED_BYTES = 50 * 1024 * 1024;

/** The user-facing detail for any DOCX that cannot be read. */
export const DOCX_UNREADABLE = "The DOCX file is corrupt or too large to read";

const HEADER_RE = /^word\/header(\d*)\.xml$/;
const FOOTER_RE = /^word\/footer(\d*)\.xml$/;

/**
 * Returns the text of a DOCX file as lines joined by `\n`: header lines first, then the body
 * in document order (table rows as `cell | cell`), then footer lines. Identical headers or
 * footers (first-page/even-page copies) appear once. Throws DocumentError when the file is not
 * a readable DOCX, lists too many entries, or inflates past MAX_DOCX_INFLATED_BYTES.
 */
export function extractDocxText(bytes: Uint8Array): string {
  return runToEnd(docxSteps(bytes));
}

/**
 * extractDocxText for an upload being served: the same reading, handing the event loop back
 * every LOOP_SLICE_MS of inflating and scanning (loop_yield.ts). A DOCX that inflates to tens
 * of MB would otherwise hold every other request for a second or more.
 */
export function extractDocxYielding(bytes: Uint8Array): Promise<string> {
  return runYielding(docxSteps(bytes), DOCX_SLICE_STEPS);
}

// Pauses (16 KiB of deflated input, 256 KiB decoded, or 2048 XML tokens, each) between two
// turns at most.
const DOCX_SLICE_STEPS = 64;
const DECODE_SLICE_BYTES = 256 * 1024;

function* docxSteps(bytes: Uint8Array): ReadingSteps<string> {
  try {
    const entries = readZipEntries(bytes);
    const body = entries.find((entry) => entry.name === "word/document.xml");
    if (body === undefined) throw new ZipError("no word/document.xml");
    const budget = { remaining: MAX_DOCX_INFLATED_BYTES };
    const bodyLines = yield* readPart(bytes, body, budget);
    const headers = uniqueBlocks(
      yield* readParts(bytes, partsMatching(entries, HEADER_RE), budget),
    );
    const footers = uniqueBlocks(
      yield* readParts(bytes, partsMatching(entries, FOOTER_RE), budget),
    );
    return [...headers, ...bodyLines, ...footers].join("\n");
  } catch (error) {
    if (error instanceof ZipTooManyEntriesError) throw new DocumentError(TOO_MANY_PARTS_DETAIL);
    if (error instanceof ZipError) throw new DocumentError(DOCX_UNREADABLE);
    throw error;
  }
}

// The lines of one WordprocessingML part, inflated under the archive's budget.
function* readPart(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
): ReadingSteps<string[]> {
  const xml = yield* decodeXmlSteps(yield* inflateEntrySteps(bytes, entry, budget));
  return yield* wordXmlSteps(xml);
}

function* readParts(
  bytes: Uint8Array,
  parts: ZipEntry[],
  budget: InflateBudget,
): ReadingSteps<string[][]> {
  const blocks: string[][] = [];
  for (const part of parts) blocks.push(yield* readPart(bytes, part, budget));
  return blocks;
}

// header1.xml, header2.xml, … in numeric order (header10 after header9).
function partsMatching(entries: ZipEntry[], re: RegExp): ZipEntry[] {
  return entries
    .map((entry) => ({ entry, match: re.exec(entry.name) }))
    .filter((x) => x.match !== null)
    .sort((a, b) => Number(a.match![1] || 0) - Number(b.match![1] || 0))
    .map((x) => x.entry);
}

function uniqueBlocks(blocks: string[][]): string[] {
  const seen = new Set<string>();
  return blocks.filter((block) => {
    const key = block.join("\n");
    if (key === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  }).flat();
}

// Word writes UTF-8; UTF-16 parts (allowed by XML) announce themselves with a BOM. Decoded a
// slice at a time with a pause after each (tens of MB take a few hundred ms in one call); the
// streaming decoder keeps a character split between two slices whole.
function* decodeXmlSteps(bytes: Uint8Array): ReadingSteps<string> {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe
    ? "utf-16le"
    : bytes[0] === 0xfe && bytes[1] === 0xff
    ? "utf-16be"
    : "utf-8";
  const decoder = new TextDecoder(encoding);
  let text = "";
  for (let at = 0; at < bytes.length; at += DECODE_SLICE_BYTES) {
    const end = Math.min(at + DECODE_SLICE_BYTES, bytes.length);
    text += decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
    yield;
  }
  return text + decoder.decode();
}
