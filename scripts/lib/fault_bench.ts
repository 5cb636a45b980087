/**
 * The `faults` part of `deno task bench` (issue 9): 20 users send the example conversation's
 * messages, over and over, while the database's connections are terminated three times
 * (`pg_terminate_backend` of every backend on the database but the bench's own admin
 * connection). Prints how many requests were answered, how many 5xx other than 503 there were,
 * and, per termination, how many seconds passed until every answer was a 200 again.
 *
 * Needs a real PostgreSQL (`DATABASE_URL`): PGlite has no backends to terminate. Behind a
 * transaction-mode pooler set `DATABASE_PREPARE=false`, as for the application.
 */
import postgres from "postgres";
import { parseConfig } from "../../shared/config.ts";
import { mintToken } from "../../shared/auth/mint.ts";
import { connect } from "../../shared/db/client.ts";
import { createFunctionApps } from "./functions.ts";
import { createGateway } from "./gateway.ts";
import { EXAMPLE_CONVERSATION } from "../../shared/onboarding/example_company.ts";
import { applyMigrations } from "./migrate.ts";

/** The figures of one fault run, as printed. */
export interface FaultBenchResult {
  /** Requests sent while the faults happened. */
  requests: number;
  /** Requests answered at all (any status) within {@link GIVE_UP_MS}. */
  answered: number;
  /** 503 answers (the contract's answer while the database is unavailable). */
  unavailable: number;
  /** 5xx answers other than 503 (a fault surfacing as a bug). */
  otherServerErrors: number;
  /** Answers slower than the contract's 5 s. */
  slow: number;
  /** Backends terminated in each round. */
  terminated: number[];
  /**
   * Per termination: seconds until every later answer was a 200 (0: no request failed; `null`:
   * still failing when the next termination came, or the run ended).
   */
  recoverySeconds: (number | null)[];
}

/** A request still unanswered after this long counts as not answered. */
const GIVE_UP_MS = 15_000;
/** Seconds between the start, the three terminations, and the end of the load. */
const ROUND_MS = 3000;

interface Answer {
  status: number;
  sentAt: number;
  doneAt: number;
}

/**
 * Runs the fault bench and prints its figures; returns them, or `undefined` after printing one
 * line saying why it was skipped (no `DATABASE_URL`).
 */
export async function runFaultBench(): Promise<FaultBenchResult | undefined> {
  const url = Deno.env.get("DATABASE_URL");
  if (!url) {
    console.log(
      "faults: skipped (needs DATABASE_URL on a real PostgreSQL; PGlite has no backends to terminate)",
    );
    return undefined;
  }
  const USERS = Number(Deno.env.get("BENCH_USERS") ?? 20);
  const SECRET = "bench-secret-0123456789abcdef";
  // Users here send far more than 30 messages a minute: the limits would answer 429s, which
  // this part does not measure.
  const config = parseConfig({
    ...Deno.env.toObject(),
    EXTERNAL_JWT_SECRET: SECRET,
    RATE_LIMIT_REQUESTS_PER_MINUTE: "0",
    RATE_LIMIT_MESSAGES_PER_MINUTE: "0",
  });
  const sql = connect(url, { max: 8, prepare: config.databasePrepare });
  const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  await applyMigrations(sql);
  const gateway = createGateway(createFunctionApps({ config, sql }), sql);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, gateway);
  const base = `http://127.0.0.1:${server.addr.port}`;
  const started = performance.now();
  const now = () => performance.now() - started;

  const answers: Answer[] = [];
  async function send(token: string, path: string, body?: unknown) {
    const sentAt = now();
    try {
      const response = await fetch(`${base}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(GIVE_UP_MS),
      });
      const json = await response.json();
      answers.push({ status: response.status, sentAt, doneAt: now() });
      return { status: response.status, json };
    } catch {
      answers.push({ status: 0, sentAt, doneAt: now() });
      return { status: 0, json: undefined };
    }
  }

  try {
    const tokens = await Promise.all(
      Array.from({ length: USERS }, (_, i) =>
        mintToken(SECRET, {
          user_id: `bench-faults-${crypto.randomUUID()}-${i}`,
          username: `faults${i}`,
        })),
    );
    let stop = false;
    const load = tokens.map(async (token) => {
      let sessionId: number | undefined;
      let step = 0;
      let retrying = false;
      while (!stop) {
        if (sessionId === undefined) {
          const next = await send(token, "/api/chatbot/sessions/new", {});
          if (next.status !== 200) continue;
          sessionId = next.json.session_id as number;
          step = 0;
          retrying = false;
        }
        // After a 503 the same message again, as a client retries it.
        const answer = await send(token, "/api/chatbot/message", {
          session_id: sessionId,
          message: EXAMPLE_CONVERSATION[step],
        });
        // 409 on a retry: the last turn's COMMIT went through, only its answer was lost.
        if (answer.status === 409 && retrying) sessionId = undefined;
        retrying = answer.status === 503;
        if (answer.status !== 200) continue;
        step++;
        if (answer.json.completed || step === EXAMPLE_CONVERSATION.length) sessionId = undefined;
      }
    });

    const terminatedAt: number[] = [];
    const terminated: number[] = [];
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, ROUND_MS));
      terminatedAt.push(now());
      const rows = await admin`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`;
      terminated.push(rows.length);
    }
    await new Promise((resolve) => setTimeout(resolve, ROUND_MS));
    stop = true;
    await Promise.all(load);

    // Recovery after a termination: until its last failed answer (a failure that came after
    // the next termination is that one's). Every answer after it, up to the next termination,
    // was a 200 (or the 409 of a retried last turn, see above).
    const recoverySeconds = terminatedAt.map((at, i) => {
      const until = terminatedAt[i + 1] ?? Infinity;
      const failed = answers.filter((a) =>
        a.status !== 200 && a.status !== 409 && a.doneAt >= at && a.doneAt < until
      );
      if (failed.length === 0) return 0;
      const last = Math.max(...failed.map((a) => a.doneAt));
      // No 200 after the last failure before the next termination (or the end): not recovered.
      const resumed = answers.some((a) => a.status === 200 && a.doneAt > last && a.doneAt < until);
      return resumed ? (last - at) / 1000 : null;
    });
    const result: FaultBenchResult = {
      requests: answers.length,
      answered: answers.filter((a) => a.status !== 0).length,
      unavailable: answers.filter((a) => a.status === 503).length,
      otherServerErrors: answers.filter((a) => a.status >= 500 && a.status !== 503).length,
      slow: answers.filter((a) => a.doneAt - a.sentAt >= 5000).length,
      terminated,
      recoverySeconds,
    };
    console.log(
      `faults: ${USERS} users, backends terminated 3 times (${terminated.join("/")} backends)`,
    );
    console.log(
      `  requests answered:      ${result.answered} of ${result.requests} ` +
        `(${result.unavailable} × 503, ${result.slow} slower than 5 s)`,
    );
    console.log(`  5xx other than 503:     ${result.otherServerErrors}`);
    console.log(
      `  seconds to recover:     ${
        recoverySeconds.map((s) => s === null ? "not recovered" : s.toFixed(2)).join(" / ")
      }`,
    );
    return result;
  } finally {
    await server.shutdown();
    await admin.end({ timeout: 1 });
    await sql.end({ timeout: 1 });
  }
}
