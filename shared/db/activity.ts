/**
 * The activity log (contract §9): one row per action, written by the action's own transaction
 * through `onboarding.record_activity` (users cannot write the table, and row-level security
 * shows it to admins alone). The actor and the request id come from the transaction's settings
 * (`asUser`).
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

/** One row of the log, as `GET /admin/activity` shows it. */
export interface ActivityRow {
  id: number;
  at: Date;
  external_user_id: string;
  actor: string;
  action: ActivityAction;
  session_id: number | null;
  detail: Record<string, unknown>;
}

/**
 * One page of the log, newest first, for an admin's transaction (row-level security shows a
 * user none of it): `owner`'s rows only when given, rows older than the id `before` when given.
 * `next_cursor` is the id to pass as `before` for the next page, null on the last one.
 */
export async function activityPage(
  tx: Tx,
  page: { owner?: string; limit: number; before?: number },
): Promise<{ items: ActivityRow[]; next_cursor: string | null }> {
  const rows = await tx<ActivityRow[]>`
    select id, at, external_user_id, actor, action, session_id, detail
    from onboarding.activity_log
    where (${page.owner ?? null}::text is null or external_user_id = ${page.owner ?? null})
      and (${page.before ?? null}::bigint is null or id < ${page.before ?? null})
    order by id desc
    limit ${page.limit + 1}`;
  const items = rows.slice(0, page.limit);
  const more = rows.length > page.limit;
  return { items, next_cursor: more ? String(items[items.length - 1].id) : null };
}
