/**
 * Running database work as the calling user, so that PostgreSQL's row-level security decides
 * what the work may see and change.
 */
import { databaseClaims, type UserClaims } from "../auth/claims.ts";
import type { Sql, Tx } from "./client.ts";

/**
 * Runs `fn` in one transaction as the `authenticated` role with `request.jwt.claims` set to the
 * caller's claims (transaction-local, so nothing leaks onto the pooled connection).
 * Resolves to `fn`'s result after commit; rolls back when `fn` throws.
 */
export async function asUser<T>(
  sql: Sql,
  claims: UserClaims,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return await sql.begin(async (tx) => {
    await tx`select set_config('request.jwt.claims', ${databaseClaims(claims)}, true),
                    set_config('role', 'authenticated', true)`;
    return await fn(tx);
  }) as T;
}
