/**
 * The users table: the local mirror of the main system's users.
 */
import type { UserClaims } from "../auth/claims.ts";
import type { Tx } from "./client.ts";

/** A user row as the API shows it (contract §5.1). */
export interface User {
  id: number;
  external_user_id: string;
  username: string;
  role: "user" | "admin";
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

/**
 * Finds the caller's row, inserting it on first sight and syncing a changed username or role
 * (the token's, contract §9), and returns it. A known user consumes no value of the id
 * sequence: the insert is an `INSERT … SELECT` that selects no row when the user exists, so its
 * identity default (the `nextval`) is never evaluated — unlike `insert … on conflict do update`,
 * which draws a value on every call. The row is updated only when it differs, so an unchanged
 * user writes nothing.
 *
 * Race-free: when a concurrent first request inserts the same user after this statement's
 * snapshot, `on conflict do nothing` waits for it and returns nothing; the row is then committed
 * and a second select (a new snapshot under READ COMMITTED) finds it. Only that rare case pays a
 * second round trip.
 */
export async function upsertUser(tx: Tx, claims: UserClaims): Promise<User> {
  const { externalUserId, username, role } = claims;
  const [user] = await tx<User[]>`
    with found as (
      select id, external_user_id, username, role, is_active, created_at, updated_at
      from onboarding.users where external_user_id = ${externalUserId}
    ),
    inserted as (
      insert into onboarding.users (external_user_id, username, role)
      select ${externalUserId}, ${username}, ${role}
      where not exists (select from found)
      on conflict (external_user_id) do nothing
      returning id, external_user_id, username, role, is_active, created_at, updated_at
    ),
    synced as (
      update onboarding.users as u
      set username = ${username}, role = ${role}, updated_at = now()
      from found
      where u.id = found.id
        and (found.username is distinct from ${username} or found.role is distinct from ${role})
      returning u.id, u.external_user_id, u.username, u.role, u.is_active, u.created_at,
                u.updated_at
    )
    select * from synced
    union all select * from inserted
    union all select * from found where not exists (select from synced)`;
  if (user) return user;
  // A concurrent first request of this user inserted the row after our snapshot and committed.
  const [winner] = await tx<User[]>`
    update onboarding.users set username = ${username}, role = ${role},
      updated_at = case when username is distinct from ${username}
                          or role is distinct from ${role}
                        then now() else updated_at end
    where external_user_id = ${externalUserId}
    returning id, external_user_id, username, role, is_active, created_at, updated_at`;
  if (!winner) throw new Error("user row missing after a conflicting insert");
  return winner;
}
