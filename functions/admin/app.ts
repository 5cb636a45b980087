/**
 * The `admin` edge function (contract §9): what the main system's admins see across users.
 * Every route needs a token whose `role` claim is `admin`; the rows of other users are opened
 * to it by row-level-security policies on that claim, not by a privileged connection.
 *
 * Today: `GET /admin/users` and `GET /admin/activity`. Changing a user, the export, the metrics
 * and the webhook routes of §9 are still to come (docs/api.md §9).
 */
import { z } from "zod";
import { activityPage } from "../../shared/db/activity.ts";
import { listUsers } from "../../shared/db/admin_users.ts";
import { type AppDeps, createFunctionApp, type FunctionApp } from "../../shared/http/app.ts";
import { requireAdmin, requireAuth } from "../../shared/http/auth.ts";
import { ApiError, Detail } from "../../shared/http/errors.ts";
import {
  AUTHENTICATED_ERRORS,
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  errorResponses,
  json,
  successHeaders,
} from "../../shared/http/openapi.ts";
import { pageLimit, pageOffset } from "../../shared/http/paging.ts";
import { declareRoute } from "../../shared/http/routes.ts";
import { withUser } from "../../shared/http/with_user.ts";

const ActivityQuery = z.object({
  external_user_id: z.string().min(1).max(100).optional().meta({
    param: { description: "Only this user's activity" },
    example: "12345",
  }),
  limit: pageLimit(200, 50),
  cursor: z.string().regex(/^[1-9][0-9]{0,17}$/).optional().meta({
    param: { description: "`next_cursor` of the previous page" },
  }),
});

const QUERY_ERROR = "Invalid request: limit must be 1–200, cursor a previous next_cursor, " +
  "external_user_id 1–100 characters";

const AT = "2024-01-01T10:00:00Z";

const UsersQuery = z.object({
  limit: pageLimit(200, 50),
  offset: pageOffset("Users"),
  status: z.enum(["none", "in_progress", "completed"]).optional().meta({
    param: { description: "Only users whose onboarding stands so" },
  }),
  q: z.string().min(1).max(100).optional().meta({
    param: { description: "Part of the username or external user id (any case)" },
    example: "john",
  }),
});

const USERS_QUERY_ERROR = "Invalid request: limit must be 1–200, offset 0 or more, status " +
  "none, in_progress or completed, q 1–100 characters";

/** The users page schema, made with the document. */
const usersSchema = documentOnly(() => {
  const { TimestampSchema } = documentSchemas();
  return z.strictObject({
    items: z.array(z.strictObject({
      external_user_id: z.string(),
      username: z.string(),
      role: z.enum(["user", "admin"]),
      is_active: z.boolean(),
      created_at: TimestampSchema,
      last_active_at: TimestampSchema.nullable().meta({
        description: "The latest action in the activity log",
      }),
      onboarding_status: z.enum(["none", "in_progress", "completed"]).meta({
        description: "`completed` once any session is, `in_progress` with an active one only",
      }),
      latest_session_id: z.number().int().nullable(),
      completed_at: TimestampSchema.nullable().meta({ description: "The latest completion" }),
    })),
    total: z.number().int().meta({ description: "Users that match, on every page" }),
    limit: z.number().int(),
    offset: z.number().int(),
  }).meta({ id: "AdminUsersPage" });
});

/** The response schema, made with the document (it validates nothing: see `documentOnly`). */
const activitySchema = documentOnly(() => {
  const { TimestampSchema } = documentSchemas();
  return z.strictObject({
    items: z.array(z.strictObject({
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
    })),
    next_cursor: z.string().nullable().meta({ description: "null on the last page" }),
  }).meta({ id: "ActivityPage" });
});

// The errors of an admin route whose query parameters fail with `queryError`.
function adminErrors(queryError: string) {
  return errorResponses(AUTHENTICATED_ERRORS, {
    400: { description: "A query parameter out of range", detail: queryError },
    403: { description: "Not an admin, or inactive", detail: Detail.adminRequired },
  });
}

/** Builds the `admin` app. */
export function createAdminApp(deps: AppDeps): FunctionApp {
  const app = createFunctionApp("admin", deps);
  const admins = [requireAuth(deps.config), requireAdmin] as const;

  declareRoute(app, {
    method: "get",
    path: "/users",
    middleware: admins,
    query: UsersQuery,
    onInvalid: () => new ApiError(400, USERS_QUERY_ERROR),
    document: () => ({
      operationId: "adminUsers",
      tags: ["admin"],
      summary: "Users",
      description: "Every user with where their onboarding stands, oldest account first, one " +
        "page at a time, with the total that match.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "One page of users",
          headers: successHeaders(),
          content: json(usersSchema(), {
            items: [{
              external_user_id: "12345",
              username: "john_doe",
              role: "user",
              is_active: true,
              created_at: AT,
              last_active_at: AT,
              onboarding_status: "completed",
              latest_session_id: 7,
              completed_at: AT,
            }],
            total: 1,
            limit: 50,
            offset: 0,
          }),
        },
        ...adminErrors(USERS_QUERY_ERROR),
      },
    }),
  }, async (c, { query }) => {
    const page = await withUser(c, deps, (tx) => listUsers(tx, query));
    return c.json({ ...page, limit: query.limit, offset: query.offset });
  });

  declareRoute(app, {
    method: "get",
    path: "/activity",
    middleware: admins,
    query: ActivityQuery,
    onInvalid: () => new ApiError(400, QUERY_ERROR),
    document: () => ({
      operationId: "adminActivity",
      tags: ["admin"],
      summary: "Activity log",
      description: "What was done, newest first, one page at a time (keyset pagination: pass " +
        "`next_cursor` as `cursor`). Actions: `session.created`, `message`, `upload`, " +
        "`session.completed`, `export`; `admin.user_updated` and `webhook.failed` are not " +
        "recorded yet.",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "One page of the log",
          headers: successHeaders(),
          content: json(activitySchema(), {
            items: [{
              id: 42,
              at: AT,
              external_user_id: "12345",
              actor: "12345",
              action: "message",
              session_id: 7,
              detail: { completed: false },
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
        before: query.cursor === undefined ? undefined : Number(query.cursor),
      }));
    return c.json(page);
  });
  return app;
}
