/**
 * Handing the event loop back between steps of a long document read. Text extraction runs on
 * the request's own isolate (Supabase Edge Functions have no Web Workers), and PDF.js without
 * a worker chains its steps through promises, which never let timers, sockets or other
 * requests in: one 300-page PDF would hold every other request on the server for its whole
 * read. A yield here is a macrotask, so everything already queued runs before the read goes on.
 */

let yieldsSoFar = 0;

/** How many times any LoopYielder has handed the loop back in this isolate (for tests, bench). */
export function loopYields(): number {
  return yieldsSoFar;
}

/**
 * Yields to the event loop on demand, through a MessageChannel kept for one read: a posted
 * message is a macrotask (I/O and due timers run first) that costs microseconds, where
 * `setTimeout(0)` is clamped to 1 ms or more per call and would slow a 300-page read by about
 * a second. Falls back to `setTimeout(0)` where MessageChannel is missing. Close it when the
 * read ends: an open port keeps the isolate alive.
 */
export class LoopYielder {
  #channel = typeof MessageChannel === "function" ? new MessageChannel() : null;
  #waiting: (() => void)[] = [];

  /** Starts listening for its own messages. */
  constructor() {
    if (this.#channel !== null) {
      this.#channel.port1.onmessage = () => this.#waiting.shift()?.();
    }
  }

  /** Resolves once the event loop has run whatever was queued before this call. */
  yield(): Promise<void> {
    yieldsSoFar++;
    return new Promise((resolve) => {
      if (this.#channel === null) {
        setTimeout(resolve, 0);
        return;
      }
      this.#waiting.push(resolve);
      this.#channel.port2.postMessage(null);
    });
  }

  /** Closes the channel, releasing anyone still waiting; later yields use `setTimeout(0)`. */
  close(): void {
    if (this.#channel === null) return;
    this.#channel.port1.close();
    this.#channel.port2.close();
    this.#channel = null;
    for (const resolve of this.#waiting.splice(0)) resolve();
  }
}
