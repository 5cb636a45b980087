/**
 * `deno task dev`: the whole API on one port, the way a frontend developer wants it.
 *
 * Without DATABASE_URL it starts an embedded PostgreSQL (PGlite) whose data lives in
 * `$DATA_DIR/postgres` and survives restarts; without EXTERNAL_JWT_SECRET it makes a
 * development secret (kept in `$DATA_DIR/dev-jwt-secret`) and prints it with a ready token.
 * The reference chat page is at `/chat` (web/).
 */
import { ConfigError, parseConfig } from "../shared/config.ts";
import { mintToken } from "../shared/auth/mint.ts";
import { connect, type Sql } from "../shared/db/client.ts";
import {
  DataDirInUseError,
  type EmbeddedPostgres,
  startEmbeddedPostgres,
} from "./lib/embedded_postgres.ts";
import { createFunctionApps } from "./lib/functions.ts";
import { createGateway } from "./lib/gateway.ts";
import { withApiDocs } from "./lib/api_docs.ts";
import { withChatPage } from "./lib/chat_page.ts";
import { apiDocument } from "../shared/http/openapi_document.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { startWebhookTimer, type WebhookTimer } from "./lib/webhook_timer.ts";

const env = Deno.env.toObject();
const dataDir = env.DATA_DIR || ".data";
const port = Number(env.PORT || 8000);

// Everything the start-up opens, so that a failed start can close it again before exiting.
let embedded: EmbeddedPostgres | undefined;
let sql: Sql | undefined;
let server: Deno.HttpServer | undefined;
let handler: ((request: Request) => Promise<Response>) | undefined;
let webhooks: WebhookTimer | undefined;

/** How often the dev server sends due webhook events (Supabase's schedule: every minute). */
const WEBHOOK_TIMER_MS = 10_000;

try {
  // Listen first: a port in use is found in milliseconds, before the database is opened.
  // Requests that arrive while the database starts get 503 until the gateway is ready.
  server = Deno.serve(
    { port, hostname: "0.0.0.0", onListen: () => {} },
    (request) =>
      handler ? handler(request) : Response.json({ detail: "Service temporarily unavailable" }, {
        status: 503,
        headers: { "Retry-After": "1" },
      }),
  );

  // The database choice needs no secret; the secret is made only once the data folder is ours.
  const external = parseConfig({ ...env, EXTERNAL_JWT_SECRET: "unused" }).databaseUrl;
  if (!external) embedded = await startEmbeddedPostgres(`${dataDir}/postgres`);
  const devSecret = env.EXTERNAL_JWT_SECRET ? undefined : await developmentSecret(dataDir);
  const config = parseConfig({ ...env, EXTERNAL_JWT_SECRET: env.EXTERNAL_JWT_SECRET ?? devSecret });
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const pool = sql = connect(databaseUrl, {
    // PGlite has a single backend, so its pool must hand out one connection at a time.
    max: embedded ? 1 : config.databasePoolMax,
    prepare: config.databasePrepare,
  });
  const applied = await applyMigrations(pool);

  const apps = createFunctionApps({ config, sql: pool });
  // The reference routes (/openapi.json, /docs, /redoc, /assets/…) come before the gateway.
  const gateway = withChatPage(
    withApiDocs(
      () => apiDocument(apps, { localUrl: `http://localhost:${port}/api` }),
      createGateway(apps, pool),
    ),
    // The page's "use a development token" button, only with the server's own secret.
    devSecret
      ? { devToken: () => mintToken(devSecret, { user_id: "dev-user", username: "dev" }, "1d") }
      : {},
  );
  handler = async (request) => {
    const started = performance.now();
    const response = await gateway(request);
    const ms = (performance.now() - started).toFixed(1);
    console.log(`${request.method} ${new URL(request.url).pathname} ${response.status} ${ms}ms`);
    return response;
  };

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
  if (config.webhook) webhooks = startWebhookTimer(pool, config.webhook, WEBHOOK_TIMER_MS);
  console.log(
    `  webhooks: ${
      config.webhook ? `to ${config.webhook.url}, due events sent every 10 s` : "off"
    }`,
  );
  console.log(`  routes: /api/<function>/… and /functions/v1/<function>/… (admin, auth, chatbot)`);
  console.log(
    `  API reference: http://localhost:${port}/docs (Swagger UI), /redoc, /openapi.json`,
  );
  console.log(`  chat page: http://localhost:${port}/chat`);
  if (devSecret) {
    const token = await mintToken(devSecret, { user_id: "dev-user", username: "dev" }, "30d");
    console.log(`  development EXTERNAL_JWT_SECRET: ${devSecret}`);
    console.log(`  token for user_id "dev-user" (30 days):\n${token}`);
    console.log(
      `  try: curl -H "Authorization: Bearer <token>" http://localhost:${port}/api/auth/me`,
    );
  }
} catch (error) {
  console.error(startupProblem(error));
  await closeAll();
  Deno.exit(1);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("Shutting down…");
  await closeAll();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);

/** Closes whatever the start-up opened: server, pool, embedded database (and its lock). */
async function closeAll(): Promise<void> {
  webhooks?.stop();
  await server?.shutdown().catch(() => {});
  await sql?.end({ timeout: 5 }).catch(() => {});
  await embedded?.stop().catch(() => {});
}

/**
 * The one line a developer needs when the server cannot start, instead of a stack trace: the
 * cause and what to change. Never echoes the database URL, which may hold a password.
 */
function startupProblem(error: unknown): string {
  if (error instanceof DataDirInUseError) {
    const holder = error.pid ? ` (pid ${error.pid})` : "";
    return `Another dev server is using ${dataDir}${holder}; stop it or set DATA_DIR`;
  }
  if (error instanceof Deno.errors.AddrInUse) {
    return `Port ${port} is already in use; stop what uses it or set PORT`;
  }
  if (error instanceof ConfigError) return error.message;
  const code = (error as { code?: unknown })?.code;
  const where = databaseAddress();
  if (
    typeof code === "string" && where &&
    /^(E[A-Z]+|CONNECT_TIMEOUT|28[0-9A-Z]{3}|3D000)$/.test(code)
  ) {
    return `Cannot reach the database at ${where} (${databaseReason(error, code)}); ` +
      "check DATABASE_URL or start the database";
  }
  return `Could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/** The host, port and database name of DATABASE_URL (no user or password), when set. */
function databaseAddress(): string | undefined {
  const raw = env.DATABASE_URL || env.SUPABASE_DB_URL;
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** A short reason for a failed database connection, from postgres.js's error code. */
function databaseReason(error: unknown, code: string): string {
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "CONNECT_TIMEOUT" || code === "ETIMEDOUT") return "timed out";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "unknown host";
  return error instanceof Error ? error.message : code;
}

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
