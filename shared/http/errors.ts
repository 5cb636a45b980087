/**
 * API errors and their mapping to the contract's `{"detail": string}` bodies (contract §4).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isDatabaseUnavailable, isTransientDatabaseError } from "../db/errors.ts";
import { lazy } from "../lazy.ts";

/** One invalid field of a request, as listed in a 400 body's `errors`. */
export interface FieldError {
  field: string;
  message: string;
}

/** An error the client should see: its status and `detail` are sent as they are. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

/** The texts of the contract, in one place so that they stay exact. */
export const Detail = {
  credentials: "Could not validate credentials",
  missingClaims: "Invalid token: missing user_id or username",
  inactive: "User account is inactive",
  sessionNotFound: "Chat session not found",
  sessionCompleted: "Chat session already completed",
  notFound: "Not found",
  internal: "Internal server error",
  bodyTooLarge: "Request body too large",
  unavailable: "Service temporarily unavailable",
  adminRequired: "Admin role required",
} as const;

/**
 * Seconds a client is told to wait (`Retry-After`) after a 503: a timeout's lock is gone by then,
 * and the pool reconnects on the next request, so a database that is back serves within this.
 */
export const RETRY_AFTER_SECONDS = 2;

/** 503 with `Retry-After`: the database is down, dropped the connection or timed out; nothing changed. */
export function unavailable(): ApiError {
  return new ApiError(503, Detail.unavailable, {
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}

/** 401 with the `WWW-Authenticate` header the contract asks for. */
export function unauthorized(detail: string = Detail.credentials): ApiError {
  return new ApiError(401, detail, { headers: { "WWW-Authenticate": "Bearer" } });
}

/**
 * Hono `onError` handler: an {@link ApiError} becomes its own body; Hono's own exceptions keep
 * their status with a generic detail; a database timeout (the transaction was rolled back whole)
 * or a database that is unreachable or dropped the connection is a 503 with `Retry-After` (an
 * outage logged as one warning line); anything else is logged with the request id and becomes a
 * 500 that reveals nothing. Hono's exception class is loaded only when an error gets that far:
 * no request of ours should raise one, and a booting isolate need not load it.
 */
export async function handleError(error: Error, c: Context): Promise<Response> {
  if (isTransientDatabaseError(error)) {
    logRequestError(
      c,
      error,
      isDatabaseUnavailable(error) ? { level: "warn" } : { stage: "database-timeout" },
    );
    error = unavailable();
  }
  if (error instanceof ApiError) {
    const body = error.extra.errors
      ? { detail: error.detail, errors: error.extra.errors }
      : { detail: error.detail };
    return c.json(body, error.status, error.extra.headers);
  }
  const { HTTPException } = await loadHttpException();
  if (error instanceof HTTPException && error.status < 500) {
    const detail = error.status === 413 ? Detail.bodyTooLarge : error.message || "Bad request";
    return c.json({ detail }, error.status);
  }
  logRequestError(c, error);
  return c.json({ detail: Detail.internal }, 500);
}

const loadHttpException = lazy(() => import("hono/http-exception"));

/**
 * Logs an unexpected error as one JSON line with the request id, method and path (and any
 * `extra` fields), for the operator; the client is told nothing of it.
 */
export function logRequestError(c: Context, error: unknown, extra: Record<string, unknown> = {}) {
  const expected = extra.level === "warn";
  console.error(JSON.stringify({
    level: "error",
    request_id: c.get("requestId"),
    method: c.req.method,
    path: c.req.path,
    ...extra,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    // A known outage needs no stack trace; a bug does.
    stack: error instanceof Error && !expected ? error.stack : undefined,
  }));
}
