/**
 * The onboarding funnel as `GET /admin/metrics` reports it (contract §9), computed in one SQL
 * statement whatever the number of users. Read in an admin's transaction, where row-level
 * security shows every row.
 *
 * @module
 */
import type { AskedItem } from "../onboarding/engine/mod.ts";
import { COMPANY_FIELDS } from "../onboarding/progress.ts";
import type { Tx } from "./client.ts";

/** The items of `drop_off`, in the contract's order. */
export const DROP_OFF_ITEMS = [
  ...COMPANY_FIELDS,
  "products",
  "confirmation",
] as const satisfies readonly AskedItem[];

/** The kinds of `uploads`: the stored file types, PNG and JPEG together as `image`. */
export const UPLOAD_KINDS = ["pdf", "docx", "txt", "image"] as const;

/** How long an active session stays untouched before it counts as dropped off. */
export const IDLE_HOURS = 24;

/** The metrics of one time window. */
export interface Metrics {
  sessions_started: number;
  sessions_completed: number;
  /** `sessions_completed / sessions_started`; null when none started. */
  completion_rate: number | null;
  /** Of the completed sessions; null when none. */
  median_minutes_to_complete: number | null;
  drop_off: Record<(typeof DROP_OFF_ITEMS)[number], number>;
  uploads: Record<(typeof UPLOAD_KINDS)[number] | "failed", number>;
  ai_turns: number;
  ai_fallbacks: number;
}

/**
 * The metrics of the sessions started in [`from`, `to`) (either end open when absent): how many
 * started and completed, the median time to complete, and the active ones untouched for over
 * {@link IDLE_HOURS} hours by the item they were last asked (the activity log's `asked`); and
 * the uploads and model turns of the same window. One statement, one round trip.
 */
export async function funnelMetrics(
  tx: Tx,
  window: { from?: Date; to?: Date },
): Promise<Metrics> {
  const from = window.from ?? null;
  const to = window.to ?? null;
  const within = (column: string) =>
    tx`(${from}::timestamptz is null or ${tx(column)} >= ${from}::timestamptz)
       and (${to}::timestamptz is null or ${tx(column)} < ${to}::timestamptz)`;
  const [row] = await tx<
    {
      started: number;
      completed: number;
      median_minutes: number | null;
      drop_off: Record<string, number>;
      uploads: Record<string, number>;
      uploads_failed: number;
      ai_turns: number;
      ai_fallbacks: number;
    }[]
  >`
    with cohort as (
      select s.id, s.status, s.created_at, s.completed_at, s.updated_at
      from onboarding.chat_sessions s
      where ${within("s.created_at")}
    ),
    idle as (
      select coalesce((select a.detail ->> 'asked' from onboarding.activity_log a
                       where a.session_id = c.id and a.detail ? 'asked'
                         and a.action in ('session.created', 'message')
                       order by a.id desc limit 1), 'industry') as item
      from cohort c
      where c.status = 'active' and c.updated_at < now() - make_interval(hours => ${IDLE_HOURS})
    ),
    turns as (
      select a.detail ->> 'model' as model from onboarding.activity_log a
      where a.action = 'message' and a.detail ? 'model' and ${within("a.at")}
    ),
    files as (
      select case when u.file_type in ('png', 'jpeg') then 'image' else u.file_type end as kind,
             u.status
      from onboarding.uploads u
      where ${within("u.created_at")}
    )
    select
      (select count(*) from cohort)::int as started,
      (select count(*) from cohort where status = 'completed')::int as completed,
      (select percentile_cont(0.5) within group (
                order by extract(epoch from completed_at - created_at) / 60)
       from cohort where status = 'completed')::float8 as median_minutes,
      (select coalesce(jsonb_object_agg(item, n), '{}'::jsonb)
       from (select item, count(*)::int as n from idle group by item) d) as drop_off,
      (select coalesce(jsonb_object_agg(kind, n), '{}'::jsonb)
       from (select kind, count(*)::int as n from files group by kind) k) as uploads,
      (select count(*) from files where status = 'failed')::int as uploads_failed,
      (select count(*) from turns)::int as ai_turns,
      (select count(*) from turns where model = 'failed')::int as ai_fallbacks`;
  const countOf = (counts: Record<string, number>, key: string) => counts[key] ?? 0;
  return {
    sessions_started: row.started,
    sessions_completed: row.completed,
    completion_rate: row.started === 0 ? null : row.completed / row.started,
    median_minutes_to_complete: row.median_minutes === null
      ? null
      : Math.round(row.median_minutes * 10) / 10,
    drop_off: Object.fromEntries(
      DROP_OFF_ITEMS.map((item) => [item, countOf(row.drop_off, item)]),
    ) as Metrics["drop_off"],
    uploads: {
      ...Object.fromEntries(UPLOAD_KINDS.map((kind) => [kind, countOf(row.uploads, kind)])),
      failed: row.uploads_failed,
    } as Metrics["uploads"],
    ai_turns: row.ai_turns,
    ai_fallbacks: row.ai_fallbacks,
  };
}
