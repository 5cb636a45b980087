/**
 * `deno task bench`: the project's performance figures, each part in its own module under
 * scripts/lib/, measured as ratios to references run in the same process and minute, so that
 * runs on machines of different speed compare (docs/benchmarks.md has the method, the targets
 * and a sample run):
 *
 * - `conversation` (conversation_bench.ts): N users run the example conversation concurrently
 *   against the local server; the floor (`GET /auth/me`) is measured in the same run, and the
 *   database round trips of each are counted.
 * - `boot` (boot_bench.ts): each function's cold boot in a fresh process, against a minimal
 *   function and a bare Hono app.
 * - `pdf` (pdf_bench.ts): reading a 300-page PDF, against poppler's `pdftotext`.
 * - `loop` (loop_bench.ts): other requests' latency while such PDFs are uploaded.
 * - `faults` (fault_bench.ts, not run by default): users sending messages while the database's
 *   connections are terminated; needs a real PostgreSQL in DATABASE_URL and terminates every
 *   other connection to that database.
 *
 * The database is DATABASE_URL's, else an embedded PGlite. With `BENCH_JSON=1` the output ends
 * with one JSON line holding every figure of the parts that ran.
 *
 * Options (env): BENCH_PARTS (comma-separated, default `conversation,boot,pdf,loop`), BENCH_JSON,
 * and each part's own (see its module).
 */
import { runBootBench } from "./lib/boot_bench.ts";
import { runConversationBench } from "./lib/conversation_bench.ts";
import { runFaultBench } from "./lib/fault_bench.ts";
import { runLoopBench } from "./lib/loop_bench.ts";
import { runPdfBench } from "./lib/pdf_bench.ts";

/** A part's figures: numbers, or null for one it could not measure (pdftotext missing). */
type Figures = Record<string, number | null>;

const PARTS: Record<string, () => Promise<object | undefined>> = {
  conversation: runConversationBench,
  boot: runBootBench,
  pdf: runPdfBench,
  loop: runLoopBench,
  faults: async () => faultFigures(await runFaultBench()),
};
const DEFAULT_PARTS = "conversation,boot,pdf,loop";

/** The fault run's counts, prefixed; its per-termination lists are left to the printed report. */
function faultFigures(result: Awaited<ReturnType<typeof runFaultBench>>): Figures | undefined {
  if (!result) return undefined;
  return Object.fromEntries(
    Object.entries(result)
      .filter((entry): entry is [string, number] => typeof entry[1] === "number")
      .map((
        [key, value],
      ) => [`faults_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, value]),
  );
}

const requested = (Deno.env.get("BENCH_PARTS") ?? DEFAULT_PARTS).split(",").map((p) => p.trim());
const unknown = requested.filter((part) => !(part in PARTS));
if (unknown.length > 0) {
  throw new Error(`BENCH_PARTS: unknown ${unknown.join(", ")} (known: ${Object.keys(PARTS)})`);
}

const figures: Figures = {};
for (const [i, part] of requested.entries()) {
  if (i > 0) console.log();
  Object.assign(figures, await PARTS[part]());
}
if (Deno.env.get("BENCH_JSON")) {
  const rounded = (value: number | null) => value === null ? null : Math.round(value * 1000) / 1000;
  console.log(
    JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, rounded(v)]))),
  );
}
