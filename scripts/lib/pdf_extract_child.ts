/**
 * Child process of the PDF benchmark (`scripts/lib/pdf_bench.ts`), so that its peak memory is
 * its own: loads PDF.js (timed, as the first upload of an isolate does), then reads the PDF named
 * by the first argument with `extractPdfText` (default options: page cap 300, bundled CMaps)
 * `runs` times (second argument, default 10) and prints one JSON line: the load time, the wall
 * and CPU time of each run, peak RSS (VmHWM) after the first run and at the end, pages and
 * characters read.
 */
import { cpuUsage } from "node:process";
import { extractPdfText } from "../../shared/documents/pdf.ts";
import { loadPdfjs } from "../../shared/documents/pdfjs.ts";

/** What the child prints, as JSON on one line. */
export interface ChildReport {
  /** Loading the PDF.js build, which the first extraction of an isolate pays. */
  loadMs: number;
  loadCpuMs: number;
  /** Wall-clock and CPU time of each extraction, in run order. */
  runsMs: number[];
  runsCpuMs: number[];
  peakRssMbAfterFirst: number | null;
  peakRssMb: number | null;
  pages: number;
  chars: number;
  /** Characters other than whitespace, comparable with another extractor's output. */
  nonSpaceChars: number;
}

/** Peak resident set size of this process in MB (VmHWM), null where /proc is unavailable. */
function peakRssMb(): number | null {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

const cpuMs = () => {
  const { user, system } = cpuUsage();
  return (user + system) / 1000;
};

/** Runs `work` and returns its result with the wall-clock and CPU milliseconds it took. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpu: number }> {
  const cpuStart = cpuMs();
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started, cpu: cpuMs() - cpuStart };
}

if (import.meta.main) {
  const [path, runsArg] = Deno.args;
  const runs = Math.max(1, Number(runsArg ?? 10));
  const bytes = await Deno.readFile(path);
  const load = await timed(async () => {
    await loadPdfjs();
  });
  const runsMs: number[] = [];
  const runsCpuMs: number[] = [];
  let result = { text: "", pages: 0 };
  let peakAfterFirst: number | null = null;
  for (let i = 0; i < runs; i++) {
    const run = await timed(() => extractPdfText(bytes));
    result = run.value;
    runsMs.push(run.ms);
    runsCpuMs.push(run.cpu);
    if (i === 0) peakAfterFirst = peakRssMb();
  }
  const report: ChildReport = {
    loadMs: load.ms,
    loadCpuMs: load.cpu,
    runsMs,
    runsCpuMs,
    peakRssMbAfterFirst: peakAfterFirst,
    peakRssMb: peakRssMb(),
    pages: result.pages,
    chars: result.text.length,
    nonSpaceChars: result.text.replace(/\s+/g, "").length,
  };
  console.log(JSON.stringify(report));
}
