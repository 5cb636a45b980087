/**
 * The streamed form of `POST /message`, chosen with `Accept: text/event-stream`: server-sent
 * events:
 *
 * - `event: delta`, `data: {"text":"…"}`: the next piece of the reply;
 * - `event: reset`, `data: {}`: forget the text received so far, the reply starts over (only
 *   after a streamed model sentence turned out not to open the final reply, e.g. the model
 *   failed mid-answer and the rule engine answered instead, or another message was stored on the
 *   session while the model answered and the turn is decided again);
 * - `event: done`, `data:` the JSON the non-streaming request returns, once, last;
 * - `event: error`, `data: {"detail":"Internal server error"}` instead of `done` when the turn
 *   fails after the stream started (the turn is rolled back, the error logged with the id);
 *   `"Service temporarily unavailable"` when a database timeout or outage cut it short, or the
 *   session kept changing while the model answered; `"Chat session already completed"` when
 *   another request completed it meanwhile.
 *
 * The deltas after the last `reset` concatenate to `done.message`. Validation, 401/403/404/409
 * and anything else before the session is locked and known active are the usual JSON errors.
 */
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppDeps, AppEnv } from "../../../shared/http/app.ts";
import { isDatabaseUnavailable, isTransientDatabaseError } from "../../../shared/db/errors.ts";
import { ApiError, Detail, logRequestError } from "../../../shared/http/errors.ts";
import { IdempotentReplay, REPLAYED_HEADER } from "../../../shared/http/idempotency.ts";
import type { ConversationEngine } from "../../../shared/onboarding/engine/mod.ts";
import type { TurnOutcome } from "../conversation.ts";
import { loadConversation } from "../load.ts";

/** Milliseconds between SSE comments keeping the connection busy (150 s idle limit). */
const HEARTBEAT_MS = 15_000;

/** Whether the `Accept` header lists `text/event-stream`. */
type StreamEvent =
  | { event: "delta"; data: { text: string } }
  | { event: "reset"; data: Record<string, never> }
  | { event: "done"; data: unknown }
  | { event: "error"; data: { detail: string } };

/** Events waiting to be written, in order; the writer drains them until closed. */
class EventQueue {
  #items: StreamEvent[] = [];
  #closed = false;
  #wake: (() => void) | null = null;

  push(event: StreamEvent): void {
    this.#items.push(event);
    this.#wake?.();
  }

  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  async *drain(): AsyncGenerator<StreamEvent> {
    while (true) {
      const next = this.#items.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => this.#wake = resolve);
      this.#wake = null;
    }
  }
}

/**
 * The streamed turn. The turn runs in its transaction as usual; the response switches to SSE
 * only once `takeTurn` reports the session locked and active, so every earlier failure is the
 * ordinary JSON error. `respond` makes the `done` data (the non-streaming response body). The
 * turn then runs to its end (and commits) even if the client leaves.
 */
export async function streamTurn(
  c: Context<AppEnv>,
  deps: AppDeps,
  body: { session_id: number; message: string },
  engine: ConversationEngine,
  respond: (outcome: TurnOutcome) => unknown,
): Promise<Response> {
  const { takeTurn } = await loadConversation();
  const queue = new EventQueue();
  let sent = ""; // the reply text sent since the last reset
  let markActive!: () => void;
  const active = new Promise<void>((resolve) => markActive = resolve);
  const turn = takeTurn(c, deps, body.session_id, body.message, engine, {
    respond,
    onActive: markActive,
    onReplyDelta: (text) => {
      if (text === "") return;
      sent += text;
      queue.push({ event: "delta", data: { text } });
    },
    onRestart: () => {
      if (sent === "") return;
      queue.push({ event: "reset", data: {} });
      sent = "";
    },
  });
  turn.catch(() => {}); // awaited below (race) or in the stream; never unhandled meanwhile
  try {
    await Promise.race([active, turn]); // a rejection here is a plain JSON error
  } catch (error) {
    if (error instanceof IdempotentReplay) return replayStream(c, error);
    throw error;
  }

  return streamSSE(c, async (stream) => {
    const write = async (event: StreamEvent) => {
      try {
        await stream.writeSSE({ event: event.event, data: JSON.stringify(event.data) });
      } catch {
        // The client left; the turn still finishes and is stored.
      }
    };
    const writer = (async () => {
      for await (const event of queue.drain()) await write(event);
    })();
    const heartbeat = setInterval(() => {
      stream.write(": keep-alive\n\n").catch(() => {});
    }, HEARTBEAT_MS);
    try {
      const outcome = await turn;
      // Whatever was previewed must open the final reply, or the client starts over.
      if (!outcome.turn.reply.startsWith(sent)) {
        queue.push({ event: "reset", data: {} });
        sent = "";
      }
      for (const text of pieces(outcome.turn.reply.slice(sent.length))) {
        queue.push({ event: "delta", data: { text } });
      }
      queue.push({ event: "done", data: respond(outcome) });
    } catch (error) {
      queue.push({ event: "error", data: { detail: streamErrorDetail(c, error) } });
    } finally {
      queue.close();
      await writer;
      clearInterval(heartbeat);
    }
  });
}

// A repeated Idempotency-Key's stored response, as the stream it was: the whole reply as one
// delta, then `done` with the stored body.
function replayStream(c: Context<AppEnv>, replay: IdempotentReplay): Response {
  const body = replay.body as { message?: unknown };
  c.header(REPLAYED_HEADER, "true");
  return streamSSE(c, async (stream) => {
    if (typeof body.message === "string" && body.message !== "") {
      await stream.writeSSE({ event: "delta", data: JSON.stringify({ text: body.message }) });
    }
    await stream.writeSSE({ event: "done", data: JSON.stringify(replay.body) });
  });
}

// The detail of the `error` event ending a stream whose turn failed (it was rolled back whole):
// an ApiError's own (the session was completed by another request meanwhile, or changed too
// often), "try again" for a timeout or an outage, else a logged 500.
function streamErrorDetail(c: Context<AppEnv>, error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  const down = isDatabaseUnavailable(error);
  logRequestError(c, error, { streaming: true, ...(down ? { level: "warn" } : {}) });
  return isTransientDatabaseError(error) ? Detail.unavailable : Detail.internal;
}

/** `text` cut into paragraphs, each keeping its trailing blank line. */
function pieces(text: string): string[] {
  return text.split(/(?<=\n\n)/).filter((piece) => piece !== "");
}
