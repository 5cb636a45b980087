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
 * Resolves after one turn of the event loop: ready I/O (other requests, database answers) is
 * served, and timers due for a few milliseconds have run. The turn is taken by awaiting an
 * asynchronous operation that completes at once (a digest of nothing): the runtime polls its
 * sockets before it resolves, and the turn costs about 0.05 ms. Such a turn does not always
 * reach the timers, so a timer set at one yield tells the next ones whether they did: when it
 * has been due for {@link TIMER_TURN_MS} without running, the yield waits for a timer turn
 * (`setTimeout(0)`). That wait alone, for every yield, would cost 1–3 ms (it sleeps until the
 * next millisecond tick), which forced yields 10 ms apart, and a request waiting on the loop
 * waited that long at each of its steps. MessageChannel messages and `setImmediate` cost
 * little but are no turn: under Deno, sockets were not served between them (measured;
 * docs/uploads.md).
 */
export async function yieldToEventLoop(): Promise<void> {
  yieldsSoFar++;
  await crypto.subtle.digest("SHA-1", NOTHING);
  if (canary.ran) {
    canary.ran = false;
    canary.setAt = performance.now();
    setTimeout(() => canary.ran = true, 0);
  } else if (performance.now() - canary.setAt >= TIMER_TURN_MS) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** How long (ms) a due timer may wait behind yields that did not reach the timers. */
export const TIMER_TURN_MS = 4;

const NOTHING = new Uint8Array(0);
// The timer set at a yield: whether it has run, and when it was set.
const canary = { ran: true, setAt: 0 };

/**
 * The longest stretch of work (ms) aimed for between two turns of the event loop, for every
 * reader of an upload. A request waiting on the loop waits up to this long at each of its
 * steps (its token check, each database round trip, its response), so it is short; a turn
 * costs about 0.05 ms ({@link yieldToEventLoop}), 5% of a slice at most.
 */
export const LOOP_SLICE_MS = 1;

/**
 * Decides when a loop of small synchronous steps (pages, lines) yields: once `sliceMs`
 * ({@link LOOP_SLICE_MS} for every reader of an upload) have passed since the last yield, and in
 * any case every `maxSteps` steps, so that the loop gets a turn every slice without paying a
 * yield for every step.
 */
export class LoopSlicer {
  #steps = 0;
  #since = performance.now();

  /** `maxSteps`: hard bound on steps between yields; `sliceMs`: longest stretch aimed for. */
  constructor(
    readonly maxSteps = Number.POSITIVE_INFINITY,
    readonly sliceMs = LOOP_SLICE_MS,
  ) {}

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
 * every {@link LOOP_SLICE_MS} of work and every `maxSteps` pauses at most. Resolves to the same
 * result.
 */
export async function runYielding<T>(steps: ReadingSteps<T>, maxSteps: number): Promise<T> {
  const loop = new LoopSlicer(maxSteps);
  for (let step = steps.next();; step = steps.next()) {
    if (step.done) return step.value;
    await loop.step();
  }
}
