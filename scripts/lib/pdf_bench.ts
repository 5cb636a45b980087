/**
 * The PDF part of `deno task bench`: extraction time and peak memory of `extractPdfText` on a
 * generated 10 MB, 300-page PDF (scripts/lib/large_pdf.ts), side by side with poppler's
 * `pdftotext` on the same file in the same run, printed as ratios. Targets: within 3× of
 * `pdftotext` and under 200 MB peak, to fit the Edge runtime's 256 MB and 2 s CPU budget.
 *
 * Our extraction runs in a child Deno process (scripts/lib/pdf_extract_child.ts) so that its
 * peak RSS (VmHWM) is its own; `pdftotext` runs under `/usr/bin/time` when available for its
 * max RSS. The ratio compares the steady time (median of the second half of the runs, once V8 has
 * optimised PDF.js) with pdftotext's median; the cold time (loading PDF.js plus the first run, as
 * a new isolate's first upload pays) is printed beside it. Options (env): BENCH_PDF_RUNS
 * (default 10), BENCH_PDF_FILE (read this PDF instead of the generated one).
 */
import { denoOutput, lastJsonLine } from "./deno_child.ts";
import { largePdf } from "./large_pdf.ts";
import type { ChildReport } from "./pdf_extract_child.ts";

const CHILD = new URL("./pdf_extract_child.ts", import.meta.url);
const CONFIG = new URL("../../deno.json", import.meta.url);
const TARGET_RATIO = 3;
const TARGET_PEAK_MB = 200;
const EDGE_CPU_MS = 2000;
// Fewer runs than this leave no warmed-up second half to take the steady time from.
const MIN_WARM_RUNS = 4;

