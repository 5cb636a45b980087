/**
 * The authentication middleware (contract §3): verifies the bearer token and exposes the
 * caller's claims to the route. The user row itself is synced inside the route's transaction
 * (see `withUser`), so a request costs one transaction, not two.
 */
import type { MiddlewareHandler } from "hono";
import type { UserClaims } from "../auth/claims.ts";
import { type TokenKeys, verifyExternalToken } from "../auth/jwt.ts";
import { ApiError, Detail, unauthorized, unavailable } from "./errors.ts";

/** Variables the auth middleware sets on the Hono context. */
export type AuthVariables = { claims: UserClaims };

const BEARER = /^Bearer +([^\s]+) *$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined for anything else. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return BEARER.exec(authorization ?? "")?.[1];
}

/**
 * Hono middleware that rejects a request without a valid token with the contract's 401s, and
 * with a 503 when the token's issuer's keys cannot be fetched (contract §12). `keys` is the
 * configuration's `jwtSecrets` and `jwks`.
 */
export function requireAuth(
  keys: TokenKeys,
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("Authorization"));
    if (token === undefined) throw unauthorized();
    const result = await verifyExternalToken(token, keys);
    if (!result.ok && result.reason === "unavailable") throw unavailable();
    if (!result.ok) {
      throw unauthorized(result.reason === "missing_claims" ? Detail.missingClaims : undefined);
    }
    c.set("claims", result.claims);
    await next();
  };
}

/**
 * Hono middleware, after {@link requireAuth}, that refuses a caller whose token does not give
 * it the admin role (contract §9): 403 `Admin role required`.
 */
export const requireAdmin: MiddlewareHandler<{ Variables: AuthVariables }> = async (c, next) => {
  if (c.get("claims").role !== "admin") throw new ApiError(403, Detail.adminRequired);
  await next();
};
