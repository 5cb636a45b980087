/**
 * The conversation part of `deno task bench`: N simulated users run the example conversation
 * concurrently against the local server on a real PostgreSQL (DATABASE_URL, else the embedded
 * PGlite), and the same run measures the floor: `GET /auth/me`, an authenticated request doing
 * one trivial query in `asUser`. Prints messages/second, p50/p99 latency and database
 * statements per request; then the database round trips per request of each, counted by a
 * proxy in front of the database (./round_trip_proxy.ts) over a short sequential run of its
 * own, so the latency figures are measured without the proxy.
 *
 * Options (env): BENCH_USERS (default 20), BENCH_FLOOR_REQUESTS (default 400).
 */
import { parseConfig } from "../../shared/config.ts";
import { mintToken } from "../../shared/auth/mint.ts";
import { connect, type Sql } from "../../shared/db/client.ts";
import { EXAMPLE_CONVERSATION } from "../../shared/onboarding/example_company.ts";
import { startEmbeddedPostgres } from "./embedded_postgres.ts";
import { createFunctionApps } from "./functions.ts";
import { createGateway } from "./gateway.ts";
import { applyMigrations } from "./migrate.ts";
import { startRoundTripProxy } from "./round_trip_proxy.ts";

/** What the conversation bench measured, for a machine-readable summary. */
export interface ConversationFigures {
  /** Message p50 latency divided by the floor's p50 (issue 11: at most 1.5 on PostgreSQL). */
  message_floor_ratio: number;
  /** Database round trips per rule-mode `POST /message`. */
  message_round_trips: number;
  /** Database round trips per `GET /auth/me`. */
  floor_round_trips: number;
  /** Messages per second over the concurrent run. */
  msg_per_s: number;
}

const SECRET = "bench-secret-0123456789abcdef";

/** A local server of every function, on its own pool. */
interface Stand {
  base: string;
  sql: Sql;
  stop(): Promise<void>;
}

function startStand(
  url: string,
  options: { max: number; prepare?: boolean; onQuery?: () => void },
): Stand {
  const sql = connect(url, options);
  const config = parseConfig({ EXTERNAL_JWT_SECRET: SECRET });
  const gateway = createGateway(createFunctionApps({ config, sql }), sql);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, gateway);
  return {
    base: `http://127.0.0.1:${server.addr.port}`,
    sql,
    async stop() {
      await server.shutdown();
      await sql.end();
    },
  };
}

/** Sends one request to `base`; resolves to its latency in milliseconds (it must be a 200). */
async function timed(base: string, path: string, token: string, body?: unknown): Promise<number> {
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

async function newSession(base: string, token: string): Promise<number> {
  const response = await fetch(`${base}/api/chatbot/sessions/new`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`sessions/new: ${response.status}`);
  }
  return (await response.json()).session_id as number;
}

