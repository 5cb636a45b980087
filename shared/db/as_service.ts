/**
 * Running the API's own background work (delivering webhooks) as `service_role`: work done for
 * no caller in particular, across every user's rows.
 */
import { type DatabaseTimeouts, DEFAULT_DATABASE_TIMEOUTS } from "../config.ts";
import type { Sql, Tx } from "./client.ts";

/**
 * Runs `fn` in one transaction as `service_role` (which row-level security does not bind),
 * under `timeouts`, and resolves to its result after commit; rolls back when `fn` throws.
 * `BEGIN` and the settings travel with `fn`'s first statements, as in `asUser`. Never for a
 * request's work: that runs as its caller (`asUser`).
 */
export async function asService<T>(
  sql: Sql,
  fn: (tx: Tx) => Promise<T>,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
): Promise<T> {
  const tx = await sql.reserve();
  try {
    // Started now, so they go out before fn's statements (see asUser).
    const setup = Promise.all([
      tx`begin`.execute(),
      tx`select set_config('role', 'service_role', true),
                set_config('statement_timeout', ${String(timeouts.statementMs)}, true),
                set_config('lock_timeout', ${String(timeouts.lockMs)}, true)`.execute(),
    ]);
    setup.catch(() => {});
    const result = await fn(tx);
    await setup;
    await tx`commit`;
    return result;
  } catch (error) {
    await tx`rollback`.catch(() => {});
    throw error;
  } finally {
    tx.release();
  }
}
