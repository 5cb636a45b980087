/**
 * Session routes (contract §5.2, §5.4–§5.6).
 */
import { z } from "zod";
import {
  latestActiveSession,
  listMessages,
  listSessions,
  sessionExists,
} from "../../../shared/db/sessions.ts";
import type { AppDeps, FunctionApp } from "../../../shared/http/app.ts";
import { ApiError } from "../../../shared/http/errors.ts";
import { expectIdempotency } from "../../../shared/http/idempotency.ts";
import {
  AUTHENTICATED_ERRORS,
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  errorResponses,
  EXAMPLE_TIME,
  json,
  PROGRESS_EXAMPLE,
  successHeaders,
} from "../../../shared/http/openapi.ts";
import { pageLimit, pageOffset } from "../../../shared/http/paging.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import { sessionNotFound, SessionPath } from "./session_path.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import type { StartedSession } from "../conversation.ts";
import { loadConversation } from "../load.ts";

const PageSchema = z.object({ limit: pageLimit(500, 100), offset: pageOffset("Sessions") });

const PAGE_ERROR = "Invalid request: limit must be 1–500 and offset 0 or more";

/** The response schemas, made with the document (they validate nothing: see `documentOnly`). */
const schemas = documentOnly(() => {
  const { ProgressSchema, TimestampSchema } = documentSchemas();
  const SessionStatus = z.enum(["active", "completed"]);

  /** `POST /sessions/new`'s response (contract §5.2). */
  const StartedSchema = z.strictObject({
    session_id: z.number().int(),
    message: z.string().meta({ description: "The welcome message" }),
    company_info_copied: z.boolean().meta({
      description: "Data of an earlier session was copied into this one",
    }),
    completed: z.literal(false),
    progress: ProgressSchema,
  }).meta({ id: "NewSession" });

  const SessionSchema = z.strictObject({
    id: z.number().int(),
    user_id: z.number().int(),
    status: SessionStatus,
    created_at: TimestampSchema,
    updated_at: TimestampSchema.meta({ description: "Moves with every message" }),
    completed_at: TimestampSchema.nullable(),
  }).meta({ id: "Session" });

  const LatestSchema = z.union([
    z.strictObject({
      session_id: z.number().int(),
      status: SessionStatus,
      created_at: TimestampSchema,
    }),
    z.strictObject({ session_id: z.null() }),
  ]).meta({ id: "LatestSession" });

  const MessageSchema = z.strictObject({
    id: z.number().int(),
    session_id: z.number().int(),
    role: z.enum(["user", "assistant"]),
    content: z.string(),
    created_at: TimestampSchema,
  }).meta({ id: "ChatMessage" });
  return { StartedSchema, SessionSchema, LatestSchema, MessageSchema };
});

