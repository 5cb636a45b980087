/**
 * The event-loop part of `deno task bench`: does a large PDF upload starve the other requests
 * on the same server? Supabase runs each function's requests on one isolate with no Web
 * Workers, so extraction shares the loop with them (docs/uploads.md, "Sharing the event loop").
 *
 * Starts the real local server (every function app behind the gateway, on DATABASE_URL else
 * the embedded PGlite, uploads stored under a temporary DATA_DIR), then measures `GET
 * /api/auth/me` from a few concurrent clients: first alone, then while a generated 300-page,
 * 10 MB PDF (scripts/lib/large_pdf.ts) is uploaded through `POST /api/chatbot/upload-file`
 * again and again. The clients run in a process of their own (./loop_clients.ts), as users'
 * browsers do, so that only the server's work shares the server's loop. Prints both p99s,
 * their ratio (target ≤ 3×), the longest stall of a 1 ms timer during the uploads and how
 * often extraction handed the loop back. A first upload, not measured, loads PDF.js and builds
 * the maps of the PDF's Chinese font (vendor/pdfjs/PATCHED.md): a module's first evaluation is
 * one long synchronous step that no yield can split, and both are paid once per isolate.
 * Options (env): BENCH_LOOP_SECONDS (length of each phase, default 3), BENCH_LOOP_CLIENTS
 * (default 4).
 */
import { parseConfig } from "../../shared/config.ts";
import { mintToken } from "../../shared/auth/mint.ts";
import { connect } from "../../shared/db/client.ts";
import { loopYields } from "../../shared/loop_yield.ts";
import { startEmbeddedPostgres } from "./embedded_postgres.ts";
import { createFunctionApps } from "./functions.ts";
import { createGateway } from "./gateway.ts";
import { largePdf } from "./large_pdf.ts";
import type { LoopClientsInput, LoopClientsReport } from "./loop_clients.ts";
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

  const pdfPath = `${dataDir}/annual-report.pdf`;
  try {
    await Deno.writeFile(pdfPath, await largePdf());
    const token = (name: string) =>
      mintToken(SECRET, { user_id: `loop-${crypto.randomUUID()}`, username: name });
    const input: LoopClientsInput = {
      base,
      probeTokens: await Promise.all(Array.from({ length: clients }, (_, i) => token(`probe${i}`))),
      uploaderToken: await token("uploader"),
      pdfPath,
      seconds,
    };
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net", "--allow-read", CLIENTS.href, JSON.stringify(input)],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();

    // The server's side of the busy phase: the longest time a 1 ms timer waited past its due
    // time, and how often extraction handed the loop back.
    let stall = 0;
    let yields = 0;
    let yieldsBefore = 0;
    let watch: { stop(): number } | undefined;
    let report: LoopClientsReport | undefined;
    const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(lineSplitter());
    for await (const line of lines) {
      const message = JSON.parse(line);
      if (message.phase === "busy") {
        yieldsBefore = loopYields();
        watch = stallWatch();
      } else if (message.phase === "done") {
        stall = watch?.stop() ?? 0;
        yields = loopYields() - yieldsBefore;
        report = message;
      }
    }
    const status = await child.status;
    if (!status.success || !report) throw new Error(`the loop clients failed (${status.code})`);
    const { quiet, busy, uploads: uploadsMs, warmUploadMs: warmUpload } = report;

    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const quietP99 = percentile(quiet, 99);
    const busyP99 = percentile(busy, 99);
    const ratio = busyP99 / quietP99;
    console.log(
      `loop: ${clients} clients on GET /auth/me, ${
        external ? "DATABASE_URL" : "embedded PGlite"
      }; 300-page 10 MB PDF upload ${ms(warmUpload)} on a new isolate (loads PDF.js)`,
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

const CLIENTS = new URL("./loop_clients.ts", import.meta.url);

// A 1 ms timer's longest wait past its due time, from now until `stop`.
function stallWatch(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop: () => {
      clearInterval(timer);
      return longest;
    },
  };
}

// Splits a text stream into its lines.
function lineSplitter(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, controller) {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) controller.enqueue(line);
    },
    flush(controller) {
      if (rest.trim()) controller.enqueue(rest);
    },
  });
}

if (import.meta.main) await runLoopBench();
