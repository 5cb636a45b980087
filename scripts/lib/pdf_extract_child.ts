/**
 * Child process of the PDF benchmark (`scripts/lib/pdf_bench.ts`), so that its peak memory is
 * its own: reads the PDF named by the first argument with `extractPdfText` (default options:
 * page cap 300, bundled CMaps) `runs` times (second argument, default 3) and prints one JSON
 * line: the time of each run (the first includes loading unpdf, as the first upload of an
 * isolate does), CPU time, peak RSS (VmHWM) after the first run and at the end, pages and
 * characters read.
 */
import { cpuUsage } from "node:process";
import { extractPdfText } from "../../shared/documents/pdf.ts";

/** What the child prints, as JSON on one line. */
export interface ChildReport {
  runsMs: number[];
  cpuMs: number;
  firstRunCpuMs: number;
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

if (import.meta.main) {
  const [path, runsArg] = Deno.args;
  const runs = Math.max(1, Number(runsArg ?? 3));
  const bytes = await Deno.readFile(path);
  const runsMs: number[] = [];
  let result = { text: "", pages: 0 };
  let peakAfterFirst: number | null = null;
  let firstRunCpuMs = 0;
  const cpuStart = cpuMs();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await extractPdfText(bytes);
    runsMs.push(performance.now() - started);
    if (i === 0) {
      peakAfterFirst = peakRssMb();
      firstRunCpuMs = cpuMs() - cpuStart;
    }
  }
  const report: ChildReport = {
    runsMs,
    cpuMs: cpuMs() - cpuStart,
    firstRunCpuMs,
    peakRssMbAfterFirst: peakAfterFirst,
    peakRssMb: peakRssMb(),
    pages: result.pages,
    chars: result.text.length,
    nonSpaceChars: result.text.replace(/\s+/g, "").length,
  };
  console.log(JSON.stringify(report));
}
