/**
 * PDF.js's parser ("worker") on this event loop, as it must run on an edge function (no Web
 * Workers), behind a channel that hands the loop back. PDF.js's own fake worker passes each
 * message between the document side and the parser in a microtask, so opening a document and
 * reading its first page (the CMaps of a CJK font parsed, the font's glyph and Unicode maps
 * built) ran as one 25–50 ms stretch in which no other request was served. Here a message waits
 * for a turn of the event loop once the current slice of work is used up (loop_yield.ts), so
 * the parser's work is cut at every message it sends or receives. Its own steps between two
 * messages stay whole; the longest, building the maps of a font encoded by a named CJK CMap
 * (12–15 ms), the patched build does once per isolate (./pdfjs.ts, docs/uploads.md).
 *
 * @module
 */

import { LoopSlicer } from "../loop_yield.ts";
import type { Pdfjs } from "./pdfjs.ts";

type PdfWorker = InstanceType<Pdfjs["PDFWorker"]>;

/** A PDF.js worker for one document (`getDocument({ worker })`) and how to close it. */
export interface SlicedPdfWorker {
  worker: PdfWorker;
  /** Stops the parser (drops what it has not yet been handed) and frees the worker. */
  close(): void;
}

/** What unpdf's PDF.js build puts on `globalThis`: its parser, for a worker on our own port. */
interface PdfjsWorkerGlobal {
  pdfjsWorker?: { WorkerMessageHandler?: { initializeFromPort(port: unknown): void } };
}

/**
 * A PDF.js worker whose parser runs on this event loop over a SlicedLoopbackPort; null when
 * this build of PDF.js does not expose its parser, in which case PDF.js sets up its own fake
 * worker (the same text, in longer stretches). Call with the module `loadPdfjs()` resolved to:
 * evaluating it defines the parser.
 */
export function slicedPdfWorker(pdfjs: Pdfjs): SlicedPdfWorker | null {
  const parser = (globalThis as PdfjsWorkerGlobal).pdfjsWorker?.WorkerMessageHandler;
  if (parser === undefined) return null;
  // PDF.js types `port` as null, though its constructor takes any port-like object.
  const PortWorker = pdfjs.PDFWorker as unknown as new (options: {
    port: SlicedLoopbackPort;
    verbosity: number;
  }) => PdfWorker;
  const port = new SlicedLoopbackPort();
  // Quiet, as `getDocument({ verbosity: 0 })` makes PDF.js's own worker: a user's odd PDF
  // must not write PDF.js's warnings into the function's logs.
  const worker = new PortWorker({ port, verbosity: 0 });
  parser.initializeFromPort(port);
  return {
    worker,
    close() {
      worker.destroy();
      port.terminate();
    },
  };
}

type Listener = (event: { data: unknown }) => void;

/**
 * A `MessagePort`-like object both sides of PDF.js listen and post on, as PDF.js's
 * `LoopbackPort` is: a message is cloned (transferring what it lists) when posted and handed
 * to every listener in the order posted, after a turn of the event loop when the slice is used
 * up. Pass it as `new PDFWorker({ port })` and to `WorkerMessageHandler.initializeFromPort`.
 */
export class SlicedLoopbackPort {
  readonly #listeners = new Set<Listener>();
  readonly #queue: { data: unknown }[] = [];
  readonly #loop = new LoopSlicer();
  #pumping = false;

  /** Queues a structured clone of `data` for every listener. */
  postMessage(data: unknown, transfer?: Transferable[]): void {
    this.#queue.push({ data: structuredClone(data, transfer ? { transfer } : undefined) });
    if (!this.#pumping) {
      this.#pumping = true;
      queueMicrotask(() => this.#pump());
    }
  }

  /**
   * Adds a listener (the type is always "message"; PDF.js passes no other). PDF.js's message
   * handlers detach themselves by aborting the `signal` they pass.
   */
  addEventListener(
    _type: string,
    listener: Listener,
    options?: { signal?: AbortSignal },
  ): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    this.#listeners.add(listener);
    signal?.addEventListener("abort", () => this.#listeners.delete(listener), { once: true });
  }

  /** Removes a listener. */
  removeEventListener(_type: string, listener: Listener): void {
    this.#listeners.delete(listener);
  }

  /** Drops every listener and any message not yet handed over. */
  terminate(): void {
    this.#listeners.clear();
    this.#queue.length = 0;
  }

  async #pump(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        await this.#loop.step();
        const event = this.#queue.shift();
        if (event === undefined) break; // terminated while waiting
        for (const listener of [...this.#listeners]) {
          // PDF.js's own port let such an error escape as an unhandled rejection, which ends a
          // Deno process and every request on it. It is logged instead and the messages behind
          // it are still handed over; a read left waiting ends at its time budget.
          try {
            listener.call(this, event);
          } catch (error) {
            logListenerError(error);
          }
        }
      }
    } finally {
      this.#pumping = false;
    }
  }
}

function logListenerError(error: unknown): void {
  console.error(JSON.stringify({
    level: "error",
    event: "pdf_message_failed",
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  }));
}
