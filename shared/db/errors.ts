/**
 * Classifying database errors the client should see as "try again" rather than as a bug: a
 * timeout that rolled the transaction back, or a database that is unreachable or dropped the
 * connection. The one place that decides which errors the API answers with 503 instead of 500.
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

/**
 * postgres.js's own connection errors (`code` on the error it rejects with): the socket closed
 * under a query, the pool's connection was destroyed, or no connection came up in
 * `connect_timeout`.
 */
const DRIVER_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
]);

/** Socket errors of the runtime (Node's `code` names, as Deno's node:net reports them). */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs the server sends while it cannot serve us: 57P01 admin_shutdown (our backend was
 * terminated), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down),
 * 53300 too_many_connections; and the whole 08 class, connection exceptions.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/**
 * True when `error` (or an error in its `cause` chain) says the database is unreachable or
 * dropped the connection: a state that passes by itself, so the client should retry later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (DRIVER_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code)) return true;
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * True when `error` means "try again later" and nothing was changed: a transaction timeout
 * ({@link isDatabaseTimeout}) or an unavailable database ({@link isDatabaseUnavailable}).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  return isDatabaseTimeout(error) || isDatabaseUnavailable(error);
}
