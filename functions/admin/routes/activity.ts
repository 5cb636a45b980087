/**
 * `GET /admin/activity` (contract §9): the activity log, newest first.
 */
import { z } from "zod";
import { activityPage } from "../../../shared/db/activity.ts";
import type { AppDeps, FunctionApp } from "../../../shared/http/app.ts";
import { ApiError } from "../../../shared/http/errors.ts";
import {
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  EXAMPLE_TIME,
  json,
  successHeaders,
} from "../../../shared/http/openapi.ts";
import { keysetCursor, keysetPage, pageLimit } from "../../../shared/http/paging.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import { adminErrors, adminOnly } from "./common.ts";

const ActivityQuery = z.object({
  external_user_id: z.string().min(1).max(100).optional().meta({
    param: { description: "Only this user's activity" },
    example: "12345",
  }),
  limit: pageLimit(200, 50),
  cursor: keysetCursor(),
});

const QUERY_ERROR = "Invalid request: limit must be 1–200, cursor a previous next_cursor, " +
  "external_user_id 1–100 characters";

/** The response schema, made with the document (it validates nothing: see `documentOnly`). */
const activitySchema = documentOnly(() => {
  const { TimestampSchema } = documentSchemas();
  return keysetPage(
    z.strictObject({
      id: z.number().int(),
      at: TimestampSchema,
      external_user_id: z.string().meta({ description: "Whose data the action concerned" }),
      actor: z.string().meta({ description: "Who acted" }),
      action: z.enum([
        "session.created",
        "message",
        "upload",
        "session.completed",
        "export",
        "admin.user_updated",
        "webhook.failed",
      ]),
      session_id: z.number().int().nullable(),
      detail: z.record(z.string(), z.unknown()).meta({
        description: "What the action concerned, never a message's text or a file's content",
      }),
    }),
    "ActivityPage",
  );
});

/** Adds `GET /activity` to the admin app. */
export function activityRoutes(app: FunctionApp, deps: AppDeps): void {
  declareRoute(app, {
    method: "get",
    path: "/activity",
    middleware: adminOnly(deps.config),
    query: ActivityQuery,
    onInvalid: () => new ApiError(400, QUERY_ERROR),
    document: () => ({
      operationId: "adminActivity",
      tags: ["admin"],
      summary: "Activity log",
      description: "What was done, newest first, one page at a time (keyset pagination: pass " +
        "`next_cursor` as `cursor`).",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "One page of the log",
          headers: successHeaders(),
          content: json(activitySchema(), {
            items: [{
              id: 42,
              at: EXAMPLE_TIME,
              external_user_id: "12345",
              actor: "12345",
              action: "message",
              session_id: 7,
              detail: { completed: false, asked: "capital_amount" },
            }],
            next_cursor: "42",
          }),
        },
        ...adminErrors(QUERY_ERROR),
      },
    }),
  }, async (c, { query }) => {
    const page = await withUser(c, deps, (tx) =>
      activityPage(tx, {
        owner: query.external_user_id,
        limit: query.limit,
        before: query.cursor,
      }));
    return c.json(page);
  });
}
