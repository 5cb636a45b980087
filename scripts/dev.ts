/**
 * `deno task dev`: the whole API on one port, the way a frontend developer wants it.
 *
 * Without DATABASE_URL it starts an embedded PostgreSQL (PGlite) whose data lives in
 * `$DATA_DIR/postgres` and survives restarts; without EXTERNAL_JWT_SECRET it makes a
 * development secret (kept in `$DATA_DIR/dev-jwt-secret`) and prints it with a ready token.
 */
import { parseConfig } from "../shared/config.ts";
import { mintToken } from "../shared/auth/mint.ts";
import { connect } from "../shared/db/client.ts";
import { startEmbeddedPostgres } from "./lib/embedded_postgres.ts";
import { createFunctionApps } from "./lib/functions.ts";
import { createGateway } from "./lib/gateway.ts";
import { applyMigrations } from "./lib/migrate.ts";

const env = Deno.env.toObject();
const dataDir = env.DATA_DIR || ".data";
const port = Number(env.PORT || 8000);

const devSecret = env.EXTERNAL_JWT_SECRET ? undefined : await developmentSecret(dataDir);
const config = parseConfig({ ...env, EXTERNAL_JWT_SECRET: env.EXTERNAL_JWT_SECRET ?? devSecret });

const embedded = config.databaseUrl
  ? undefined
  : await startEmbeddedPostgres(`${dataDir}/postgres`);
const databaseUrl = config.databaseUrl ?? embedded!.url;
const sql = connect(databaseUrl, {
  // PGlite has a single backend, so its pool must hand out one connection at a time.
  max: embedded ? 1 : config.databasePoolMax,
  prepare: config.databasePrepare,
});
const applied = await applyMigrations(sql);

const gateway = createGateway(createFunctionApps({ config, sql }), sql);
const server = Deno.serve({ port, hostname: "0.0.0.0", onListen: () => {} }, async (request) => {
  const started = performance.now();
  const response = await gateway(request);
  const ms = (performance.now() - started).toFixed(1);
  console.log(`${request.method} ${new URL(request.url).pathname} ${response.status} ${ms}ms`);
  return response;
});

console.log(`Onboarding Chatbot API on http://localhost:${port}`);
console.log(
  `  database: ${embedded ? `embedded PGlite in ${dataDir}/postgres` : "DATABASE_URL"}` +
    (applied.length ? ` (applied migrations ${applied.join(", ")})` : ""),
);
console.log(`  mode: ${config.openai ? `AI (${config.openai.model})` : "rule-based"}`);
console.log(
  `  uploads: ${
    config.supabase
      ? `Supabase Storage bucket ${config.supabase.bucket}`
      : `${config.dataDir}/storage/${config.storageBucket}`
  }`,
);
console.log(`  routes: /api/<function>/… and /functions/v1/<function>/… (auth, chatbot)`);
if (devSecret) {
  const token = await mintToken(devSecret, { user_id: "dev-user", username: "dev" }, "30d");
  console.log(`  development EXTERNAL_JWT_SECRET: ${devSecret}`);
  console.log(`  token for user_id "dev-user" (30 days):\n${token}`);
  console.log(
    `  try: curl -H "Authorization: Bearer <token>" http://localhost:${port}/api/auth/me`,
  );
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("Shutting down…");
  await server.shutdown();
  await sql.end({ timeout: 5 });
  await embedded?.stop();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);

/** Reads the development secret from the data folder, making one on first run. */
async function developmentSecret(dir: string): Promise<string> {
  const file = `${dir}/dev-jwt-secret`;
  try {
    return (await Deno.readTextFile(file)).trim();
  } catch {
    await Deno.mkdir(dir, { recursive: true });
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const secret = `dev-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
    await Deno.writeTextFile(file, secret, { mode: 0o600 });
    return secret;
  }
}
