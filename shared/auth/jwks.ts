/**
 * Tokens of another issuer (contract §12): signed RS256, ES256 or EdDSA by a key of the JSON
 * Web Key Set at `JWT_JWKS_URL` (Supabase Auth's, for one), checked with jose's remote key set.
 *
 * @module
 */
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";

/** The asymmetric algorithms a key of the set may sign with. */
export const JWKS_ALGORITHMS: readonly string[] = ["RS256", "ES256", "EdDSA"];

/** Where the keys are, and what the tokens must say of their issuer and audience. */
export interface JwksConfig {
  url: string;
  /** `iss` must equal this when set. */
  issuer?: string;
  /** `aud` must hold this when set. */
  audience?: string;
}

/** The outcome of {@link verifyJwksToken}. */
export type JwksVerification =
  | { ok: true; payload: JWTPayload }
  | { ok: false; reason: "invalid" | "unavailable" };

/**
 * How long one fetch of the key set may take (ms): a request whose keys cannot be had answers
 * 503 well within the contract's 5 s (§4).
 */
export const JWKS_TIMEOUT_MS = 2_000;
/** An unknown `kid` fetches the set again at most this often (ms), as §12 says. */
export const JWKS_COOLDOWN_MS = 60_000;

// One key set per URL for the isolate: every app and request shares its cache.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(url: string): ReturnType<typeof createRemoteJWKSet> {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), {
      timeoutDuration: JWKS_TIMEOUT_MS,
      cooldownDuration: JWKS_COOLDOWN_MS,
    });
    keySets.set(url, set);
  }
  return set;
}

// What is wrong with the token itself (401), as against with getting the keys (503).
const TOKEN_ERRORS = [
  errors.JWTClaimValidationFailed, // iss, aud, nbf
  errors.JWTExpired,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKSNoMatchingKey, // a `kid` the set does not hold, even after fetching it again
  errors.JWKSMultipleMatchingKeys,
];

/**
 * Verifies `token` with the key set of `config` (fetched on first use, kept, fetched again for
 * an unknown `kid` at most every {@link JWKS_COOLDOWN_MS}), only for {@link JWKS_ALGORITHMS},
 * checking `exp` and `nbf` when present (with `clockTolerance` seconds of skew) and the issuer
 * and audience when configured. `invalid`: the token is not acceptable; `unavailable`: the key
 * set could not be fetched or read, so nothing can be said of the token.
 */
export async function verifyJwksToken(
  token: string,
  config: JwksConfig,
  clockTolerance: number,
): Promise<JwksVerification> {
  try {
    const { payload } = await jwtVerify(token, keySet(config.url), {
      algorithms: [...JWKS_ALGORITHMS],
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance,
    });
    return { ok: true, payload };
  } catch (error) {
    const invalid = TOKEN_ERRORS.some((type) => error instanceof type);
    return { ok: false, reason: invalid ? "invalid" : "unavailable" };
  }
}
