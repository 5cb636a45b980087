/**
 * The event-loop part of `deno task bench`: does a large PDF upload starve the other requests
 * on the same server? Supabase runs each function's requests on one isolate with no Web
 * Workers, so extraction shares the loop with them (docs/uploads.md, "Sharing the event loop").
 *
 * Starts the real local server (every function app behind the gateway, on DATABASE_URL else
 * the embedded PGlite, uploads stored under a temporary DATA_DIR), then measures `GET
 * /api/auth/me` from a few concurrent clients: first alone, then while a generated 300-page,
 * 10 MB PDF (scripts/lib/large_pdf.ts) is uploaded through `POST /api/chatbot/upload-file`
 * again and again. Prints both p99s, their ratio (target ≤ 3×), the longest stall of a 1 ms
 * timer during the uploads and how often extraction handed the loop back. A first upload
 * loads unpdf before measuring: a module's first evaluation is one long synchronous step that
 * no yield can split, and it is paid once per isolate. Options (env): BENCH_LOOP_SECONDS
 * (length of each phase, default 3), BENCH_LOOP_CLIENTS (default 4).
 */
import { parseConfig } from "../../shared/config.ts";
import { mintToken } from "../../shared/auth/mint.ts";
import { connect } from "../../shared/db/client.ts";
import { loopYields } from "../../shared/loop_yield.ts";
import { startEmbeddedPostgres } from "./embedded_postgres.ts";
import { createFunctionApps } from "./functions.ts";
import { createGateway } from "./gateway.ts";
import { largePdf } from "./large_pdf.ts";
import { applyMigrations } from "./migrate.ts";

/** The loop benchmark's figure. */
export interface LoopBenchFigures {
  /** p99 of `GET /auth/me` during PDF uploads over its p99 without them; target ≤ 3. */
  loop_p99_ratio_during_pdf: number;
}

const TARGET_RATIO = 3;
const SECRET = "bench-secret-0123456789abcdef";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Runs the loop benchmark, prints its report and returns the p99 ratio. */
export async function runLoopBench(): Promise<LoopBenchFigures> {
  const seconds = Number(Deno.env.get("BENCH_LOOP_SECONDS") ?? 3);
  const clients = Number(Deno.env.get("BENCH_LOOP_CLIENTS") ?? 4);
  const dataDir = await Deno.makeTempDir({ prefix: "bench-loop-" });
  const external = Deno.env.get("DATABASE_URL");
  const embedded = external ? undefined : await startEmbeddedPostgres(`${dataDir}/postgres`);
  const sql = connect(external ?? embedded!.url, { max: external ? 8 : 1 });
  await applyMigrations(sql);
  const config = parseConfig({
    EXTERNAL_JWT_SECRET: SECRET,
    DATA_DIR: dataDir,
    // The probes send far more than a person would; the limiter still counts every request.
    RATE_LIMIT_REQUESTS_PER_MINUTE: "1000000",
    // Every upload reads all 300 pages, even on a slow machine: the load is the point here.
    PDF_TIME_BUDGET_MS: "30000",
  });
  const gateway = createGateway(createFunctionApps({ config, sql }), sql);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, gateway);
  const base = `http://127.0.0.1:${server.addr.port}`;

  try {
    const pdf = await largePdf();
    const uploader = await mintToken(SECRET, {
      user_id: `loop-${crypto.randomUUID()}`,
      username: "uploader",
    });
    const tokens = await Promise.all(
      Array.from(
        { length: clients },
        (_, i) =>
          mintToken(SECRET, { user_id: `loop-${crypto.randomUUID()}-${i}`, username: `probe${i}` }),
      ),
    );

    const me = async (token: string): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${base}/api/auth/me`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`/auth/me: ${response.status}`);
      return performance.now() - started;
    };
    const upload = async (): Promise<number> => {
      const started = performance.now();
      const form = new FormData();
      form.append("file", new File([pdf as Uint8Array<ArrayBuffer>], "annual-report.pdf"));
      const response = await fetch(`${base}/api/chatbot/upload-file`, {
        method: "POST",
        headers: { Authorization: `Bearer ${uploader}` },
        body: form,
      });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`upload: ${response.status} ${body}`);
      return performance.now() - started;
    };
    // Runs the clients until `done` settles; returns every latency.
    const probe = async (done: Promise<unknown>): Promise<number[]> => {
      let stop = false;
      done.finally(() => stop = true).catch(() => {});
      const latencies: number[] = [];
      await Promise.all(tokens.map(async (token) => {
        while (!stop) latencies.push(await me(token));
      }));
      return latencies;
    };
    // The longest time a 1 ms timer waited past its due time while `done` was pending.
    const stallWatch = (done: Promise<unknown>): Promise<number> => {
      let last = performance.now();
      let longest = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      return done.then(
        () => longest,
        () => longest,
      ).finally(() => clearInterval(timer));
    };

    // Warm-up: users exist, routes compiled, unpdf loaded and PDF.js optimised a little.
    await Promise.all(tokens.map((t) => me(t)));
    const warmUpload = await upload();

    const quiet = await probe(new Promise((resolve) => setTimeout(resolve, seconds * 1000)));

    const uploadsMs: number[] = [];
    const yieldsBefore = loopYields();
    const uploading = (async () => {
      const until = performance.now() + seconds * 1000;
      do uploadsMs.push(await upload()); while (performance.now() < until);
    })();
    const [busy, stall] = await Promise.all([probe(uploading), stallWatch(uploading)]);
    const yields = loopYields() - yieldsBefore;

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const quietP99 = percentile(quiet, 99);
    const busyP99 = percentile(busy, 99);
    const ratio = busyP99 / quietP99;
    console.log(
      `loop: ${clients} clients on GET /auth/me, ${
        external ? "DATABASE_URL" : "embedded PGlite"
      }; 300-page 10 MB PDF upload ${ms(warmUpload)} on a new isolate (loads unpdf)`,
    );
    console.log(
      `  without uploads: ${quiet.length} requests, p50 ${ms(percentile(quiet, 50))}, ` +
        `p99 ${ms(quietP99)}, max ${ms(Math.max(...quiet))}`,
    );
    console.log(
      `  during ${uploadsMs.length} uploads (median ${ms(percentile(uploadsMs, 50))} each): ` +
        `${busy.length} requests, p50 ${ms(percentile(busy, 50))}, p99 ${ms(busyP99)}, ` +
        `max ${ms(Math.max(...busy))}; longest timer stall ${ms(stall)}; ` +
        `extraction handed the loop back ${yields} times`,
    );
    console.log(
      `  p99 during / without: ${ratio.toFixed(2)}x ` +
        `(target ≤ ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? "met" : "not met"})`,
    );
    return { loop_p99_ratio_during_pdf: ratio };
  } finally {
    await server.shutdown();
    await sql.end();
    await embedded?.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) await runLoopBench();
