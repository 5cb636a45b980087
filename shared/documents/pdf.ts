/**
 * Extracting the text layer of a PDF upload with PDF.js (unpdf's serverless build, patched:
 * ./pdfjs.ts). PDF.js runs on this event loop with no worker, so a hostile file is bounded by a
 * page cap and a time budget; it is loaded lazily because loading it costs more than most
 * requests.
 */

import { DocumentError } from "./errors.ts";
import { LoopSlicer } from "../loop_yield.ts";
import { pageItemsToText } from "./pdf_text.ts";
import { slicedPdfWorker } from "./pdf_worker.ts";
import { loadPdfjs } from "./pdfjs.ts";
import {
  defaultPdfResourceUrls,
  PdfResourceReader,
  type PdfResourceUrls,
} from "./pdf_resources.ts";

/** Limits and resources for one extraction; every field is optional. */
export interface PdfOptions {
  /** Most pages accepted; a longer PDF is refused (default DEFAULT_MAX_PDF_PAGES). */
  maxPages?: number;
  /** Time budget in milliseconds for loading and reading (default DEFAULT_PDF_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Folders of CMap and standard-font files (default: the vendored copy, else `pdfjs-dist`). */
  resources?: PdfResourceUrls;
}

/** What a PDF yielded: its text (pages in order, joined by newlines) and its page count. */
export interface PdfText {
  text: string;
  pages: number;
}

/** Default page cap. */
export const DEFAULT_MAX_PDF_PAGES = 300;
/**
 * Default time budget, in milliseconds. Supabase stops a request after 2 s of CPU with a bare
 * 546; a PDF that is still being read after 1.5 s is refused with a clear 400 first. A 10 MB,
 * 300-page PDF reads in 0.3–0.8 s (docs/benchmarks.md).
 */
export const DEFAULT_PDF_TIMEOUT_MS = 1_500;

/** Most pages read between two turns of the event loop, however fast they go. */
export const PDF_SLICE_PAGES = 20;

/** User-facing details of the DocumentErrors thrown here. */
export const PDF_ERRORS = {
  encrypted: "The PDF is encrypted",
  corrupt: "The PDF file is corrupt or unreadable",
  timeout: "The PDF took too long to read",
  tooManyPages: (max: number) => `The PDF has too many pages (max ${max})`,
} as const;

/**
 * Reads the text of every page in reading order (a line break wherever PDF.js reports the end
 * of a line, a tab between table columns; pages joined by `\n`), including CJK text from
 * embedded fonts and from predefined CMaps. Returns the text and the page count. Throws
 * DocumentError when the PDF is encrypted, corrupt, has more than `maxPages` pages, or is not
 * read within `timeoutMs`.
 */
export async function extractPdfText(
  bytes: Uint8Array,
  options: PdfOptions = {},
): Promise<PdfText> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PDF_PAGES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
  const resources = options.resources ?? (await defaultPdfResourceUrls());
  const pdfjs = await loadPdfjs();
  // The parser hands the loop back between its messages, not only between pages.
  const parser = slicedPdfWorker(pdfjs);

  const task = pdfjs.getDocument({
    worker: parser?.worker,
    // PDF.js may take ownership of the buffer it is given; the caller keeps its bytes.
    data: bytes.slice(),
    cMapUrl: resources.cMapUrl ?? undefined,
    cMapPacked: true,
    standardFontDataUrl: resources.standardFontDataUrl ?? undefined,
    BinaryDataFactory: PdfResourceReader,
    useWorkerFetch: false,
    disableFontFace: true,
    // Text extraction never needs image pixels; this keeps huge images from being decoded.
    maxImageSize: 1024 * 1024,
    verbosity: 0,
  });

  // PDF.js without a worker runs mostly in microtasks, so a timer alone rarely gets a turn
  // while it works: the clock is also checked between steps. A single page that spins inside
  // PDF.js cannot be interrupted; the page cap bounds how many such steps there are.
  const deadlineAt = performance.now() + timeoutMs;
  const checkClock = () => {
    if (performance.now() > deadlineAt) throw new DocumentError(PDF_ERRORS.timeout);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DocumentError(PDF_ERRORS.timeout)), timeoutMs);
  });

  // Other requests on this isolate get the loop back between pages, every LOOP_SLICE_MS or
  // PDF_SLICE_PAGES pages, whichever comes first (loop_yield.ts): PDF.js alone would hold it
  // for the whole read.
  const loop = new LoopSlicer(PDF_SLICE_PAGES);
  const read = async (): Promise<PdfText> => {
    const pdf = await task.promise;
    if (pdf.numPages > maxPages) throw new DocumentError(PDF_ERRORS.tooManyPages(maxPages));
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      await loop.step();
      checkClock();
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageItemsToText(content.items.filter((item) => "str" in item)));
      page.cleanup();
    }
    checkClock();
    return { text: pages.join("\n"), pages: pdf.numPages };
  };

  const work = read();
  // After a timeout the abandoned read rejects when the document is destroyed; nobody awaits it.
  work.catch(() => {});
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    throw toDocumentError(error);
  } finally {
    clearTimeout(timer);
    // Stops any work still queued (on timeout) and frees the document either way.
    await task.destroy().catch(() => {});
    parser?.close();
  }
}

function toDocumentError(error: unknown): DocumentError {
  if (error instanceof DocumentError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "PasswordException") return new DocumentError(PDF_ERRORS.encrypted);
  return new DocumentError(PDF_ERRORS.corrupt);
}
