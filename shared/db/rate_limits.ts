/**
 * The request log behind the per-user rate limits (contract §11): one row per counted request,
 * read as a sliding window.
 */
import type { Tx } from "./client.ts";

/** What a counted request is, for the limits that count only some requests. */
export type RequestKind = "request" | "message" | "upload";

/** The caller's earlier requests in one window (the request being counted excluded). */
export interface WindowCount {
  /** How many. */
  count: number;
  /** Seconds until the oldest of them leaves the window; undefined when there are none. */
  oldestLeavesInSeconds: number | undefined;
}

/** The caller's recent requests, per limit of contract §11. */
export interface RecentRequests {
  /** Requests of any kind in the last minute. */
  requests: WindowCount;
  /** Messages in the last minute. */
  messages: WindowCount;
  /** Uploads in the last hour. */
  uploads: WindowCount;
}

/**
 * Records a request of `kind` by `owner` and counts the owner's earlier requests in each window,
 * in one statement (sent pipelined with the request's first queries, it costs no round trip of
 * its own). The owner's rows older than the longest window (an hour) are deleted on the way, so
 * the log holds at most an hour of each user. The row is part of the transaction: a request
 * rolled back (over a limit, or failed) is not counted.
 */
export async function recordRequest(
  tx: Tx,
  owner: string,
  kind: RequestKind,
): Promise<RecentRequests> {
  // A data-modifying CTE's rows are not visible to the statement's own select: the counts are
  // of the earlier requests only. The minute's rows are read once for both minute limits; the
  // hour's uploads only for an upload (the condition on the kind is decided before any scan).
  const [row] = await tx<
    {
      requests: number;
      requests_free_in: number | null;
      messages: number;
      messages_free_in: number | null;
      uploads: number;
      uploads_free_in: number | null;
    }[]
  >`
    with pruned as (
      delete from onboarding.request_events
      where external_user_id = ${owner} and created_at <= now() - interval '1 hour'
    ),
    counted as (
      insert into onboarding.request_events (external_user_id, kind) values (${owner}, ${kind})
    )
    select minute.*, hour.*
    from (
      select count(*)::int as requests,
             ceil(extract(epoch from min(created_at) + interval '1 minute' - now()))::int
               as requests_free_in,
             (count(*) filter (where kind = 'message'))::int as messages,
             ceil(extract(epoch from min(created_at) filter (where kind = 'message')
                                     + interval '1 minute' - now()))::int as messages_free_in
      from onboarding.request_events
      where external_user_id = ${owner} and created_at > now() - interval '1 minute'
    ) minute,
    (
      select count(*)::int as uploads,
             ceil(extract(epoch from min(created_at) + interval '1 hour' - now()))::int
               as uploads_free_in
      from onboarding.request_events
      where ${kind} = 'upload' and external_user_id = ${owner} and kind = 'upload'
        and created_at > now() - interval '1 hour'
    ) hour`;
  const window = (count: number, freeIn: number | null): WindowCount => ({
    count,
    oldestLeavesInSeconds: freeIn ?? undefined,
  });
  return {
    requests: window(row.requests, row.requests_free_in),
    messages: window(row.messages, row.messages_free_in),
    uploads: window(row.uploads, row.uploads_free_in),
  };
}
