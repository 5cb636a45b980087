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
import { runConversationBench } from "./lib/conversation_bench.ts";
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
