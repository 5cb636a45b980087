/**
 * The activity log (contract §9): one row per action, written by the action's own transaction
 * through `onboarding.record_activity` (users have no privileges on the table). The actor and
 * the request id come from the transaction's settings (`asUser`).
 *
 * @module
 */
import type { Tx } from "./client.ts";

/** What the log records. */
export type ActivityAction =
  | "session.created"
  | "message"
  | "upload"
  | "session.completed"
  | "export"
  | "admin.user_updated"
  | "webhook.failed";

/** A small object of what the action concerned: never a message's text or a file's content. */
export type ActivityDetail = Record<string, string | number | boolean | null>;

/**
 * Records `action` of the transaction's caller on `sessionId` (null: none in particular).
 */
export async function recordActivity(
  tx: Tx,
  action: ActivityAction,
  sessionId: number | null,
  detail: ActivityDetail = {},
): Promise<void> {
  await tx`select onboarding.record_activity(${action}, ${sessionId}, ${tx.json(detail)})`;
}

/**
 * Records `action` on `owner`'s session `sessionId` only if there is one: for an action sent in
 * the same round trip as the read that finds the session, so that a missing or foreign session
 * (a 404) leaves no record.
 */
export async function recordActivityIfOwned(
  tx: Tx,
  action: ActivityAction,
  owner: string,
  sessionId: number,
  detail: ActivityDetail = {},
): Promise<void> {
  await tx`
    select onboarding.record_activity(${action}, ${sessionId}, ${tx.json(detail)})
    where exists (select from onboarding.chat_sessions
                  where id = ${sessionId} and external_user_id = ${owner})`;
}
