/**
 * `GET /admin/users` and `PATCH /admin/users/{external_user_id}` (contract §9): every user with
 * where their onboarding stands, and deactivating or reactivating one.
 */
import { z } from "zod";
import { listUsers, setUserActive } from "../../../shared/db/admin_users.ts";
import type { AppDeps, FunctionApp } from "../../../shared/http/app.ts";
import { ApiError } from "../../../shared/http/errors.ts";
import { readJsonBody } from "../../../shared/http/json_body.ts";
import {
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  EXAMPLE_TIME,
  json,
  successHeaders,
} from "../../../shared/http/openapi.ts";
import { pageLimit, pageOffset } from "../../../shared/http/paging.ts";
import { declareRoute } from "../../../shared/http/routes.ts";
import { withUser } from "../../../shared/http/with_user.ts";
import { adminErrors, adminOnly } from "./common.ts";

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

const UserPath = z.object({
  external_user_id: z.string().min(1).max(100).meta({
    param: { description: "The user's id in the main system" },
    example: "12345",
  }),
});

const PATH_ERROR = "Invalid request: external_user_id must be 1–100 characters";

/** The body of `PATCH /admin/users/{external_user_id}`. */
const UserPatch = z.strictObject({
  is_active: z.boolean({ error: "is_active must be true or false" }).meta({
    description: "false: the user's next request gets 403; true: allowed again",
  }),
}).meta({ id: "AdminUserPatch" });

/** The detail of a 404: no user with that id has ever called the API. */
export const USER_NOT_FOUND = "User not found";

/** One user as the admin routes show it, made with the document. */
const userSchema = documentOnly(() => {
  const { TimestampSchema } = documentSchemas();
  return z.strictObject({
    external_user_id: z.string(),
    username: z.string(),
    role: z.enum(["user", "admin"]),
    is_active: z.boolean(),
    created_at: TimestampSchema,
    last_active_at: TimestampSchema.nullable().meta({
      description: "The user's own latest action in the activity log",
    }),
    onboarding_status: z.enum(["none", "in_progress", "completed"]).meta({
      description: "`completed` once any session is, `in_progress` with an active one only",
    }),
    latest_session_id: z.number().int().nullable(),
    completed_at: TimestampSchema.nullable().meta({ description: "The latest completion" }),
  }).meta({ id: "AdminUser" });
});

/** The users page schema, made with the document. */
const usersSchema = documentOnly(() =>
  z.strictObject({
    items: z.array(userSchema()),
    total: z.number().int().meta({ description: "Users that match, on every page" }),
    limit: z.number().int(),
    offset: z.number().int(),
  }).meta({ id: "AdminUsersPage" })
);

const USER_EXAMPLE = {
  external_user_id: "12345",
  username: "john_doe",
  role: "user",
  is_active: true,
  created_at: EXAMPLE_TIME,
  last_active_at: EXAMPLE_TIME,
  onboarding_status: "completed",
  latest_session_id: 7,
  completed_at: EXAMPLE_TIME,
};

/** Adds `GET /users` and `PATCH /users/{external_user_id}` to the admin app. */
export function userRoutes(app: FunctionApp, deps: AppDeps): void {
  const middleware = adminOnly(deps.config);

  declareRoute(app, {
    method: "get",
    path: "/users",
    middleware,
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
          content: json(usersSchema(), { items: [USER_EXAMPLE], total: 1, limit: 50, offset: 0 }),
        },
        ...adminErrors(USERS_QUERY_ERROR),
      },
    }),
  }, async (c, { query }) => {
    const page = await withUser(c, deps, (tx) => listUsers(tx, query));
    return c.json({ ...page, limit: query.limit, offset: query.offset });
  });

  declareRoute(app, {
    method: "patch",
    path: "/users/{external_user_id}",
    middleware,
    params: UserPath,
    onInvalid: () => new ApiError(400, PATH_ERROR),
    document: () => ({
      operationId: "adminUpdateUser",
      tags: ["admin"],
      summary: "Deactivate or reactivate a user",
      description: "A deactivated user gets 403 `User account is inactive` on their next " +
        "request, whatever their token. Recorded in the activity log as `admin.user_updated`.",
      security: BEARER_SECURITY,
      request: {
        body: { required: true, content: json(UserPatch, { is_active: false }) },
      },
      responses: {
        200: {
          description: "The user, changed",
          headers: successHeaders(),
          content: json(userSchema(), { ...USER_EXAMPLE, is_active: false }),
        },
        ...adminErrors("Invalid request: is_active: is_active must be true or false", {
          404: { description: "No user with this id has used the API", detail: USER_NOT_FOUND },
        }, [404]),
      },
    }),
  }, async (c, { params }) => {
    const { is_active } = await readJsonBody(c, UserPatch);
    const user = await withUser(
      c,
      deps,
      (tx) => setUserActive(tx, params.external_user_id, is_active),
    );
    if (!user) throw new ApiError(404, USER_NOT_FOUND);
    return c.json(user);
  });
}
