/**
 * Running a route's database work as the authenticated caller.
 */
import type { Context } from "hono";
import type { Tx } from "../db/client.ts";
import { asUser } from "../db/as_user.ts";
import { upsertUser, type User } from "../db/users.ts";
import type { AppDeps, AppEnv } from "./app.ts";
import { ApiError, Detail } from "./errors.ts";

const INACTIVE = Symbol("inactive");

/**
 * Runs `fn` in one row-level-secured transaction as the caller, after syncing the caller's user
 * row in the same transaction (created on first use, username kept current). An inactive user
 * gets a 403 and `fn` never runs. Resolves to `fn`'s result.
 */
export async function withUser<T>(
  c: Context<AppEnv>,
  deps: AppDeps,
  fn: (tx: Tx, user: User) => Promise<T>,
): Promise<T> {
  const result = await asUser(deps.sql, c.get("claims"), async (tx) => {
    const user = await upsertUser(tx, c.get("claims"));
    // Return rather than throw, so the username sync still commits.
    if (!user.is_active) return INACTIVE;
    return { value: await fn(tx, user) };
  });
  if (result === INACTIVE) throw new ApiError(403, Detail.inactive);
  return result.value;
}
