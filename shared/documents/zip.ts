/**
 * A small, defensive ZIP reader for DOCX files: it lists entries from the central directory
 * and inflates one entry at a time under a byte budget. Written by hand (with fflate's
 * streaming inflater) rather than with `unzipSync`, because `unzipSync` trusts the sizes a
 * hostile archive declares and allocates the whole output before anyone can stop it.
 */

import { Inflate } from "fflate";
import { type ReadingSteps, runToEnd } from "./loop_yield.ts";

/** A malformed, unsupported or over-budget archive; docx.ts turns it into a DocumentError. */
export class ZipError extends Error {
  /** Builds the error with an internal (not user-facing) reason. */
  constructor(reason: string) {
    super(reason);
    this.name = "ZipError";
  }
}

/** An archive listing more than the allowed number of entries (its own reason, for the user). */
export class ZipTooManyEntriesError extends ZipError {
  /** Builds the error for an archive listing `count` entries. */
  constructor(readonly count: number) {
    super("too many entries");
    this.name = "ZipTooManyEntriesError";
  }
}

/** One file of an archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate; anything else cannot be read. */
  method: number;
  compressedSize: number;
  /** The uncompressed size the archive declares (may be a lie: inflation re-counts). */
  size: number;
  localOffset: number;
  encrypted: boolean;
}

/** What may still be inflated, shared by every entry read from one archive. */
export interface InflateBudget {
  remaining: number;
}

/** Most entries an archive may list; real DOCX files have a few dozen. */
export const MAX_ZIP_ENTRIES = 2000;

/** What the user is told about an archive past MAX_ZIP_ENTRIES: its real reason, not its type. */
export const TOO_MANY_PARTS_DETAIL =
  `The file is too complex to read: it has too many parts (more than ${MAX_ZIP_ENTRIES} entries)`;

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
// Inflated bytes produced by one push are at most ~1032x its input, so 16 KiB of input bounds
// the overshoot past the budget to ~16 MiB before the counter stops it.
const PUSH_CHUNK = 16 * 1024;

/** True when the bytes start with a ZIP local-file header (`PK\x03\x04`). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && view(bytes).getUint32(0, true) === LOCAL_SIG;
}

/**
 * Lists the entries of a ZIP archive from its central directory. Throws ZipError when the
 * archive is malformed, uses ZIP64, or lists more than `maxEntries` entries.
 */
export function readZipEntries(bytes: Uint8Array, maxEntries = MAX_ZIP_ENTRIES): ZipEntry[] {
  const dv = view(bytes);
  const eocd = findEndOfCentralDirectory(dv);
  const count = dv.getUint16(eocd + 10, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError("ZIP64 is not supported");
  if (count > maxEntries) throw new ZipTooManyEntriesError(count);
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || dv.getUint32(at, true) !== CENTRAL_SIG) {
      throw new ZipError("bad central directory");
    }
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw new ZipError("bad central directory");
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: dv.getUint16(at + 10, true),
      compressedSize: dv.getUint32(at + 20, true),
      size: dv.getUint32(at + 24, true),
      localOffset: dv.getUint32(at + 42, true),
      encrypted: (dv.getUint16(at + 8, true) & 1) === 1,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Returns the uncompressed bytes of one entry, charging them to `budget`. Refuses up front when
 * the declared size exceeds what is left, and stops inflating as soon as the real output does
 * (declared sizes can lie). Throws ZipError on any of that, or on a damaged entry.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
): Uint8Array {
  return runToEnd(inflateEntrySteps(bytes, entry, budget));
}

/** inflateEntry as a reading that pauses after each chunk of input (loop_yield.ts). */
export function* inflateEntrySteps(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
): ReadingSteps<Uint8Array> {
  if (entry.encrypted) throw new ZipError("encrypted entry");
  if (entry.size > budget.remaining) throw new ZipError("entry too large");
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length > budget.remaining) throw new ZipError("entry too large");
    budget.remaining -= data.length;
    return data.slice();
  }
  if (entry.method !== 8) throw new ZipError("unsupported compression");

  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > budget.remaining) throw new ZipError("entry too large");
    chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let at = 0; at < data.length && !done; at += PUSH_CHUNK) {
      const end = Math.min(at + PUSH_CHUNK, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
      yield;
    }
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError("damaged entry");
  }
  if (!done) throw new ZipError("truncated entry");
  budget.remaining -= total;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
    yield;
  }
  return out;
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL_SIG) {
    throw new ZipError("bad local header");
  }
  // The local header's own name/extra lengths decide where the data starts (they may differ
  // from the central directory's).
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError("entry past end of file");
  return bytes.subarray(start, end);
}

function findEndOfCentralDirectory(dv: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, dv.byteLength - 22 - 0xffff);
  for (let at = dv.byteLength - 22; at >= lowest; at--) {
    if (dv.getUint32(at, true) === EOCD_SIG) return at;
  }
  throw new ZipError("no end of central directory");
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
