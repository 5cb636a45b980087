/**
 * `deno task token <user_id> <username> [expires]`: prints an HS256 token signed with
 * EXTERNAL_JWT_SECRET (or the dev server's development secret), for curl and frontends.
 */
import { mintToken } from "../shared/auth/mint.ts";

const [userId, username, expires = "24h"] = Deno.args;
if (!userId || !username) {
  console.error("usage: deno task token <user_id> <username> [expires, e.g. 24h]");
  Deno.exit(2);
}
const dataDir = Deno.env.get("DATA_DIR") || ".data";
let secret = Deno.env.get("EXTERNAL_JWT_SECRET");
if (!secret) {
  try {
    secret = (await Deno.readTextFile(`${dataDir}/dev-jwt-secret`)).trim();
  } catch {
    console.error(
      "EXTERNAL_JWT_SECRET is not set and no development secret exists yet: " +
        "set the variable, or run `deno task dev` once.",
    );
    Deno.exit(2);
  }
}
console.log(await mintToken(secret, { user_id: userId, username }, expires));
