/**
 * The caller's identity as the rest of the system sees it, taken from a verified external JWT.
 */

/** Claims of a verified external token, normalised (`user_id` always a decimal string). */
export interface UserClaims {
  externalUserId: string;
  username: string;
}

/** The JSON placed in `request.jwt.claims` so that row-level security can identify the caller. */
export function databaseClaims(claims: UserClaims): string {
  return JSON.stringify({
    role: "authenticated",
    external_user_id: claims.externalUserId,
    username: claims.username,
  });
}
