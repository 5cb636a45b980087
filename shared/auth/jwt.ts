/**
 * Verification of the main system's HS256 tokens (contract §3), with jose.
 */
import { errors, jwtVerify } from "jose";
import { z } from "zod";
import { hostileText } from "../hostile_text.ts";
import type { UserClaims } from "./claims.ts";

/** Longest accepted `user_id` / `username`, in characters. */
export const MAX_CLAIM_LENGTH = 100;
/** Longest accepted compact token; anything longer is hostile or broken. */
export const MAX_TOKEN_LENGTH = 8192;
/** Clock skew tolerated on `exp` and `nbf`, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** Why a token was refused; the HTTP layer maps each reason to the contract's 401 body. */
export type TokenRejection = "invalid" | "missing_claims";

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

/**
 * Verifies `token` against each secret in turn (current, then previous) with HS256 only, and
 * checks `exp`/`nbf` when present. Claims that are too long or hold a NUL or an unpaired
 * surrogate are `invalid`. Returns the normalised claims, or why the token was refused.
 */
export async function verifyExternalToken(
  token: string,
  secrets: readonly string[],
): Promise<TokenVerification> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, reason: "invalid" };
  }
  const payload = await verifiedPayload(token, secrets);
  if (!payload) return { ok: false, reason: "invalid" };

  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success) return { ok: false, reason: "missing_claims" };
  const normalised = {
    user_id: String(claims.data.user_id),
    username: claims.data.username,
  };
  if (!StorableSchema.safeParse(normalised).success) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    claims: { externalUserId: normalised.user_id, username: normalised.username },
  };
}

async function verifiedPayload(
  token: string,
  secrets: readonly string[],
): Promise<Record<string, unknown> | undefined> {
  for (const secret of secrets) {
    try {
      const { payload } = await jwtVerify(token, encoder.encode(secret), {
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
