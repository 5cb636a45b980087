/**
 * The caller's identity as the rest of the system sees it, taken from a verified external JWT.
 */

/** A caller's role (contract §9): `admin` only when the token's `role` claim says so. */
export type Role = "user" | "admin";

/** Claims of a verified external token, normalised (`user_id` always a decimal string). */
export interface UserClaims {
  externalUserId: string;
  username: string;
  role: Role;
}

/**
 * The role a token's `role` claim grants: `"admin"` grants admin; anything else, missing
 * included, is a user (a Supabase Auth token's `"authenticated"`, a misspelt `"Admin"`).
 */
export function roleOf(claim: unknown): Role {
  return claim === "admin" ? "admin" : "user";
}

/** The JSON placed in `request.jwt.claims` so that row-level security can identify the caller. */
export function databaseClaims(claims: UserClaims): string {
  // `role` is PostgreSQL's (Supabase's convention); the caller's role is `user_role`, which the
  // row-level-security policies read (migrations: onboarding.current_user_role()).
  return JSON.stringify({
    role: "authenticated",
    external_user_id: claims.externalUserId,
    username: claims.username,
    user_role: claims.role,
  });
}
