/**
 * Decoding plain-text uploads whose encoding `detectFileType` has already decided.
 */

import type { TextEncoding } from "./detect.ts";

/**
 * Decodes text bytes in the given encoding and drops a leading byte-order mark. Invalid
 * sequences become U+FFFD rather than throwing, because detection already vetted the bytes.
 * Returns the decoded string.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  // TextDecoder strips a BOM only for the encoding it belongs to; ignoreBOM:false keeps that.
  const text = new TextDecoder(encoding).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
