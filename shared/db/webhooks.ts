/**
 * The webhook outbox (contract §10): events written with the completion they announce, claimed
 * and recorded by the deliverer (`shared/webhooks`, as `service_role`), listed and made due
 * again by admins (through row-level-security policies on the role claim).
 *
 * @module
 */
import type { ExportRecord } from "../onboarding/export.ts";
import type { Tx } from "./client.ts";

// PostgreSQL's `text` type oid, for typed array parameters.
const TEXT = 25;

/** Where an event stands. */
export type WebhookStatus = "pending" | "delivered" | "failed";

/** A completion's event, as the caller's transaction writes it. */
export interface CompletionEvent {
  /** The `webhook-id`: `msg_` and 32 hex digits. */
  id: string;
  owner: string;
  username: string;
  sessionId: number;
  export: ExportRecord;
}

/**
 * Adds `event` to the outbox in the caller's transaction, to be committed with the completion
 * (so nothing is sent for one that rolls back). Its `completed_at` is the transaction's time,
 * which is also the session's.
 */
export async function enqueueCompletion(tx: Tx, event: CompletionEvent): Promise<void> {
  await tx`
    insert into onboarding.webhook_events
      (id, event_type, external_user_id, session_id, username, completed_at, export)
    values (${event.id}, 'onboarding.completed', ${event.owner}, ${event.sessionId},
            ${event.username}, now(), ${JSON.stringify(event.export)}::text::json)`;
}

/** A claimed event: what its attempt sends. */
export interface ClaimedEvent {
  id: string;
  /** This attempt's number since the event was written or retried. */
  attempts: number;
  external_user_id: string;
  username: string;
  session_id: number;
  completed_at: Date;
  created_at: Date;
  export: ExportRecord;
}

/**
 * Claims up to `limit` pending events that are due (only `ids` when given, none of `skip`),
 * oldest due first:
 * counts the attempt and leases the event for `leaseSeconds`, so that no other deliverer takes
 * it meanwhile (`skip locked`: a deliverer never waits for another). A deliverer that dies
 * mid-attempt leaves the event to be taken again when the lease ends.
 */
export async function claimDue(
  tx: Tx,
  claim: {
    limit: number;
    leaseSeconds: number;
    ids?: readonly string[];
    skip?: readonly string[];
  },
): Promise<ClaimedEvent[]> {
  // Typed arrays: sent with their parameters at once, prepared or not (see docs/architecture.md).
  const ids = claim.ids ? tx.array([...claim.ids], TEXT) : null;
  const skip = tx.array([...claim.skip ?? []], TEXT);
  return [
    ...await tx<ClaimedEvent[]>`
    update onboarding.webhook_events e
    set attempts = e.attempts + 1,
        next_attempt_at = now() + make_interval(secs => ${claim.leaseSeconds})
    from (select id from onboarding.webhook_events
          where status = 'pending' and next_attempt_at <= now()
            and (${ids}::text[] is null or id = any(${ids}::text[]))
            and not (id = any(${skip}::text[]))
          order by next_attempt_at, seq
          limit ${claim.limit}
          for update skip locked) due
    where e.id = due.id
    returning e.id, e.attempts, e.external_user_id, e.username, e.session_id, e.completed_at,
              e.created_at, e.export`,
  ];
}

/** What one attempt came to. */
export interface AttemptResult {
  eventId: string;
  attempt: number;
  /** The receiver's status; undefined when none came. */
  statusCode?: number;
  /** Why it did not count as delivered; undefined for a 2xx. */
  error?: string;
  durationMs: number;
}

/**
 * Records `results`, and moves each event on: delivered on a 2xx; otherwise pending again after
 * `retryMinSeconds` doubled for each earlier attempt, or `failed` after `maxAttempts` (written
 * to the activity log as `webhook.failed`). One statement per result, all in one round trip.
 * An event an admin retried meanwhile is left as the admin made it.
 */
