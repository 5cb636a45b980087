/**
 * Stored responses of requests sent with an `Idempotency-Key` (contract §11).
 */
import type { Tx } from "./client.ts";

/** How long a key's response is replayed. */
const KEPT_FOR = "24 hours";

/** A stored first response, and the fingerprint of the request that earned it. */
export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** The response stored under the owner's `key` within the last 24 hours, if any. */
export async function findStoredResponse(
  tx: Tx,
  owner: string,
  key: string,
): Promise<StoredResponse | undefined> {
  const [row] = await tx<StoredResponse[]>`
    select fingerprint, status, body from onboarding.idempotency_keys
    where external_user_id = ${owner} and key = ${key}
      and created_at > now() - ${KEPT_FOR}::interval`;
  return row;
}

/**
 * Stores `response` under the owner's `key`, deleting the owner's expired keys first (so an
 * expired key can be used again). When a live row for the key exists (a concurrent request with
 * the same key stored its response first), the insert fails with a unique violation that
 * {@link isStoredKeyConflict} recognises, and the transaction — the work included — rolls back.
 */
export async function storeResponse(
  tx: Tx,
  owner: string,
  key: string,
  response: StoredResponse,
): Promise<void> {
  await Promise.all([
    tx`delete from onboarding.idempotency_keys
       where external_user_id = ${owner} and created_at <= now() - ${KEPT_FOR}::interval`,
    tx`insert into onboarding.idempotency_keys (external_user_id, key, fingerprint, status, body)
       values (${owner}, ${key}, ${response.fingerprint}, ${response.status},
               ${tx.json(response.body as never)})`,
  ]);
}

/** True when `error` is {@link storeResponse} finding the key already stored. */
export function isStoredKeyConflict(error: unknown): boolean {
  const e = error as { code?: unknown; constraint_name?: unknown } | null;
  return e?.code === "23505" && e.constraint_name === "idempotency_keys_pkey";
}
