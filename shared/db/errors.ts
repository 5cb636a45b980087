/**
 * Classifying database errors the client should see as "try again" rather than as a bug.
 */

/**
 * SQLSTATEs of a statement the per-transaction timeouts (see `asUser`) cut short:
 * `57014` query_canceled (`statement_timeout`, or an operator's `pg_cancel_backend`),
 * `55P03` lock_not_available (`lock_timeout`) and `25P03`
 * idle_in_transaction_session_timeout (the server ended the connection).
 */
const TIMEOUT_CODES = new Set(["57014", "55P03", "25P03"]);

/**
 * True when `error` is PostgreSQL reporting that one of the transaction's timeouts fired. The
 * transaction is then rolled back whole, so the request changed nothing and may be retried.
 */
export function isDatabaseTimeout(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && TIMEOUT_CODES.has(code);
}