export async function recordAttempts(
  tx: Tx,
  results: readonly AttemptResult[],
  schedule: { retryMinSeconds: number; maxAttempts: number },
): Promise<WebhookStatus[]> {
  const rows = await Promise.all(results.map((r) => {
    const delivered = r.error === undefined;
    const error = r.error?.slice(0, 500) ?? null;
    return tx<{ status: WebhookStatus }[]>`
      with attempt as (
        insert into onboarding.webhook_attempts (event_id, attempt, status_code, error, duration_ms)
        values (${r.eventId}, ${r.attempt}, ${r.statusCode ?? null}, ${error},
                ${Math.round(r.durationMs)})
      ),
      moved as (
        update onboarding.webhook_events set
          status = case when ${delivered} then 'delivered'
                        when attempts >= ${schedule.maxAttempts} then 'failed'
                        else 'pending' end,
          delivered_at = case when ${delivered} then now() end,
          last_error = ${error},
          next_attempt_at = case when ${delivered} or attempts >= ${schedule.maxAttempts}
            then now()
            else now() + make_interval(secs => ${schedule.retryMinSeconds} * 2 ^ (attempts - 1))
            end
        where id = ${r.eventId} and status = 'pending' and attempts = ${r.attempt}
        returning id, status, attempts, external_user_id, session_id
      ),
      logged as (
        insert into onboarding.activity_log (external_user_id, actor, action, session_id, detail)
        select external_user_id, 'system', 'webhook.failed', session_id,
               jsonb_build_object('webhook_id', id, 'attempts', attempts, 'last_error', ${error}::text)
        from moved where status = 'failed'
      )
      select status from moved`;
  }));
  return rows.map((found) => found[0]?.status ?? "pending");
}

/** One event, as `GET /admin/webhooks` shows it. */
export interface WebhookRow {
  id: string;
  type: "onboarding.completed";
  external_user_id: string;
  session_id: number;
  status: WebhookStatus;
  attempts: number;
  created_at: Date;
  /** When a pending event is next tried; null otherwise. */
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  last_error: string | null;
  /** The receiver's status at the last attempt; null before one, or when none came. */
  last_status_code: number | null;
}

// The select list of a WebhookRow over `onboarding.webhook_events e`.
function webhookColumns(tx: Tx) {
  return tx`
    e.id, e.event_type as type, e.external_user_id, e.session_id, e.status, e.attempts,
    e.created_at,
    case when e.status = 'pending' then e.next_attempt_at end as next_attempt_at,
    e.delivered_at, e.last_error,
    (select a.status_code from onboarding.webhook_attempts a
      where a.event_id = e.id order by a.id desc limit 1) as last_status_code`;
}

/**
 * One page of events, newest first (keyset: events written before `before`, the `next_cursor`
 * of the previous page), only those in `status` when given. For an admin's transaction.
 */
export async function webhookPage(
  tx: Tx,
  page: { status?: WebhookStatus; limit: number; before?: number },
): Promise<{ items: WebhookRow[]; next_cursor: string | null }> {
  const rows = await tx<(WebhookRow & { seq: string })[]>`
    select e.seq, ${webhookColumns(tx)}
    from onboarding.webhook_events e
    where (${page.status ?? null}::text is null or e.status = ${page.status ?? null})
      and (${page.before ?? null}::bigint is null or e.seq < ${page.before ?? null})
    order by e.seq desc
    limit ${page.limit + 1}`;
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  return {
    items: items.map(({ seq: _, ...row }) => row),
    next_cursor: more ? String(items[items.length - 1].seq) : null,
  };
}

/**
 * Makes the event `id` pending and due now, with a fresh count of attempts (its earlier ones
 * stay recorded), and returns it; undefined when there is none. For an admin's transaction.
 */
export async function retryEvent(tx: Tx, id: string): Promise<WebhookRow | undefined> {
  const [, [row]] = await Promise.all([
    tx`update onboarding.webhook_events
       set status = 'pending', attempts = 0, next_attempt_at = now()
       where id = ${id}`,
    tx<WebhookRow[]>`select ${webhookColumns(tx)} from onboarding.webhook_events e
                     where e.id = ${id}`,
  ]);
  return row;
}
