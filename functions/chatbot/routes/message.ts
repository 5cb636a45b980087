/**
 * `POST /message` (contract §5.3): JSON, or with `Accept: text/event-stream` server-sent events
 * (see `message_stream.ts`).
 */
import { z } from "zod";
import type { AppDeps, FunctionApp } from "../../../shared/http/app.ts";
import { Detail } from "../../../shared/http/errors.ts";
import { expectIdempotency } from "../../../shared/http/idempotency.ts";
import { readJsonBody } from "../../../shared/http/json_body.ts";
import {
  AUTHENTICATED_ERRORS,
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  errorResponses,
  json,
  PROGRESS_EXAMPLE,
  successHeaders,
} from "../../../shared/http/openapi.ts";
import { countsAs } from "../../../shared/http/rate_limits.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import type { ConversationEngine } from "../../../shared/onboarding/engine/mod.ts";
import { MAX_MESSAGE_LENGTH } from "../../../shared/onboarding/limits.ts";
import type { TurnOutcome } from "../conversation.ts";
import { loadConversation, loadMessageStream } from "../load.ts";
import { engineForRequest } from "../engine.ts";

/** The request body; `readJsonBody` validates it, and the document describes it. */
const MessageBody = z.object({
  message: z.string({ error: "message must be a string" }).trim()
    .min(1, "message must not be empty")
    .max(MAX_MESSAGE_LENGTH, `message must be at most ${MAX_MESSAGE_LENGTH} characters`)
    .meta({ description: "The user's message, 1–4000 characters after trimming" }),
  session_id: z.number({ error: "session_id must be an integer" }).int(
    "session_id must be an integer",
  )
    .min(1, "session_id must be positive").max(2147483647, "session_id is too large")
    .meta({ description: "The caller's active session" }),
}).meta({ id: "MessageRequest" });

/** The fields of a turn's response (an upload's adds its own); made with the document. */
export const turnFields = documentOnly(() => ({
  session_id: z.number().int(),
  message: z.string().meta({ description: "The assistant's reply" }),
  completed: z.boolean().meta({ description: "This turn completed the session" }),
  progress: documentSchemas().ProgressSchema,
}));

/** The response of a turn, and the data of the stream's `done` event. */
const turnSchema = documentOnly(() => z.strictObject(turnFields()).meta({ id: "MessageResponse" }));

const REPLY = "好的，您的公司屬於電子業。接下來，請問貴公司的資本總額是多少？（請以臺幣為單位）";

const TURN_EXAMPLE = {
  session_id: 1,
  message: REPLY,
  completed: false,
  progress: PROGRESS_EXAMPLE,
};

const STREAM_DESCRIPTION = [
  "With `Accept: text/event-stream`: server-sent events, each `event: <name>` and `data: <JSON>`:",
  "",
  '- `delta` `{"text": "…"}`: the next piece of the reply;',
  "- `reset` `{}`: forget the text received so far, the reply starts over;",
  "- `done`: the JSON response (`MessageResponse`), once, last;",
  '- `error` `{"detail": "…"}` instead of `done` when the turn fails after the stream started ' +
  "(nothing was stored): `Internal server error`, `Service temporarily unavailable` or " +
  "`Chat session already completed`.",
  "",
  "The deltas after the last `reset` concatenate to `done.message`. Comment lines " +
  "(`: keep-alive`) keep the connection open. Errors before the stream starts (400, 401, 403, " +
  "404, 409, 429, 503) are the usual JSON responses.",
].join("\n");

const STREAM_EXAMPLE = [
  "event: delta",
  `data: {"text":"${REPLY}"}`,
  "",
  "event: done",
  `data: ${JSON.stringify(TURN_EXAMPLE)}`,
  "",
  "",
].join("\n");

/** Adds `POST /message` to `app`. */
export function messageRoutes(
  app: FunctionApp,
  deps: AppDeps,
  fixedEngine?: ConversationEngine,
): void {
  declareRoute(app, {
    method: "post",
    path: "/message",
    middleware: countsAs("message"),
    document: () => ({
      operationId: "sendMessage",
      tags: ["chatbot"],
      summary: "Send a message",
      description:
        "Stores the user's message, answers it and stores the reply, as one turn of the " +
        "conversation. The message is always processed: several facts in one message, " +
        "corrections and questions are understood. `completed` becomes true on the turn that " +
        "completes the session. Counted against the message rate limit too.\n\n" +
        STREAM_DESCRIPTION,
      security: BEARER_SECURITY,
      request: {
        headers: documentSchemas().IdempotencyHeaders,
        body: {
          required: true,
          content: json(MessageBody, { message: "我的公司是電子業", session_id: 1 }),
        },
      },
      responses: {
        200: {
          description: "The reply (JSON), or the reply streamed as server-sent events",
          headers: successHeaders(true),
          content: {
            ...json(turnSchema(), TURN_EXAMPLE),
            "text/event-stream": {
              schema: z.string().meta({ description: STREAM_DESCRIPTION }),
              example: STREAM_EXAMPLE,
            },
          },
        },
        ...errorResponses([...AUTHENTICATED_ERRORS, 404, 409], {
          400: {
            description: "The body is not UTF-8 JSON, holds a NUL or an unpaired surrogate, or a " +
              "field is missing or invalid (each listed in `errors`); or a malformed " +
              "Idempotency-Key",
            detail: "Invalid request: message: message must not be empty",
            errors: [{ field: "message", message: "message must not be empty" }],
          },
          409: {
            description: "The session is already completed (start a new one, which copies the " +
              "data), or the Idempotency-Key was used with a different request",
            detail: Detail.sessionCompleted,
          },
        }),
      },
    }),
  }, async (c) => {
    const body = await readJsonBody(c, MessageBody);
    await expectIdempotency(c, body);
    const engine = fixedEngine ?? await engineForRequest(deps.config, c.get("requestId"));
    const respond = (outcome: TurnOutcome) => responseBody(body.session_id, outcome);
    if (wantsEventStream(c.req.header("Accept"))) {
      const { streamTurn } = await loadMessageStream();
      return await streamTurn(c, deps, body, engine, respond);
    }
    const { takeTurn } = await loadConversation();
    const outcome = await takeTurn(c, deps, body.session_id, body.message, engine, { respond });
    return c.json(respond(outcome));
  });
}

/** Whether `accept` (an Accept header) asks for server-sent events. */
export function wantsEventStream(accept: string | undefined): boolean {
  return (accept ?? "").split(",").some((part) =>
    part.split(";")[0].trim().toLowerCase() === "text/event-stream"
  );
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
