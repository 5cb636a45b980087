/**
 * Inflating one entry of a ZIP archive listed by `zip.ts`, under a byte budget, with fflate's
 * streaming inflater: only the DOCX reader needs it, so it loads with that reader.
 */

import { Inflate } from "fflate";
import { type ReadingSteps, runToEnd } from "../loop_yield.ts";
import { entryData, type ZipEntry, ZipError } from "./zip.ts";

/** What may still be inflated, shared by every entry read from one archive. */
export interface InflateBudget {
  remaining: number;
}

// Inflated bytes produced by one push are at most ~1032x its input, so 16 KiB of input bounds
// the overshoot past the budget to ~16 MiB before the counter stops it.
const PUSH_CHUNK = 16 * 1024;

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
