/**
 * A small, defensive ZIP reader for DOCX files: it lists entries from the central directory;
 * `zip_inflate.ts` inflates one entry at a time under a byte budget. Written by hand (with
 * fflate's streaming inflater) rather than with `unzipSync`, because `unzipSync` trusts the
 * sizes a hostile archive declares and allocates the whole output before anyone can stop it.
 * Listing needs no inflater, so detecting a DOCX (at every upload's intake, a module every
 * chatbot isolate loads) does not load fflate.
 */

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

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** Most entries an archive may list; real DOCX files have a few dozen. */
export const MAX_ZIP_ENTRIES = 2000;

/** What the user is told about an archive past MAX_ZIP_ENTRIES: its real reason, not its type. */
export const TOO_MANY_PARTS_DETAIL =
  `The file is too complex to read: it has too many parts (more than ${MAX_ZIP_ENTRIES} entries)`;

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

/** The stored (compressed) bytes of `entry`, located through its local header. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
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
