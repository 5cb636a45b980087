/**
 * Running database work as the calling user, so that PostgreSQL's row-level security decides
 * what the work may see and change.
 */
import { databaseClaims, type UserClaims } from "../auth/claims.ts";
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from "../config.ts";
import type { Sql, Tx } from "./client.ts";

/** Options of {@link asUser}. */
export interface AsUserOptions<T> {
  /** The transaction's timeouts; the defaults when absent. */
  timeouts?: DatabaseTimeouts;
  /**
   * Given `fn`'s result, sends the transaction's last statements, pipelined with the `COMMIT`
   * (no round trip of their own); when one fails, nothing is committed and `asUser` rejects
   * with its error.
   */
  finish?: (tx: Tx, value: T) => Promise<unknown> | undefined;
  /**
   * Whether the `COMMIT` waits for the write-ahead log to reach disk (default true). False for
   * work that writes only bookkeeping a crash may lose without harm (a read request's row in
   * the rate-limit log, a username sync): such a commit costs no disk flush, and PostgreSQL
   * still never applies it partly (`synchronous_commit = off`, transaction-local).
   */
  durable?: boolean;
  /** The request's id, which the activity log records (`onboarding.request_id`). */
  requestId?: string;
}

/**
 * Runs `fn` in one transaction as the `authenticated` role with `request.jwt.claims` set to the
 * caller's claims (transaction-local, so nothing leaks onto the pooled connection).
 * Resolves to `fn`'s result after commit; rolls back when `fn` throws.
 *
 * `BEGIN`, the claims and the `timeouts` are sent together with `fn`'s first queries (postgres.js
 * pipelines queries issued without awaiting), so a request pays one round trip for all of them,
 * where `sql.begin` would pay one for `BEGIN` alone. The timeouts are transaction-local too, so
 * a stuck statement, a long lock wait or a silent client cannot hold the connection for long; a
 * statement they cut short rejects with an error `isDatabaseTimeout` (`./errors.ts`) recognises,
 * and the whole transaction rolls back.
 *
 * See {@link AsUserOptions} for `finish` (statements sent with the `COMMIT`) and `durable`.
 */
export async function asUser<T>(
  sql: Sql,
  claims: UserClaims,
  fn: (tx: Tx) => Promise<T>,
  options: AsUserOptions<T> = {},
): Promise<T> {
  const { timeouts = DEFAULT_DATABASE_TIMEOUTS, finish, durable = true, requestId = "" } = options;
  const tx = await sql.reserve();
  try {
    // Started now (`execute`), so they are sent before any query of fn's: postgres.js sends a
    // query once it is started, and a query handed to `await` or `Promise.all` starts a
    // microtask later than one whose `then`/`catch` is called directly.
    const setup = Promise.all([
      tx`begin`.execute(),
      tx`select set_config('request.jwt.claims', ${databaseClaims(claims)}, true),
                set_config('role', 'authenticated', true),
                set_config('statement_timeout', ${String(timeouts.statementMs)}, true),
                set_config('lock_timeout', ${String(timeouts.lockMs)}, true),
                set_config('idle_in_transaction_session_timeout',
                           ${String(timeouts.idleInTransactionMs)}, true),
                set_config('synchronous_commit', ${durable ? "on" : "off"}, true),
                set_config('onboarding.request_id', ${requestId}, true)`.execute(),
    ]);
    // Awaited below; a failure here also fails fn's queries, which may be awaited first.
    setup.catch(() => {});
    const result = await fn(tx);
    await setup;
    // Sent together with COMMIT: a failing `finish` statement aborts the transaction, so the
    // COMMIT behind it only rolls back, and its error is thrown below.
    const finishing = finish?.(tx, result);
    finishing?.catch(() => {});
    await tx`commit`;
    await finishing;
    return result;
  } catch (error) {
    await tx`rollback`.catch(() => {});
    throw error;
  } finally {
    tx.release();
  }
}