interface PdftotextReport {
  version: string;
  runsMs: number[];
  peakRssMb: number | null;
  nonSpaceChars: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const nonSpace = (text: string) => text.replace(/\s+/g, "").length;

async function runChild(path: string, runs: number): Promise<ChildReport> {
  const stdout = await denoOutput(
    [
      "run",
      "--quiet",
      `--config=${CONFIG.pathname}`,
      // Reading /proc/self/status (the peak RSS) requires all permissions in Deno 2.
      "--allow-all",
      CHILD.pathname,
      path,
      String(runs),
    ],
    { what: "extraction child" },
  );
  return lastJsonLine<ChildReport>(stdout);
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Runs `pdftotext file -` `runs` times; null when poppler-utils is not installed. */
async function runPdftotext(path: string, runs: number): Promise<PdftotextReport | null> {
  let version: string;
  try {
    const v = await new Deno.Command("pdftotext", { args: ["-v"], stderr: "piped" }).output();
    version = new TextDecoder().decode(v.stderr).split("\n")[0].trim();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  const timeBin = (await exists("/usr/bin/time")) ? "/usr/bin/time" : null;
  const rssFile = await Deno.makeTempFile();
  const runsMs: number[] = [];
  let peakRssMb: number | null = null;
  let text = "";
  try {
    for (let i = 0; i < runs; i++) {
      const command = timeBin === null
        ? new Deno.Command("pdftotext", { args: [path, "-"], stdout: "piped", stderr: "piped" })
        : new Deno.Command(timeBin, {
          args: ["-f", "%M", "-o", rssFile, "pdftotext", path, "-"],
          stdout: "piped",
          stderr: "piped",
        });
      const started = performance.now();
      const output = await command.output();
      runsMs.push(performance.now() - started);
      if (!output.success) throw new Error(`pdftotext failed: ${output.code}`);
      text = new TextDecoder().decode(output.stdout);
      if (timeBin !== null) {
        const kb = Number((await Deno.readTextFile(rssFile)).trim().split("\n").at(-1));
        if (Number.isFinite(kb)) peakRssMb = Math.max(peakRssMb ?? 0, kb / 1024);
      }
    }
  } finally {
    await Deno.remove(rssFile).catch(() => {});
  }
  return { version, runsMs, peakRssMb, nonSpaceChars: nonSpace(text) };
}

/** The median of the second half of `runs` (at least one): the warmed-up, steady time. */
function steady(runs: number[]): { median: number; from: number } {
  const from = Math.floor(runs.length / 2);
  return { median: median(runs.slice(from)), from: from + 1 };
}

/** The PDF benchmark's figures: our time over `pdftotext`'s (null when it is not installed). */
export interface PdfBenchFigures {
  /** Steady (warmed-up) median over pdftotext's median; target ≤ 3. */
  pdf_steady_ratio: number | null;
  /** A new isolate's first upload (loading PDF.js + first read) over pdftotext's median. */
  pdf_cold_ratio: number | null;
}

/** Runs the PDF benchmark, prints its report and returns its ratios. */
export async function runPdfBench(): Promise<PdfBenchFigures> {
  const runs = Math.max(1, Number(Deno.env.get("BENCH_PDF_RUNS") ?? 10));
  const given = Deno.env.get("BENCH_PDF_FILE");
  let path = given;
  if (path === undefined) {
    const started = performance.now();
    const bytes = await largePdf();
    path = await Deno.makeTempFile({ prefix: "bench-", suffix: ".pdf" });
    await Deno.writeFile(path, bytes);
    console.log(
      `pdf: generated ${(bytes.length / 1024 / 1024).toFixed(1)} MB, 300 pages ` +
        `(Traditional Chinese via UniCNS-UCS2-H, Flate streams, an image per page) ` +
        `in ${(performance.now() - started).toFixed(0)} ms`,
    );
  } else {
    console.log(`pdf: ${path}, ${((await Deno.stat(path)).size / 1024 / 1024).toFixed(1)} MB`);
  }

  try {
    // pdftotext runs before and after ours, so that a drift in machine speed during the run
    // weighs on both sides of the ratio.
    const before = await runPdftotext(path, Math.ceil(runs / 2));
    const ours = await runChild(path, runs);
    const after = runs > 1 ? await runPdftotext(path, Math.floor(runs / 2)) : null;
    const poppler = before === null ? null : {
      ...before,
      runsMs: [...before.runsMs, ...(after?.runsMs ?? [])],
      // Null only when neither batch could measure it.
      peakRssMb: Math.max(before.peakRssMb ?? 0, after?.peakRssMb ?? 0) || null,
    };
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const mb = (v: number | null) => (v === null ? "n/a" : `${v.toFixed(1)} MB`);
    const cold = ours.loadMs + ours.runsMs[0];
    const coldCpu = ours.loadCpuMs + ours.runsCpuMs[0];
    const warm = steady(ours.runsMs);
    const warmCpu = steady(ours.runsCpuMs);
    const warmNote = runs < MIN_WARM_RUNS ? ` (under ${MIN_WARM_RUNS} runs: not warmed up)` : "";

    console.log(
      `extractPdfText:  cold ${ms(cold)} = loading PDF.js ${ms(ours.loadMs)} + first ` +
        `extraction ${ms(ours.runsMs[0])} (CPU ${ms(coldCpu)}); steady median ${ms(warm.median)} ` +
        `(CPU ${ms(warmCpu.median)}) over runs ${warm.from}–${runs} of ${runs}${warmNote}; ` +
        `peak RSS ${mb(ours.peakRssMbAfterFirst)} after one extraction, ` +
        `${mb(ours.peakRssMb)} after ${runs}; ${ours.pages} pages, ` +
        `${ours.nonSpaceChars} non-space chars`,
    );
    const figures: PdfBenchFigures = { pdf_steady_ratio: null, pdf_cold_ratio: null };
    if (poppler === null) {
      console.log(
        "pdftotext:       not installed; install poppler-utils (and poppler-data for CJK " +
          "CMaps), e.g. `apt-get install poppler-utils poppler-data`, to compare",
      );
    } else {
      const theirs = median(poppler.runsMs);
      console.log(
        `pdftotext:       median ${ms(theirs)} over ${poppler.runsMs.length} (whole process, ` +
          `half before ours, half after), peak RSS ${mb(poppler.peakRssMb)}; ` +
          `${poppler.nonSpaceChars} non-space chars (${poppler.version})`,
      );
      const ratio = warm.median / theirs;
      figures.pdf_steady_ratio = ratio;
      figures.pdf_cold_ratio = cold / theirs;
      console.log(
        `ratio ours / pdftotext: steady ${ratio.toFixed(2)}x ` +
          `(target ≤ ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? "met" : "not met"}); ` +
          `cold ${(cold / theirs).toFixed(2)}x (a new isolate's first upload)`,
      );
    }
    const peak = ours.peakRssMbAfterFirst;
    console.log(
      `targets: peak ${mb(peak)} ${peak !== null && peak < TARGET_PEAK_MB ? "<" : "≥"} ` +
        `${TARGET_PEAK_MB} MB; CPU cold ${ms(coldCpu)} ` +
        `${coldCpu < EDGE_CPU_MS ? "<" : "≥"} ${EDGE_CPU_MS} ms Edge budget`,
    );
    return figures;
  } finally {
    if (given === undefined) await Deno.remove(path).catch(() => {});
  }
}