/** Runs the example conversation on a new session of `token`'s user, one message at a time. */
async function converse(base: string, token: string): Promise<number[]> {
  const sessionId = await newSession(base, token);
  const latencies: number[] = [];
  for (const message of EXAMPLE_CONVERSATION) {
    latencies.push(
      await timed(base, "/api/chatbot/message", token, { session_id: sessionId, message }),
    );
  }
  return latencies;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Round trips per request of the floor and of a rule-mode message (see the module comment). */
export interface RoundTrips {
  floor: number;
  message: number;
}

/**
 * Counts the database round trips per request of `GET /auth/me` and of rule-mode
 * `POST /message` on a server whose pool of one connection reaches `url` through a
 * {@link startRoundTripProxy} proxy. Requests are sent one at a time, after a warm-up of the
 * same requests (the connection is open and its statements prepared, as in steady state: an
 * unprepared statement with parameters costs postgres.js a round trip of its own to describe
 * it, and stops the pipeline behind it).
 */
export async function countRoundTrips(
  url: string,
  options: { prepare?: boolean; floorRequests?: number } = {},
): Promise<RoundTrips> {
  const { prepare, floorRequests = 20 } = options;
  const proxy = startRoundTripProxy(url);
  const stand = startStand(proxy.url, { max: 1, prepare });
  try {
    const token = await mintToken(SECRET, {
      user_id: `round-trips-${crypto.randomUUID()}`,
      username: "roundtrips",
    });
    const floor = async () => {
      for (let i = 0; i < floorRequests; i++) await timed(stand.base, "/api/auth/me", token);
    };
    await floor();
    // Two conversations: the second starts from the first's data (copied into the new session),
    // as the measured one does, so every statement the measured run sends is prepared already.
    await converse(stand.base, token);
    await converse(stand.base, token);

    proxy.reset();
    await floor();
    const floorTurns = proxy.turns();
    const sessionId = await newSession(stand.base, token);
    proxy.reset();
    for (const message of EXAMPLE_CONVERSATION) {
      await timed(stand.base, "/api/chatbot/message", token, { session_id: sessionId, message });
    }
    const messageTurns = proxy.turns();
    return {
      floor: floorTurns / floorRequests,
      message: messageTurns / EXAMPLE_CONVERSATION.length,
    };
  } finally {
    await stand.stop();
    await proxy.close();
  }
}

/** Runs the conversation bench (see the module comment), prints it, returns its figures. */
export async function runConversationBench(): Promise<ConversationFigures> {
  const USERS = Number(Deno.env.get("BENCH_USERS") ?? 20);
  const FLOOR_REQUESTS = Number(Deno.env.get("BENCH_FLOOR_REQUESTS") ?? 400);

  const external = Deno.env.get("DATABASE_URL");
  const embedded = external ? undefined : await startEmbeddedPostgres(await Deno.makeTempDir());
  const url = external ?? embedded!.url;
  let statements = 0;
  const stand = startStand(url, { max: external ? 8 : 1, onQuery: () => statements++ });
  const { base } = stand;
  await applyMigrations(stand.sql);

  const users = () =>
    Promise.all(
      Array.from(
        { length: USERS },
        (_, i) =>
          mintToken(SECRET, {
            user_id: `bench-${crypto.randomUUID()}-${i}`,
            username: `bench${i}`,
          }),
      ),
    );
  const [tokens, warmUpTokens] = await Promise.all([users(), users()]);

  // Warm-up, so that both sides are measured with compiled code: every measured user exists,
  // and other users run the whole conversation once (the measured users' sessions start empty,
  // as a first session does, rather than from a copy of a completed one).
  await Promise.all(tokens.map((t) => timed(base, "/api/auth/me", t)));
  await Promise.all(warmUpTokens.map(async (token) => {
    const session = await newSession(base, token);
    for (const message of EXAMPLE_CONVERSATION) {
      await timed(base, "/api/chatbot/message", token, { session_id: session, message });
    }
  }));

  // The floor.
  statements = 0;
  const floor: number[] = [];
  const floorStarted = performance.now();
  await Promise.all(tokens.map(async (token) => {
    for (let i = 0; i < FLOOR_REQUESTS / USERS; i++) {
      floor.push(await timed(base, "/api/auth/me", token));
    }
  }));
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  const floorStatements = statements / floor.length;

  // The conversations.
  const sessions = await Promise.all(tokens.map((token) => newSession(base, token)));
  statements = 0;
  const messages: number[] = [];
  const started = performance.now();
  await Promise.all(tokens.map(async (token, i) => {
    for (const message of EXAMPLE_CONVERSATION) {
      messages.push(
        await timed(base, "/api/chatbot/message", token, { session_id: sessions[i], message }),
      );
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const messageStatements = statements / messages.length;
  await stand.stop();

  // PGlite serves one connection at a time: the counting server's pool waits for the bench's
  // to close.
  const roundTrips = await countRoundTrips(url);
  await embedded?.stop();

  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const ratio = percentile(messages, 50) / percentile(floor, 50);
  const msgPerS = messages.length / seconds;
  console.log(
    `database: ${external ? "DATABASE_URL" : "embedded PGlite"}; ${USERS} concurrent users`,
  );
  console.log(
    `floor (GET /auth/me):   ${(floor.length / floorSeconds).toFixed(0)} req/s, ` +
      `p50 ${ms(percentile(floor, 50))}, p99 ${ms(percentile(floor, 99))}, ` +
      `${floorStatements.toFixed(1)} statements/request`,
  );
  console.log(
    `POST /message:          ${msgPerS.toFixed(0)} msg/s, ` +
      `p50 ${ms(percentile(messages, 50))}, p99 ${ms(percentile(messages, 99))}, ` +
      `${messageStatements.toFixed(1)} statements/request`,
  );
  console.log(`message p50 / floor p50: ${ratio.toFixed(2)}x`);
  console.log(
    `round trips per request: floor ${roundTrips.floor.toFixed(1)}, ` +
      `message ${roundTrips.message.toFixed(1)}`,
  );
  return {
    message_floor_ratio: ratio,
    message_round_trips: roundTrips.message,
    floor_round_trips: roundTrips.floor,
    msg_per_s: msgPerS,
  };
}