/** Adds the session routes to `app`. */
export function sessionRoutes(app: FunctionApp, deps: AppDeps): void {
  declareRoute(app, {
    method: "post",
    path: "/sessions/new",
    document: () => ({
      operationId: "startSession",
      tags: ["chatbot"],
      summary: "Start a session",
      description: "Creates a session and stores the welcome message. No body. When the caller " +
        "has earlier data (the latest completed session's, else the latest updated session's " +
        "with any), it is copied in: `company_info_copied` is true and the welcome summarises it.",
      security: BEARER_SECURITY,
      request: { headers: documentSchemas().IdempotencyHeaders },
      responses: {
        200: {
          description: "The new session and its welcome",
          headers: successHeaders(true),
          content: json(schemas().StartedSchema, {
            session_id: 1,
            message: "您好！我是企業導入 AI 助理 🤖\n\n…",
            company_info_copied: false,
            completed: false,
            progress: { ...PROGRESS_EXAMPLE, industry: false, fields_completed: 0 },
          }),
        },
        ...errorResponses([409, ...AUTHENTICATED_ERRORS], {
          400: {
            description: "A malformed Idempotency-Key",
            detail: "Idempotency-Key must be 1–255 printable ASCII characters",
          },
          409: {
            description: "The Idempotency-Key was used with a different request",
            detail: "Idempotency-Key was used with a different request",
          },
        }),
      },
    }),
  }, async (c) => {
    await expectIdempotency(c, null); // no body: every request with the key is the same
    const { startSession } = await loadConversation();
    const started = await withUser(
      c,
      deps,
      (tx, caller) => startSession(tx, caller),
      { response: (started) => ({ status: 200, body: startedBody(started) }) },
    );
    return c.json(startedBody(started));
  });

  declareRoute(app, {
    method: "get",
    path: "/sessions",
    query: PageSchema,
    onInvalid: () => new ApiError(400, PAGE_ERROR),
    document: () => ({
      operationId: "listSessions",
      tags: ["chatbot"],
      summary: "List sessions",
      description: "The caller's sessions, newest first, one page.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The sessions",
          headers: successHeaders(),
          content: json(z.array(schemas().SessionSchema), [
            {
              id: 2,
              user_id: 1,
              status: "completed",
              created_at: EXAMPLE_TIME,
              updated_at: EXAMPLE_TIME,
              completed_at: EXAMPLE_TIME,
            },
          ]),
        },
        ...errorResponses(AUTHENTICATED_ERRORS, {
          400: { description: "limit or offset out of range", detail: PAGE_ERROR },
        }),
      },
    }),
  }, async (c, { query: page }) => {
    const sessions = await withUser(
      c,
      deps,
      (tx, caller) => listSessions(tx, caller.owner, page),
    );
    return c.json(sessions);
  });

  declareRoute(app, {
    method: "get",
    path: "/sessions/latest",
    document: () => ({
      operationId: "latestSession",
      tags: ["chatbot"],
      summary: "The latest active session",
      description: 'The caller\'s newest active session, or `{"session_id": null}`.',
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The session, or none",
          headers: successHeaders(),
          content: json(schemas().LatestSchema, {
            session_id: 1,
            status: "active",
            created_at: EXAMPLE_TIME,
          }),
        },
        ...errorResponses(AUTHENTICATED_ERRORS),
      },
    }),
  }, async (c) => {
    const latest = await withUser(
      c,
      deps,
      (tx, caller) => latestActiveSession(tx, caller.owner),
    );
    return c.json(
      latest
        ? { session_id: latest.id, status: latest.status, created_at: latest.created_at }
        : { session_id: null },
    );
  });

  declareRoute(app, {
    method: "get",
    path: "/sessions/{session_id}/messages",
    params: SessionPath,
    onInvalid: sessionNotFound,
    document: () => ({
      operationId: "listMessages",
      tags: ["chatbot"],
      summary: "A session's messages",
      description: "Every message of the session, in conversation order.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The messages",
          headers: successHeaders(),
          content: json(z.array(schemas().MessageSchema), [
            {
              id: 1,
              session_id: 1,
              role: "assistant",
              content: "您好！我是企業導入 AI 助理 🤖\n\n…",
              created_at: EXAMPLE_TIME,
            },
            {
              id: 2,
              session_id: 1,
              role: "user",
              content: "我的公司是電子業",
              created_at: EXAMPLE_TIME,
            },
          ]),
        },
        ...errorResponses([...AUTHENTICATED_ERRORS, 404]),
      },
    }),
  }, async (c, { params }) => {
    const { session_id: sessionId } = params;
    const messages = await withUser(c, deps, async (tx, caller) => {
      const [exists, messages] = await Promise.all([
        sessionExists(tx, caller.owner, sessionId),
        listMessages(tx, caller.owner, sessionId),
      ]);
      return exists ? messages : undefined;
    });
    if (!messages) throw sessionNotFound();
    return c.json(messages);
  });
}

/** The response of `POST /sessions/new` (contract §5.2). */
function startedBody(started: StartedSession) {
  return {
    session_id: started.sessionId,
    message: started.message,
    company_info_copied: started.copied,
    completed: false,
    progress: started.progress,
  };
}
