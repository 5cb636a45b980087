/**
 * Extracting the text of a DOCX upload: headers, body (paragraphs and tables) and footers,
 * read through the bounded ZIP reader so a zip bomb costs at most the inflate budget.
 */

import { DocumentError } from "./errors.ts";
import { wordXmlToLines } from "./word_xml.ts";
import {
  inflateEntry,
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
  try {
    const entries = readZipEntries(bytes);
    const body = entries.find((entry) => entry.name === "word/document.xml");
    if (body === undefined) throw new ZipError("no word/document.xml");
    const budget = { remaining: MAX_DOCX_INFLATED_BYTES };
    const read = (entry: ZipEntry) => wordXmlToLines(decodeXml(inflateEntry(bytes, entry, budget)));
    const bodyLines = read(body);
    const headers = uniqueBlocks(partsMatching(entries, HEADER_RE).map(read));
    const footers = uniqueBlocks(partsMatching(entries, FOOTER_RE).map(read));
    return [...headers, ...bodyLines, ...footers].join("\n");
  } catch (error) {
    if (error instanceof ZipTooManyEntriesError) throw new DocumentError(TOO_MANY_PARTS_DETAIL);
    if (error instanceof ZipError) throw new DocumentError(DOCX_UNREADABLE);
    throw error;
  }
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

// Word writes UTF-8; UTF-16 parts (allowed by XML) announce themselves with a BOM.
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder().decode(bytes);
}
