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
 * Inserts the caller on first sight, or syncs a changed username, in one statement that cannot
 * race: concurrent first requests of one user both end with the same row. Returns the row.
 */
export async function upsertUser(tx: Tx, claims: UserClaims): Promise<User> {
  const [user] = await tx<User[]>`
    insert into onboarding.users (external_user_id, username)
    values (${claims.externalUserId}, ${claims.username})
    on conflict (external_user_id) do update
      set username = excluded.username,
          updated_at = case when users.username is distinct from excluded.username
                            then now() else users.updated_at end
    returning id, external_user_id, username, role, is_active, created_at, updated_at`;
  return user;
}
