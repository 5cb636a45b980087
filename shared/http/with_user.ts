/**
 * Running a route's database work as the authenticated caller.
 */
import type { Context } from "hono";
import type { Tx } from "../db/client.ts";
import { asUser } from "../db/as_user.ts";
import { settlePipelined } from "../db/pipeline.ts";
import { findStoredResponse, isStoredKeyConflict, storeResponse } from "../db/idempotency.ts";
import { recordRequest } from "../db/rate_limits.ts";
import { upsertUser, type User } from "../db/users.ts";
import type { AppDeps, AppEnv } from "./app.ts";
import { ApiError, Detail } from "./errors.ts";
import { replayOrConflict } from "./idempotency.ts";
import { isLimited, judgeRequest, tooManyRequests } from "./rate_limits.ts";

/** The caller, as a route's database work sees it. */
export interface Caller {
  /** The caller's `external_user_id`, the owner of every row the caller may touch. */
  owner: string;
  /**
   * The caller's user row, synced (created on first use, username kept current) by a query
   * already sent. It rejects with 403 for an inactive user, with 429 for a request over a rate
   * limit, and with a replay of the stored response for a repeated `Idempotency-Key`. Await it
   * together with the route's first query (both travel in one round trip), and before any work
   * outside the database.
   */
  user: Promise<User>;
}

/** Options of {@link withUser}. */
export interface UserWorkOptions<T> {
  /**
   * The response the work's result leads to, when this transaction is the one that does the
   * request's work: with an `Idempotency-Key`, it is stored in the same transaction. Undefined
   * (or returning undefined): nothing to store.
   */
  response?: (value: T) => { status: number; body: unknown } | undefined;
  /**
   * The work's last writes, given its result (undefined: none): sent together with the stored
   * response and the `COMMIT`, so they cost no round trip of their own. Their results are not
   * awaited by `fn`, so nothing it returns may depend on them. When one fails (a constraint, a
   * timeout, a lost connection) the whole transaction rolls back, the request's count too, and
   * `withUser` rejects with that error, as when a statement of `fn` fails.
   */
  writes?: (tx: Tx, value: T) => Promise<unknown> | undefined;
  /**
   * Whether the COMMIT waits for the disk (see `asUser`). By default a GET's does not (it writes
   * only bookkeeping: its rate-limit row, a username sync); a GET that records an action in the
   * activity log asks for it.
   */
  durable?: boolean;
}

// What the transaction of `withUser` ended with: `fn`'s value, or its refusal of an admitted
// request (committed with only the request's count).
type WorkOutcome<T> = { kind: "done"; value: T } | { kind: "refused"; error: ApiError };

/**
 * Runs `fn` in one row-level-secured transaction as the caller, under the configured database
 * timeouts, and resolves to its result. The request's first such transaction also admits it:
 * the request is counted against the caller's rate limits (the `X-RateLimit-*` headers are set
 * on the response) and its `Idempotency-Key` looked up, both by statements pipelined with the
 * user row's (contract §11). A caller who is inactive, over a limit, or repeating a key gets the
 * 403, the 429 or the replay, and the transaction is rolled back, whatever `fn` did. When `fn`
 * refuses an admitted request with a 4xx {@link ApiError}, its work is rolled back but the
 * request stays counted: a stream of requests for missing sessions is limited like any other.
 */
export async function withUser<T>(
  c: Context<AppEnv>,
  deps: AppDeps,
  fn: (tx: Tx, caller: Caller) => Promise<T>,
  options: UserWorkOptions<T> = {},
): Promise<T> {
  const claims = c.get("claims");
  const owner = claims.externalUserId;
  const idempotency = c.get("idempotency");
  // Later transactions of the same request (an upload has three) are not counted again.
  const admitting = !c.get("admitted");
  c.set("admitted", true);
  const kind = c.get("requestKind") ?? "request";
  const { rateLimits } = deps.config;
  let outcome: WorkOutcome<T>;
  try {
    outcome = await asUser<WorkOutcome<T>>(
      deps.sql,
      claims,
      async (tx) => {
        const row = upsertUser(tx, claims);
        const recent = admitting && isLimited(rateLimits, kind)
          ? recordRequest(tx, owner, kind)
          : undefined;
        const stored = admitting && idempotency
          ? findStoredResponse(tx, owner, idempotency.key)
          : undefined;
        // A request refused after it was admitted (404, 409…) was still made: it stays counted
        // and only its work is undone, back to here. Sent with the statements above, and after
        // them: they start a microtask late (each is awaited inside its function), and so must
        // this one (`Promise.resolve` hands it on as `await` does); called directly, its `catch`
        // would start it first, before `BEGIN`, where a savepoint is an error.
        const admitted = recent ? Promise.resolve(tx`savepoint admitted`) : undefined;
        admitted?.catch(() => {});
        const user = Promise.all([row, recent, stored]).then(([row, recent, stored]) => {
          // The headers first: every counted response carries them, a 403 too.
          const verdict = recent && judgeRequest(rateLimits, kind, recent);
          for (const [name, value] of Object.entries(verdict?.headers ?? {})) c.header(name, value);
          if (!row.is_active) throw new ApiError(403, Detail.inactive);
          if (verdict && verdict.retryAfterSeconds !== undefined) throw tooManyRequests(verdict);
          if (stored && idempotency) throw replayOrConflict(stored, idempotency);
          return row;
        });
        // Awaited below; this only keeps a rejection from going unhandled while fn runs.
        user.catch(() => {});
        try {
          const value = await fn(tx, { owner, user });
          await user;
          return { kind: "done", value };
        } catch (error) {
          // The admission's own refusal (403, 429, a replay) answers first: a request over its
          // limit is a 429 even when its work would have been refused too.
          await user;
          const refusedAfterAdmission = admitted && error instanceof ApiError &&
            error.status < 500;
          if (!refusedAfterAdmission) throw error;
          // Sent with the COMMIT that follows: the count is kept, nothing else.
          tx`rollback to savepoint admitted`.catch(() => {});
          return { kind: "refused", error };
        }
      },
      {
        timeouts: deps.config.databaseTimeouts,
        finish: (tx, outcome) => {
          if (outcome.kind !== "done") return undefined;
          // The writes first: a stored response is only ever committed with them.
          const writes = options.writes?.(tx, outcome.value);
          const response = idempotency && options.response?.(outcome.value);
          const stored = idempotency && response
            ? storeResponse(tx, owner, idempotency.key, {
              fingerprint: idempotency.fingerprint,
              ...response,
            })
            : undefined;
          if (!writes && !stored) return undefined;
          // Rejects with the failure that aborted the transaction.
          return settlePipelined([writes, stored]);
        },
        // A read request writes only its rate-limit row and the user row's sync: no disk flush.
        durable: options.durable ?? c.req.method !== "GET",
        requestId: c.get("requestId"),
      },
    );
  } catch (error) {
    if (!idempotency || !isStoredKeyConflict(error)) throw error;
    // A repeat of this request, running at the same time, stored its response first; this
    // one's work was rolled back. Answer as that one did.
    const stored = await asUser(
      deps.sql,
      claims,
      (tx) => findStoredResponse(tx, owner, idempotency.key),
      { timeouts: deps.config.databaseTimeouts },
    );
    if (!stored) throw error;
    throw replayOrConflict(stored, idempotency);
  }
  if (outcome.kind === "refused") throw outcome.error;
  return outcome.value;
}
