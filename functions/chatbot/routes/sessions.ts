/**
 * Session routes (contract §5.2, §5.4–§5.6).
 */
import type { Hono } from "hono";
import { z } from "zod";
import {
  latestActiveSession,
  listMessages,
  listSessions,
  sessionExists,
} from "../../../shared/db/sessions.ts";
import type { AppDeps, AppEnv } from "../../../shared/http/app.ts";
import { ApiError, Detail } from "../../../shared/http/errors.ts";
import { expectIdempotency } from "../../../shared/http/idempotency.ts";
import { parseId } from "../../../shared/http/json_body.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import { type StartedSession, startSession } from "../conversation.ts";

const PageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Adds the session routes to `app`. */
export function sessionRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post("/sessions/new", async (c) => {
    await expectIdempotency(c, null); // no body: every request with the key is the same
    const started = await withUser(
      c,
      deps,
      (tx, caller) => startSession(tx, caller),
      { response: (started) => ({ status: 200, body: startedBody(started) }) },
    );
    return c.json(startedBody(started));
  });

  app.get("/sessions", async (c) => {
    const page = PageSchema.safeParse(c.req.query());
    if (!page.success) {
      throw new ApiError(400, "Invalid request: limit must be 1–500 and offset 0 or more");
    }
    const sessions = await withUser(
      c,
      deps,
      (tx, caller) => listSessions(tx, caller.owner, page.data),
    );
    return c.json(sessions);
  });

  app.get("/sessions/latest", async (c) => {
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

  app.get("/sessions/:id/messages", async (c) => {
    const sessionId = parseId(c.req.param("id"), new ApiError(404, Detail.sessionNotFound));
    const messages = await withUser(c, deps, async (tx) => {
      const [exists, messages] = await Promise.all([
        sessionExists(tx, sessionId),
        listMessages(tx, sessionId),
      ]);
      return exists ? messages : undefined;
    });
    if (!messages) throw new ApiError(404, Detail.sessionNotFound);
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
