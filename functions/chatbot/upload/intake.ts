/**
 * Taking in an upload (contract §5.10): a multipart body read under a streaming size cap, the
 * one `file` and optional `session_id` fields validated, and the type decided from the bytes.
 * This is the one place the upload's text (its file name and form fields) is checked for
 * hostile text (contract §4), before anything is stored or recorded.
 */
import type { MultipartPart } from "@remix-run/multipart-parser";
import type { Context } from "hono";
import { z } from "zod";
import { type DetectedType, detectFileType } from "../../../shared/documents/detect.ts";
import { DocumentError } from "../../../shared/documents/errors.ts";
import { hostileText } from "../../../shared/hostile_text.ts";
import { limitBody } from "../../../shared/http/body_limit.ts";
import { ApiError } from "../../../shared/http/errors.ts";
import { documentOnly } from "../../../shared/http/openapi.ts";
import { lazy } from "../../../shared/lazy.ts";
import { LoopSlicer } from "../../../shared/loop_yield.ts";
import { sha256Hex } from "../../../shared/sha256.ts";

/** Largest accepted file, in bytes (10 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/**
 * Longest kept file name, in UTF-8 bytes (not characters: 84 CJK characters are 252 bytes).
 * Longer names are cut at a character boundary with the extension kept, so that the name fits
 * anywhere it goes (a file-system name is at most 255 bytes) and stays readable.
 */
export const MAX_FILENAME_BYTES = 255;
// An extension longer than this is not one worth keeping whole when a name is cut.
const MAX_KEPT_EXTENSION_BYTES = 16;

/** The contract's upload error texts. */
export const UploadDetail = {
  tooLarge: "File too large. Maximum size: 10MB",
  unsupported: "Unsupported file type. Supported: PDF, DOCX, JPG, PNG, TXT",
  noText: "No text could be extracted from the file",
  missingFile: "No file uploaded: send the file in the multipart field 'file'",
  badSessionId: "session_id must be a positive integer",
  notMultipart: "Request body must be multipart/form-data",
  malformed: "Malformed multipart body",
  oneFile: "Send one file per upload: the form holds more than one file",
  oneSessionId: "session_id was sent more than once",
  nameNotUtf8: "File name must be valid UTF-8 text",
  fieldNotUtf8: "Form field names must be valid UTF-8 text",
} as const;

/**
 * The multipart form, for the document: {@link readUpload} reads and checks it (a generic form
 * validator would buffer the body unbounded and miss the checks on the raw part headers).
 */
export const uploadBody = documentOnly(() =>
  z.object({
    file: z.string().meta({
      format: "binary",
      description: "The document: PDF, DOCX, PNG, JPEG or plain text, at most 10 MB",
    }),
    session_id: z.string().optional().meta({
      type: "integer",
      description: "The caller's active session; without it a new session is started",
    }),
  }).meta({ id: "UploadRequest" })
);

/** An upload that passed intake. */
export interface Upload {
  bytes: Uint8Array;
  /**
   * The client's file name, as given but for control characters (removed) and its length (cut
   * to {@link MAX_FILENAME_BYTES} UTF-8 bytes, extension kept).
   */
  filename: string;
  detected: DetectedType;
  sha256: string;
  sessionId: number | undefined;
}

/**
 * Middleware refusing a body larger than a 10 MB file plus its envelope while it streams in,
 * whatever Content-Length says, so an oversized body is never buffered whole.
 */
export const uploadBodyLimit = limitBody({
  maxSize: MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
  onError: () => {
    throw new ApiError(400, UploadDetail.tooLarge);
  },
});

/**
 * Reads and validates the upload of `c`; throws a 400 {@link ApiError} naming the reason for
 * anything wrong: not multipart, malformed, more than one file or session_id, a file name or
 * field holding a NUL or an unpaired surrogate (or bytes that are not UTF-8), too large, an
 * unsupported type, or an archive too complex to inspect.
 */
export async function readUpload(c: Context): Promise<Upload> {
  const contentType = c.req.header("Content-Type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new ApiError(400, UploadDetail.notMultipart);
  }
  // The raw bytes are read first (under the streaming cap) because a multipart parser decodes
  // a part's headers leniently: bytes that are not UTF-8 (e.g. a surrogate encoded on its own,
  // ED A0 80) would become U+FFFD silently. They, and NUL bytes, are found here and named.
  const body = await readBody(c.req.raw.body);
  const boundary = await checkPartHeaders(body, contentType);
  const parts = await readParts(body, boundary);
  const files = parts.filter((part) => part.filename !== undefined);
  if (files.length > 1) throw new ApiError(400, UploadDetail.oneFile);
  const file = files.find((part) => part.name === "file");
  if (!file) throw new ApiError(400, UploadDetail.missingFile);
  const filename = file.filename ?? "";
  refuseHostile("File name", filename);
  if (file.size > MAX_UPLOAD_BYTES) throw new ApiError(400, UploadDetail.tooLarge);

  const sessionIds = parts.filter((part) => part.name === "session_id");
  if (sessionIds.length > 1) throw new ApiError(400, UploadDetail.oneSessionId);
  const sessionId = parseSessionId(sessionIds[0]);

  const bytes = contentOf(file);
  let detected: DetectedType | null;
  try {
    detected = detectFileType(bytes);
  } catch (error) {
    // Detection refuses some files for a reason of their own (an archive with too many parts).
    if (error instanceof DocumentError) throw new ApiError(400, error.detail);
    throw error;
  }
  if (!detected) throw new ApiError(400, UploadDetail.unsupported);
  const sha256 = await sha256Hex(bytes);
  return { bytes, filename: displayName(filename), detected, sha256, sessionId };
}

