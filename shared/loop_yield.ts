/**
 * Handing the event loop back between steps of long work on a request: reading an upload's
 * body, hashing it, extracting its text. Everything runs on the request's own isolate
 * (Supabase Edge Functions have no Web Workers), and PDF.js without a worker chains its steps
 * through promises, which never let timers, sockets or other requests in: one 300-page PDF
 * would hold every other request on the server for its whole read. A yield here is a
 * macrotask, so what is already due runs before the work goes on.
 */

let yieldsSoFar = 0;

/** How many times the loop has been handed back in this isolate (for tests and the bench). */
export function loopYields(): number {
  return yieldsSoFar;
}

/**
 * Resolves after one turn of the event loop, through `setTimeout(0)`: timers already due run
 * first (in deadline order) and ready I/O (other requests) is served. A yield waits about
 * 1–3 ms, which is why callers yield by time slices (LoopSlicer), not after every step. A
 * MessageChannel message would cost less but is not a dependable turn: once PDF.js has run,
 * Deno delivered dozens of them in a row before a due timer got its turn.
 */
export function yieldToEventLoop(): Promise<void> {
  yieldsSoFar++;
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Decides when a loop of small synchronous steps (pages, lines) yields: once `sliceMs` have
 * passed since the last yield, and in any case every `maxSteps` steps, so that a turn of the
 * loop comes every few milliseconds without paying a yield's wait for every step.
 */
export class LoopSlicer {
  #steps = 0;
  #since = performance.now();

  /** `sliceMs`: longest stretch without a yield that is aimed for; `maxSteps`: hard bound. */
  constructor(readonly sliceMs: number, readonly maxSteps: number) {}

  /** Call after each step: yields (a macrotask) when the slice or the step bound is used up. */
  async step(): Promise<void> {
    this.#steps++;
    if (this.#steps < this.maxSteps && performance.now() - this.#since < this.sliceMs) return;
    await yieldToEventLoop();
    this.#steps = 0;
    this.#since = performance.now();
  }
}

/**
 * A long synchronous reading cut into steps: the generator pauses (a bare `yield`) wherever
 * the loop may be handed back, and returns its result. One reading serves both drivers below.
 */
export type ReadingSteps<T> = Generator<void, T, void>;

/** Runs a reading to its end without pausing (tests, scripts, small inputs). */
export function runToEnd<T>(steps: ReadingSteps<T>): T {
  for (let step = steps.next();; step = steps.next()) if (step.done) return step.value;
}

/**
 * Runs a reading for a request being served: a LoopSlicer over its pauses hands the loop back
 * every `sliceMs` of work and every `maxSteps` pauses at most. Resolves to the same result.
 */
export async function runYielding<T>(
  steps: ReadingSteps<T>,
  sliceMs: number,
  maxSteps: number,
): Promise<T> {
  const loop = new LoopSlicer(sliceMs, maxSteps);
  for (let step = steps.next();; step = steps.next()) {
    if (step.done) return step.value;
    await loop.step();
  }
}
