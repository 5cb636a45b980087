/**
 * Recognising "the database is not there right now", as opposed to a bug: the one place that
 * decides which driver and server errors the API answers with 503 instead of 500.
 */

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
