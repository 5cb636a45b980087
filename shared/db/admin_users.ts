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
  /** The user's own latest action in the activity log; null when none is recorded. */
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
    select * from (${summaries(tx)}) summary
    where (${pattern}::text is null
           or username ilike ${pattern} or external_user_id ilike ${pattern})
      and (${status}::text is null or onboarding_status = ${status})`;
  const [items, [{ total }]] = await Promise.all([
    tx<AdminUserRow[]>`
      select ${tx(USER_COLUMNS)}
      from (${matching()}) m
      order by created_at, id
      limit ${query.limit} offset ${query.offset}`,
    tx<{ total: number }[]>`select count(*)::int as total from (${matching()}) m`,
  ]);
  return { items: [...items], total };
}

/**
 * Sets whether the user `externalUserId` is active, records the change in the activity log as
 * the admin's (`admin.user_updated`), and returns the user as {@link listUsers} shows it;
 * undefined (nothing changed, nothing recorded) when there is no such user. One round trip.
 * Row-level security lets only an admin's transaction change another user's row.
 */
export async function setUserActive(
  tx: Tx,
  externalUserId: string,
  isActive: boolean,
): Promise<AdminUserRow | undefined> {
  const detail = { is_active: isActive };
  // Pipelined in this order: the summary's statement runs after the update and sees it.
  const [, [user]] = await Promise.all([
    tx`
      with changed as (
        update onboarding.users set is_active = ${isActive}, updated_at = now()
        where external_user_id = ${externalUserId}
        returning external_user_id
      )
      select onboarding.record_admin_activity(external_user_id, 'admin.user_updated',
                                              ${tx.json(detail)})
      from changed`,
    tx<AdminUserRow[]>`
      select ${tx(USER_COLUMNS)} from (${summaries(tx)}) s
      where external_user_id = ${externalUserId}`,
  ]);
  return user;
}

// The columns of an AdminUserRow, in the order the API shows them.
const USER_COLUMNS = [
  "external_user_id",
  "username",
  "role",
  "is_active",
  "created_at",
  "last_active_at",
  "onboarding_status",
  "latest_session_id",
  "completed_at",
] as const satisfies readonly (keyof AdminUserRow)[];

// Every user with its summary (and its `id`, for a stable order): a fragment to select from.
function summaries(tx: Tx) {
  return tx`
    select u.id, u.external_user_id, u.username, u.role, u.is_active, u.created_at,
           (select max(a.at) from onboarding.activity_log a
             where a.external_user_id = u.external_user_id
               and a.actor = u.external_user_id) as last_active_at,
           s.latest_session_id, s.completed_at,
           case when s.completed_at is not null then 'completed'
                when s.latest_session_id is not null then 'in_progress'
                else 'none' end as onboarding_status
    from onboarding.users u
    left join lateral (
      select max(cs.id) as latest_session_id, max(cs.completed_at) as completed_at
      from onboarding.chat_sessions cs where cs.external_user_id = u.external_user_id
    ) s on true`;
}
