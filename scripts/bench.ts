/**
 * `deno task bench`: N simulated users run the example conversation concurrently against the
 * local server on a real PostgreSQL (DATABASE_URL, else the embedded PGlite), and the same run
 * measures the floor: `GET /auth/me`, an authenticated request doing one trivial query in
 * `asUser`. Prints messages/second, p50/p99 latency and database statements per request.
 *
 * The same task then benchmarks PDF extraction against poppler's `pdftotext`
 * (scripts/lib/pdf_bench.ts).
 *
 * `BENCH_PARTS=faults` adds the database-fault run (scripts/lib/fault_bench.ts): users sending
 * messages while the database's connections are terminated three times; it needs a real
 * PostgreSQL in DATABASE_URL and terminates every other connection to that database.
 *
 * `loop` (scripts/lib/loop_bench.ts): `GET /auth/me` latency while 300-page PDFs are uploaded.
 *
 * Options (env): BENCH_PARTS (comma-separated, default `conversation,pdf,loop`; also `faults`), BENCH_USERS
 * (default 20), BENCH_FLOOR_REQUESTS (default 400), BENCH_PDF_RUNS (default 10),
 * BENCH_PDF_FILE (a PDF to read instead of the generated one).
 */
import { parseConfig } from "../shared/config.ts";
import { mintToken } from "../shared/auth/mint.ts";
import { connect } from "../shared/db/client.ts";
import { startEmbeddedPostgres } from "./lib/embedded_postgres.ts";
import { createFunctionApps } from "./lib/functions.ts";
import { createGateway } from "./lib/gateway.ts";
import { EXAMPLE_CONVERSATION } from "../shared/onboarding/example_company.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { runPdfBench } from "./lib/pdf_bench.ts";
import { runFaultBench } from "./lib/fault_bench.ts";
import { runLoopBench } from "./lib/loop_bench.ts";

const PARTS = new Set(
  (Deno.env.get("BENCH_PARTS") ?? "conversation,pdf,loop").split(",").map((p) => p.trim()),
);
for (const part of PARTS) {
  if (part !== "conversation" && part !== "pdf" && part !== "loop" && part !== "faults") {
    throw new Error(`BENCH_PARTS: unknown ${part}`);
  }
}

async function runConversationBench(): Promise<void> {
  const USERS = Number(Deno.env.get("BENCH_USERS") ?? 20);
  const FLOOR_REQUESTS = Number(Deno.env.get("BENCH_FLOOR_REQUESTS") ?? 400);
  const SECRET = "bench-secret-0123456789abcdef";

  const external = Deno.env.get("DATABASE_URL");
  const embedded = external ? undefined : await startEmbeddedPostgres(await Deno.makeTempDir());
  let statements = 0;
  const sql = connect(external ?? embedded!.url, {
    max: external ? 8 : 1,
    onQuery: () => statements++,
  });
  await applyMigrations(sql);
  const config = parseConfig({ EXTERNAL_JWT_SECRET: SECRET });
  const gateway = createGateway(createFunctionApps({ config, sql }), sql);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, gateway);
  const base = `http://127.0.0.1:${server.addr.port}`;

  const tokens = await Promise.all(
    Array.from(
      { length: USERS },
      (_, i) =>
        mintToken(SECRET, { user_id: `bench-${crypto.randomUUID()}-${i}`, username: `bench${i}` }),
    ),
  );

  async function timed(path: string, token: string, body?: unknown): Promise<number> {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return performance.now() - started;
  }

  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  };

  // Warm-up: every user exists, code paths are compiled.
  await Promise.all(tokens.map((t) => timed("/api/auth/me", t)));

  // The floor.
  statements = 0;
  const floor: number[] = [];
  const floorStarted = performance.now();
  await Promise.all(tokens.map(async (token) => {
    for (let i = 0; i < FLOOR_REQUESTS / USERS; i++) floor.push(await timed("/api/auth/me", token));
  }));
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  const floorStatements = statements / floor.length;

  // The conversations.
  const sessions = await Promise.all(tokens.map(async (token) => {
    const response = await fetch(`${base}/api/chatbot/sessions/new`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
    return (await response.json()).session_id as number;
  }));
  statements = 0;
  const messages: number[] = [];
  const started = performance.now();
  await Promise.all(tokens.map(async (token, i) => {
    for (const message of EXAMPLE_CONVERSATION) {
      messages.push(
        await timed("/api/chatbot/message", token, { session_id: sessions[i], message }),
      );
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const messageStatements = statements / messages.length;

  const ms = (v: number) => `${v.toFixed(2)} ms`;
  console.log(
    `database: ${external ? "DATABASE_URL" : "embedded PGlite"}; ${USERS} concurrent users`,
  );
  console.log(
    `floor (GET /auth/me):   ${(floor.length / floorSeconds).toFixed(0)} req/s, ` +
      `p50 ${ms(percentile(floor, 50))}, p99 ${ms(percentile(floor, 99))}, ` +
      `${floorStatements.toFixed(1)} statements/request`,
  );
  console.log(
    `POST /message:          ${(messages.length / seconds).toFixed(0)} msg/s, ` +
      `p50 ${ms(percentile(messages, 50))}, p99 ${ms(percentile(messages, 99))}, ` +
      `${messageStatements.toFixed(1)} statements/request`,
  );
  console.log(
    `message p50 / floor p50: ${(percentile(messages, 50) / percentile(floor, 50)).toFixed(2)}x`,
  );

  await server.shutdown();
  await sql.end();
  await embedded?.stop();
}

if (PARTS.has("conversation")) await runConversationBench();
if (PARTS.has("pdf")) {
  if (PARTS.has("conversation")) console.log();
  await runPdfBench();
}
if (PARTS.has("loop")) {
  if (PARTS.has("conversation") || PARTS.has("pdf")) console.log();
  await runLoopBench();
}
if (PARTS.has("faults")) {
  if (PARTS.has("conversation") || PARTS.has("pdf") || PARTS.has("loop")) console.log();
  await runFaultBench();
}
