/**
 * Running a route's database work as the authenticated caller.
 */
import type { Context } from "hono";
import type { Tx } from "../db/client.ts";
import { asUser } from "../db/as_user.ts";
import { upsertUser, type User } from "../db/users.ts";
import type { AppDeps, AppEnv } from "./app.ts";
import { ApiError, Detail } from "./errors.ts";

/** The caller, as a route's database work sees it. */
export interface Caller {
  /** The caller's `external_user_id`, the owner of every row the caller may touch. */
  owner: string;
  /**
   * The caller's user row, synced (created on first use, username kept current) by a query
   * already sent; it rejects with 403 for an inactive user. Await it together with the route's
   * first query so both travel in one round trip.
   */
  user: Promise<User>;
}

/**
 * Runs `fn` in one row-level-secured transaction as the caller, under the configured database
 * timeouts. An inactive caller gets a 403 and the transaction is rolled back, whatever `fn` did.
 * Resolves to `fn`'s result.
 */
export async function withUser<T>(
  c: Context<AppEnv>,
  deps: AppDeps,
  fn: (tx: Tx, caller: Caller) => Promise<T>,
): Promise<T> {
  const claims = c.get("claims");
  return await asUser(deps.sql, claims, async (tx) => {
    const user = upsertUser(tx, claims).then((row) => {
      if (!row.is_active) throw new ApiError(403, Detail.inactive);
      return row;
    });
    // Awaited below; this only keeps a rejection from going unhandled while fn runs.
    user.catch(() => {});
    const value = await fn(tx, { owner: claims.externalUserId, user });
    await user;
    return value;
  }, deps.config.databaseTimeouts);
}
