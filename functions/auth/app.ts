/**
 * The `auth` edge function: who the caller is (contract §5.1).
 */
import type { Hono } from "hono";
import { type AppDeps, type AppEnv, createFunctionApp } from "../../shared/http/app.ts";
import { requireAuth } from "../../shared/http/auth.ts";
import { withUser } from "../../shared/http/with_user.ts";

/** Builds the `auth` app: `GET /auth/me` and `GET /auth/health`. */
export function createAuthApp(deps: AppDeps): Hono<AppEnv> {
  const app = createFunctionApp("auth", deps);
  app.get("/me", requireAuth(deps.config.jwtSecrets), async (c) => {
    const user = await withUser(c, deps, (_tx, caller) => caller.user);
    return c.json(user);
  });
  return app;
}