/**
 * The whole body, read chunk by chunk (under `uploadBodyLimit`'s count), handing the event
 * loop back every few milliseconds: read at once, a 10 MB body already in the socket's buffers
 * is copied in one synchronous step of 50–90 ms that holds every other request of the isolate.
 */
async function readBody(
  stream: ReadableStream<Uint8Array> | null,
): Promise<Uint8Array<ArrayBuffer>> {
  if (stream === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const loop = new LoopSlicer(BODY_SLICE_CHUNKS);
  for await (const chunk of stream) {
    chunks.push(chunk);
    size += chunk.length;
    await loop.step();
  }
  // Joined in slices too: copying 10 MB at once is a 5–10 ms step of its own.
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
    await loop.step();
  }
  return body;
}

// At most 64 chunks (of 64 KiB) or parser pieces between two yields, however fast they go.
const BODY_SLICE_CHUNKS = 64;

// The multipart parser, loaded by the first upload (docs/benchmarks.md, "Cold boot").
const loadMultipartParser = lazy(() => import("@remix-run/multipart-parser"));

// How much of the body the parser gets at a time: it searches each piece for the boundary
// (well under a millisecond for 256 KiB), and the loop gets a turn every few pieces.
const PARSE_PIECE_BYTES = 256 * 1024;

/**
 * The parts of a multipart `body`, read by `@remix-run/multipart-parser` a piece at a time with
 * turns of the event loop between pieces: the platform's `formData()` parses a 10 MB body in
 * one synchronous step of about 45 ms, then copies the file again to read it, holding every
 * other request of the isolate meanwhile. The parts' contents are views of `body`, not copies.
 * A body that is not well-formed multipart is a 400.
 */
async function readParts(body: Uint8Array, boundary: string): Promise<MultipartPart[]> {
  const { MultipartParser, MultipartParseError } = await loadMultipartParser();
  const parser = new MultipartParser(boundary, {
    // The body limit already bounds the whole; these only keep the parser's own defaults (2 MiB
    // files, 8 KiB headers) from refusing what the contract accepts.
    maxFileSize: MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
    maxTotalSize: MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES,
    maxHeaderSize: MULTIPART_OVERHEAD_BYTES,
  });
  // A preamble before the first delimiter and an epilogue after the last are allowed (RFC 2046)
  // and carry nothing; the parser refuses the one, and the other when it comes in a piece of
  // its own, so it gets the body from the first delimiter to the end of the closing one.
  const start = indexOf(body, encoder.encode(`--${boundary}`), 0);
  const closing = encoder.encode(`--${boundary}--`);
  const end = lastIndexOf(body, closing);
  if (start === -1 || end < start) throw new ApiError(400, UploadDetail.malformed);
  const message = body.subarray(start, end + closing.length);
  const parts: MultipartPart[] = [];
  const loop = new LoopSlicer(BODY_SLICE_CHUNKS);
  try {
    for (let at = 0; at < message.length; at += PARSE_PIECE_BYTES) {
      parts.push(...parser.write(message.subarray(at, at + PARSE_PIECE_BYTES)));
      await loop.step();
    }
    parser.finish();
    // Decoded here, once, so that a header the parser cannot decode is a malformed body too.
    for (const part of parts) void part.headers;
  } catch (error) {
    if (error instanceof MultipartParseError || error instanceof TypeError) {
      throw new ApiError(400, UploadDetail.malformed);
    }
    throw error;
  }
  return parts;
}

function parseSessionId(part: MultipartPart | undefined): number | undefined {
  if (part === undefined) return undefined;
  // A file sent as the session id is no session id.
  if (part.filename !== undefined) throw new ApiError(400, UploadDetail.badSessionId);
  const raw = utf8Text(part.bytes);
  if (raw === undefined) throw new ApiError(400, UploadDetail.badSessionId);
  if (raw === "") return undefined;
  refuseHostile("session_id", raw);
  if (!/^[0-9]{1,10}$/.test(raw.trim())) throw new ApiError(400, UploadDetail.badSessionId);
  const id = Number(raw.trim());
  if (id < 1 || id > 2147483647) throw new ApiError(400, UploadDetail.badSessionId);
  return id;
}

