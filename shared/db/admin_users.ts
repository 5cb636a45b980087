/**
 * The users as the admin function lists them (contract §9): each with where their onboarding
 * stands, in one query whatever the number of users. Read in an admin's transaction, where
 * row-level security shows every user.
 *
 * @module
 */
import type { Tx } from "./client.ts";

/** Where a user's onboarding stands: no session, one under way, or one completed. */
export type OnboardingStatus = "none" | "in_progress" | "completed";

/** One user, as `GET /admin/users` shows it. */
export interface AdminUserRow {
  external_user_id: string;
  username: string;
  role: "user" | "admin";
  is_active: boolean;
  created_at: Date;
  /** The latest action in the activity log; null when none is recorded. */
  last_active_at: Date | null;
  onboarding_status: OnboardingStatus;
  latest_session_id: number | null;
  /** The latest completion; null when none. */
  completed_at: Date | null;
}

/** A page request of {@link listUsers}. */
export interface UserListQuery {
  limit: number;
  offset: number;
  status?: OnboardingStatus;
  /** Part of the username or the external id, matched without regard to case. */
  q?: string;
}

/**
 * One page of users, oldest account first (ties by id: a stable order), with the total that
 * match, in two statements sent together (one round trip) whatever the number of users. A user
 * is `completed` once any of their sessions is, `in_progress` with only active ones, `none`
 * without any.
 */
export async function listUsers(
  tx: Tx,
  query: UserListQuery,
): Promise<{ items: AdminUserRow[]; total: number }> {
  // `q` is matched literally: LIKE's wildcards and escape character are escaped.
  const pattern = query.q === undefined ? null : `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const status = query.status ?? null;
  // The users that match, each with its summary: one source for the page and the total.
  const matching = () =>
    tx`
    select * from (
      select u.id, u.external_user_id, u.username, u.role, u.is_active, u.created_at,
             (select max(a.at) from onboarding.activity_log a
               where a.external_user_id = u.external_user_id) as last_active_at,
             s.latest_session_id, s.completed_at,
             case when s.completed_at is not null then 'completed'
                  when s.latest_session_id is not null then 'in_progress'
                  else 'none' end as onboarding_status
      from onboarding.users u
      left join lateral (
        select max(cs.id) as latest_session_id, max(cs.completed_at) as completed_at
        from onboarding.chat_sessions cs where cs.external_user_id = u.external_user_id
      ) s on true
      where ${pattern}::text is null
         or u.username ilike ${pattern} or u.external_user_id ilike ${pattern}
    ) summary
    where ${status}::text is null or onboarding_status = ${status}`;
  const [items, [{ total }]] = await Promise.all([
    tx<AdminUserRow[]>`
      select external_user_id, username, role, is_active, created_at, last_active_at,
             onboarding_status, latest_session_id, completed_at
      from (${matching()}) m
      order by created_at, id
      limit ${query.limit} offset ${query.offset}`,
    tx<{ total: number }[]>`select count(*)::int as total from (${matching()}) m`,
  ]);
  return { items: [...items], total };
}
