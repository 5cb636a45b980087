/**
 * `Idempotency-Key` (contract §11): a repeat of a keyed request within 24 hours gets the first
 * response again instead of doing the work twice.
 *
 * A route names what makes its request the same request ({@link expectIdempotency}); `withUser`
 * looks the key up in the request's first transaction (a stored response is replayed before any
 * work starts) and stores the response in the transaction that does the work, so the key is
 * recorded exactly when the work is. A concurrent repeat that finishes second finds the key
 * taken when it stores, is rolled back whole, and replays the first response.
 *
 * Only successful responses are stored: a request refused (400, 404, 409…) changed nothing, so
 * sending it again is safe and gives the same refusal while nothing changes.
 */
import type { Context } from "hono";
import { sha256Hex } from "../sha256.ts";
import type { StoredResponse } from "../db/idempotency.ts";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError } from "./errors.ts";

/** The request header. */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** The response header marking a replayed response. */
export const REPLAYED_HEADER = "Idempotent-Replayed";

const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** A keyed request: its key and the fingerprint of what it asks. */
export interface RequestIdempotency {
  key: string;
  /** SHA-256 (hex) of the method, the route and the request's meaning. */
  fingerprint: string;
}

/** Variables of the Hono context this module uses. */
export type IdempotencyVariables = { idempotency: RequestIdempotency | undefined };

/**
 * Reads the request's `Idempotency-Key` (a malformed one is a 400) and, when there is one,
 * fingerprints the request as `meaning` (the validated body, or for an upload its fields and the
 * file's SHA-256: what the route acts on, not how the bytes were laid out) and sets it on the
 * context for `withUser`.
 */
export async function expectIdempotency(c: Context, meaning: unknown): Promise<void> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (key === undefined) return;
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(400, "Idempotency-Key must be 1–255 printable ASCII characters");
  }
  const canonical = JSON.stringify([c.req.method, c.req.routePath, meaning]);
  c.set("idempotency", { key, fingerprint: await sha256Hex(canonical) });
}

/** Thrown to answer a repeated request with its stored first response. */
export class IdempotentReplay extends Error {
  override name = "IdempotentReplay";
  constructor(readonly status: number, readonly body: unknown) {
    super("replaying a stored response");
  }
}

/**
 * What a stored response means for a request with the same key: a replay when the request is
 * the same, else the contract's 409.
 */
export function replayOrConflict(
  stored: StoredResponse,
  idempotency: RequestIdempotency,
): IdempotentReplay | ApiError {
  return stored.fingerprint === idempotency.fingerprint
    ? new IdempotentReplay(stored.status, stored.body)
    : new ApiError(409, "Idempotency-Key was used with a different request");
}

/** The response of a replay: the stored status and body, marked `Idempotent-Replayed: true`. */
export function replayResponse(c: Context, replay: IdempotentReplay): Response {
  return c.json(replay.body as object, replay.status as ContentfulStatusCode, {
    [REPLAYED_HEADER]: "true",
  });
}
