/**
 * The `auth` edge function: who the caller is (contract §5.1).
 */
import { z } from "zod";
import { type AppDeps, createFunctionApp, type FunctionApp } from "../../shared/http/app.ts";
import { requireAuth } from "../../shared/http/auth.ts";
import {
  AUTHENTICATED_ERRORS,
  BEARER_SECURITY,
  documentOnly,
  documentSchemas,
  errorResponses,
  EXAMPLE_TIME,
  json,
  successHeaders,
} from "../../shared/http/openapi.ts";
import { declareRoute } from "../../shared/http/routes.ts";
import { withUser } from "../../shared/http/with_user.ts";

/** The caller's user row (contract §5.1). */
const userSchema = documentOnly(() => {
  const { TimestampSchema } = documentSchemas();
  return z.strictObject({
    id: z.number().int(),
    external_user_id: z.string().meta({ description: "The token's `user_id`" }),
    username: z.string(),
    role: z.enum(["user", "admin"]),
    is_active: z.boolean(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }).meta({ id: "User" });
});

/** Builds the `auth` app: `GET /auth/me`, `GET /auth/health` and `GET /auth/openapi.json`. */
export function createAuthApp(deps: AppDeps): FunctionApp {
  const app = createFunctionApp("auth", deps);
  declareRoute(app, {
    method: "get",
    path: "/me",
    middleware: requireAuth(deps.config),
    document: () => ({
      operationId: "getMe",
      tags: ["auth"],
      summary: "The caller",
      description: "The caller's user record, created on first use from the token's `user_id` " +
        "and `username` (a changed username is synced on every request).",
      security: BEARER_SECURITY,
      responses: {
        200: {
          description: "The caller",
          headers: successHeaders(),
          content: json(userSchema(), {
            id: 1,
            external_user_id: "12345",
            username: "john_doe",
            role: "user",
            is_active: true,
            created_at: EXAMPLE_TIME,
            updated_at: EXAMPLE_TIME,
          }),
        },
        ...errorResponses(AUTHENTICATED_ERRORS),
      },
    }),
  }, async (c) => {
    const user = await withUser(c, deps, (_tx, caller) => caller.user);
    return c.json(user);
  });
  return app;
}
