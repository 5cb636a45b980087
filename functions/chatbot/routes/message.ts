/**
 * `POST /message` (contract §5.3): JSON, or with `Accept: text/event-stream` server-sent events
 * (see `message_stream.ts`).
 */
import type { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../../../shared/http/app.ts";
import { expectIdempotency } from "../../../shared/http/idempotency.ts";
import { readJsonBody } from "../../../shared/http/json_body.ts";
import { countsAs } from "../../../shared/http/rate_limits.ts";
import type { ConversationEngine } from "../../../shared/onboarding/engine/mod.ts";
import { MAX_MESSAGE_LENGTH } from "../../../shared/onboarding/limits.ts";
import { takeTurn, type TurnOutcome } from "../conversation.ts";
import { streamTurn, wantsEventStream } from "./message_stream.ts";
import { engineForRequest } from "../engine.ts";

const MessageBody = z.object({
  message: z.string({ error: "message must be a string" }).trim()
    .min(1, "message must not be empty")
    .max(MAX_MESSAGE_LENGTH, `message must be at most ${MAX_MESSAGE_LENGTH} characters`),
  session_id: z.number({ error: "session_id must be an integer" }).int(
    "session_id must be an integer",
  )
    .min(1, "session_id must be positive").max(2147483647, "session_id is too large"),
});

/** Adds `POST /message` to `app`. */
export function messageRoutes(
  app: Hono<AppEnv>,
  deps: AppDeps,
  fixedEngine?: ConversationEngine,
): void {
  app.post("/message", countsAs("message"), async (c) => {
    const body = await readJsonBody(c, MessageBody);
    await expectIdempotency(c, body);
    const engine = fixedEngine ?? engineForRequest(deps.config, c.get("requestId"));
    const respond = (outcome: TurnOutcome) => responseBody(body.session_id, outcome);
    if (wantsEventStream(c.req.header("Accept"))) {
      return await streamTurn(c, deps, body, engine, respond);
    }
    const outcome = await takeTurn(c, deps, body.session_id, body.message, engine, { respond });
    return c.json(respond(outcome));
  });
}

/** The response of a turn (also the `done` event's data). */
function responseBody(sessionId: number, outcome: TurnOutcome) {
  return {
    session_id: sessionId,
    message: outcome.turn.reply,
    completed: outcome.turn.completed,
    progress: outcome.progress,
  };
}