function refuseHostile(what: string, text: string): void {
  const problem = hostileText(text);
  if (problem) throw new ApiError(400, `${what} must not contain ${problem}`);
}

const CRLF2 = [0x0d, 0x0a, 0x0d, 0x0a];
const FILENAME_PARAM = new TextEncoder().encode('filename="');
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Checks the header block of every part of a multipart `body`: a NUL byte or bytes that are not
 * UTF-8 there are refused, as the file name's fault when they sit inside `filename="…"` and as a
 * field name's otherwise. Part contents are not looked at (a file may hold any bytes). Returns
 * the boundary named by `contentType`.
 */
async function checkPartHeaders(body: Uint8Array, contentType: string): Promise<string> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new ApiError(400, UploadDetail.malformed);
  const delimiter = encoder.encode(`--${boundary}`);
  // The search for delimiters crosses the whole file (about 5 ms for 10 MB): in pieces.
  const loop = new LoopSlicer();
  let at = 0;
  for (let from = 0; from < body.length; from += PARSE_PIECE_BYTES) {
    while ((at = indexOf(body, delimiter, at, from + PARSE_PIECE_BYTES)) !== -1) {
      const start = at + delimiter.length;
      const end = indexOf(body, CRLF2, start);
      if (end === -1) return boundary;
      checkHeaderBlock(body.subarray(start, end));
      at = end + CRLF2.length;
    }
    at = Math.max(at, from + PARSE_PIECE_BYTES);
    await loop.step();
  }
  return boundary;
}

// The content of a part as one array: a view of the body when its pieces lie one after the
// other in it (they do: the parser was given views of one body), else a copy.
function contentOf(part: MultipartPart): Uint8Array {
  const [first, ...rest] = part.content;
  if (!first) return new Uint8Array();
  let end = first.byteOffset + first.length;
  for (const chunk of rest) {
    if (chunk.buffer !== first.buffer || chunk.byteOffset !== end) return part.bytes;
    end += chunk.length;
  }
  return new Uint8Array(first.buffer, first.byteOffset, end - first.byteOffset);
}

function checkHeaderBlock(block: Uint8Array): void {
  const nameStart = indexOf(block, FILENAME_PARAM, 0);
  const valueStart = nameStart === -1 ? -1 : nameStart + FILENAME_PARAM.length;
  const valueEnd = valueStart === -1 ? -1 : block.indexOf(0x22, valueStart);
  const name = valueEnd === -1 ? undefined : block.subarray(valueStart, valueEnd);
  if (name) {
    if (name.includes(0)) throw new ApiError(400, "File name must not contain a NUL character");
    if (!isUtf8(name)) throw new ApiError(400, UploadDetail.nameNotUtf8);
  }
  if (block.includes(0)) {
    throw new ApiError(400, "Form field names must not contain a NUL character");
  }
  if (!isUtf8(block)) throw new ApiError(400, UploadDetail.fieldNotUtf8);
}

// The UTF-8 text of `bytes`, or undefined when they are not UTF-8.
function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  return utf8Text(bytes) !== undefined;
}

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const first = needle[0];
  for (
    let i = haystack.lastIndexOf(first, haystack.length - needle.length);
    i !== -1;
    i = i === 0 ? -1 : haystack.lastIndexOf(first, i - 1)
  ) {
    if (startsAt(haystack, needle, i)) return i;
  }
  return -1;
}

// Whether `needle` is in `haystack` at `at` (its first byte is known to be).
function startsAt(haystack: Uint8Array, needle: Uint8Array | number[], at: number): boolean {
  let j = 1;
  while (j < needle.length && haystack[at + j] === needle[j]) j++;
  return j === needle.length;
}

// The first index of `needle` in `haystack` at or after `from` that starts before `before`.
function indexOf(
  haystack: Uint8Array,
  needle: Uint8Array | number[],
  from: number,
  before = haystack.length,
): number {
  const first = needle[0];
  for (
    let i = haystack.indexOf(first, from);
    i !== -1 && i < before;
    i = haystack.indexOf(first, i + 1)
  ) {
    if (i + needle.length > haystack.length) return -1;
    if (startsAt(haystack, needle, i)) return i;
  }
  return -1;
}

const encoder = new TextEncoder();

// The original name is kept for the record and the reply, minus what could corrupt either, and
// cut to MAX_FILENAME_BYTES of UTF-8 at a character boundary with its extension kept.
function displayName(name: string): string {
  // deno-lint-ignore no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (encoder.encode(cleaned).length <= MAX_FILENAME_BYTES) return cleaned || "upload";
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? cleaned.slice(dot) : "";
  const keptExt = encoder.encode(ext).length <= MAX_KEPT_EXTENSION_BYTES ? ext : "";
  const stem = keptExt ? cleaned.slice(0, dot) : cleaned;
  return utf8Prefix(stem, MAX_FILENAME_BYTES - encoder.encode(keptExt).length).trim() + keptExt;
}

/** The longest prefix of `text` (whole code points) whose UTF-8 form fits in `maxBytes`. */
function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
