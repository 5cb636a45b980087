/**
 * Verification of a caller's token with jose: the main system's HS256 tokens (contract §3),
 * and, when `JWT_JWKS_URL` is set, another issuer's asymmetric ones (§12, `jwks.ts`).
 */
import { decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import { z } from "zod";
import { hostileText } from "../hostile_text.ts";
import { roleOf, type UserClaims } from "./claims.ts";
import { JWKS_ALGORITHMS, type JwksConfig, verifyJwksToken } from "./jwks.ts";

/** Longest accepted `user_id` / `username`, in characters. */
export const MAX_CLAIM_LENGTH = 100;
/** Longest accepted compact token; anything longer is hostile or broken. */
export const MAX_TOKEN_LENGTH = 8192;
/** Clock skew tolerated on `exp` and `nbf`, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Why a token was refused: the HTTP layer answers 401 with the contract's body for the first
 * two, and 503 for `unavailable` (the issuer's key set could not be fetched).
 */
export type TokenRejection = "invalid" | "missing_claims" | "unavailable";

/** What tokens are checked against: the shared secrets, and another issuer's key set. */
export interface TokenKeys {
  /** HS256 secrets, current first. */
  jwtSecrets: readonly string[];
  /** Another issuer's keys (contract §12); undefined: HS256 tokens only. */
  jwks: JwksConfig | undefined;
}

/** The outcome of {@link verifyExternalToken}. */
export type TokenVerification =
  | { ok: true; claims: UserClaims }
  | { ok: false; reason: TokenRejection };

const presentString = z.string().refine((s) => s.trim().length > 0);
const ClaimsSchema = z.object({
  user_id: z.union([presentString, z.number().int().refine(Number.isSafeInteger)]),
  username: presentString,
});
// A NUL or an unpaired surrogate cannot be stored (see hostile_text.ts): such a claim is as
// unusable as an over-long one, and is refused here, before the user row or the RLS claims
// (`request.jwt.claims`, parsed as JSON by Postgres) are ever written.
const storable = z.string().max(MAX_CLAIM_LENGTH).refine((s) => hostileText(s) === null);
const StorableSchema = z.object({ user_id: storable, username: storable });

const encoder = new TextEncoder();

// The secrets as WebCrypto keys, imported once each: given the secret's bytes, jose imports
// them on every verification (about a third of its cost). A configuration has one or two
// secrets; the bound only matters to processes that build many configurations (tests).
const hmacKeys = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_KEYS = 8;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (key === undefined) {
    if (hmacKeys.size >= MAX_CACHED_KEYS) hmacKeys.clear();
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["verify"],
    );
    hmacKeys.set(secret, key);
  }
  return key;
}

/**
 * Verifies `token` by the algorithm its header names: HS256 against each shared secret in turn
 * (current, then previous); RS256, ES256 or EdDSA against the configured key set (never the one
 * against the other, so a token cannot choose how it is checked); anything else, `none`
 * included, is refused. `exp` and `nbf` are checked when present. The user id is `user_id`,
 * and for a key-set token `sub` when it has none; the username is `username`, and for a key-set
 * token `preferred_username` or `email`; the role is `admin` when the `role` claim says so, else
 * `user` (contract §9). Claims that are too long or hold a NUL or an unpaired surrogate are
 * `invalid`. Returns the normalised claims, or why the token was refused.
 */
export async function verifyExternalToken(
  token: string,
  keys: TokenKeys,
): Promise<TokenVerification> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, reason: "invalid" };
  }
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  let payload: JWTPayload;
  if (alg === "HS256") {
    const verified = await verifiedPayload(token, keys.jwtSecrets);
    if (!verified) return { ok: false, reason: "invalid" };
    payload = verified;
  } else if (keys.jwks && typeof alg === "string" && JWKS_ALGORITHMS.includes(alg)) {
    const verified = await verifyJwksToken(token, keys.jwks, CLOCK_TOLERANCE_SECONDS);
    if (!verified.ok) return verified;
    payload = {
      ...verified.payload,
      user_id: verified.payload.user_id ?? verified.payload.sub,
      username: verified.payload.username ?? verified.payload.preferred_username ??
        verified.payload.email,
    };
  } else {
    return { ok: false, reason: "invalid" };
  }

  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success) return { ok: false, reason: "missing_claims" };
  const normalised = {
    user_id: String(claims.data.user_id),
    username: claims.data.username,
  };
  if (!StorableSchema.safeParse(normalised).success) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    claims: {
      externalUserId: normalised.user_id,
      username: normalised.username,
      role: roleOf(payload.role),
    },
  };
}

async function verifiedPayload(
  token: string,
  secrets: readonly string[],
): Promise<JWTPayload | undefined> {
  for (const secret of secrets) {
    try {
      const { payload } = await jwtVerify(token, await hmacKey(secret), {
        algorithms: ["HS256"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (error) {
      // Only a bad signature is worth trying the previous secret for; an expired or malformed
      // token stays refused whichever secret signed it.
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) return undefined;
    }
  }
  return undefined;
}
