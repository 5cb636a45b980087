/**
 * Minting of external-style tokens, for the dev server, `deno task token` and the tests.
 * The main system mints the real ones.
 */
import { SignJWT } from "jose";

/** Signs an HS256 token carrying `user_id` and `username`, valid for `expiresIn` (jose syntax). */
export async function mintToken(
  secret: string,
  claims: { user_id: string | number; username: string; [extra: string]: unknown },
  expiresIn: string | number = "24h",
): Promise<string> {
  return await new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
