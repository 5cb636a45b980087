/**
 * `deno task token <user_id> <username> [expires] [--admin]`: prints an HS256 token signed with
 * EXTERNAL_JWT_SECRET (or the dev server's development secret), for curl and frontends;
 * `--admin` adds the claim `role: "admin"` (contract §9).
 */
import { mintToken } from "../shared/auth/mint.ts";

const admin = Deno.args.includes("--admin");
const [userId, username, expires = "24h"] = Deno.args.filter((arg) => arg !== "--admin");
if (!userId || !username) {
  console.error("usage: deno task token <user_id> <username> [expires, e.g. 24h] [--admin]");
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
const claims = { user_id: userId, username, ...(admin ? { role: "admin" } : {}) };
console.log(await mintToken(secret, claims, expires));
