/**
 * The cold-boot part of `deno task bench`: each function of supabase/config.toml, started in a
 * fresh Deno process that imports its entrypoint and answers its health request (which queries
 * the database), against two references built by the bench and measured in the same run:
 * a minimal function (Hono, zod, jose and postgres.js, one query: `boot/minimal.ts`) and a bare
 * Hono app (`boot/bare.ts`). Target: every function within 1.25× of the minimal one.
 *
 * The chatbot's first requests that need what it loads on demand — a session and a rule-mode
 * message (the conversation engine), a PDF upload (the PDF reader) — are timed too, in the
 * same fresh process, so the cost moved out of the boot stays in view.
 *
 * Each variant is also booted from a bundle (`deno bundle --code-splitting`, lazy modules kept
 * as chunks), the minimal function's too, in the same rounds: `boot_ratio_bundled`. Deno's CLI
 * builds a module graph from the sources when a process starts, at a cost that grows faster
 * than the number of modules (the chatbot's app imported in two steps loads about 20 ms faster
 * than in one); a deployed function's graph was built when it was deployed (an eszip), so the
 * bundled figure is the nearer one to a cold isolate on Supabase, the source one the stricter.
 *
 * Children run with `--unstable-lazy-dynamic-imports`: a dynamic import with a literal
 * specifier is then resolved when it runs, as it is when a function runs from its deployed
 * bundle; without it, Deno's CLI reads and analyses every such module while building the graph
 * at start, which the deployed function does not do. Rounds alternate the variants, so a drift
 * of the machine's speed weighs on all of them; a first round, not counted, fills Deno's
 * transpile and code caches, which a deployed bundle does not need either.
 *
 * The database is DATABASE_URL's, else an embedded PGlite; migrations are applied first.
 *
 * Options (env): BENCH_BOOT_RUNS (counted rounds, default 7).
 */
import { connect } from "../../shared/db/client.ts";
import type { BootReport } from "./boot/child.ts";
import { denoOutput, lastJsonLine } from "./deno_child.ts";
import { deployableFunctionConfigs } from "./deploy.ts";
import { startEmbeddedPostgres } from "./embedded_postgres.ts";
import { applyMigrations } from "./migrate.ts";

/** What the boot part reports into the bench's JSON line. */
export interface BootFigures {
  /** The slowest function's median boot / the minimal function's. */
  boot_ratio: number;
  /** The same, to the bare Hono app. */
  boot_ratio_bare: number;
  /** The slowest function's median boot from its bundle / the minimal function's bundle's. */
  boot_ratio_bundled: number;
  /** Median boot (import + health) of each variant, ms, by name (`boot_ms_chatbot`…). */
  [key: `boot_ms_${string}`]: number;
  /** Median of the chatbot's first requests in a fresh isolate, ms. */
  first_message_ms: number;
  first_upload_ms: number;
}

const CHILD = new URL("./boot/child.ts", import.meta.url);
const CONFIG = new URL("../../deno.json", import.meta.url);
const TARGET_RATIO = 1.25;

interface Variant {
  name: string;
  entry: URL;
  prefix: string;
  firstRequests: boolean;
}

// The bundled form of `variant` (its own `…@bundled` variant), written under `outDir`. Its first
// requests are not timed: a bundle does not find the PDF reader's CMap files beside it.
async function bundled(variant: Variant, outDir: string): Promise<Variant> {
  const dir = `${outDir}/${variant.name}`;
  await denoOutput(
    [
      "bundle",
      "--quiet",
      `--config=${CONFIG.pathname}`,
      "--code-splitting",
      `--outdir=${dir}`,
      variant.entry.pathname,
    ],
    { what: `bundling ${variant.name}` },
  );
  const file = variant.entry.pathname.split("/").at(-1)!.replace(/\.ts$/, ".js");
  return {
    ...variant,
    name: `${variant.name}@bundled`,
    entry: new URL(`file://${dir}/${file}`),
    firstRequests: false,
  };
}

async function variants(): Promise<Variant[]> {
  const functions = (await deployableFunctionConfigs()).map((f) => ({
    name: f.name,
    entry: f.entrypoint,
    prefix: f.name,
    firstRequests: f.name === "chatbot",
  }));
  return [
    {
      name: "bare",
      entry: new URL("./boot/bare.ts", import.meta.url),
      prefix: "bare",
      firstRequests: false,
    },
    {
      name: "minimal",
      entry: new URL("./boot/minimal.ts", import.meta.url),
      prefix: "minimal",
      firstRequests: false,
    },
    ...functions,
  ];
}

async function bootOnce(variant: Variant, env: Record<string, string>): Promise<BootReport> {
  const stdout = await denoOutput(
    [
      "run",
      "--quiet",
      `--config=${CONFIG.pathname}`,
      "--unstable-lazy-dynamic-imports",
      "--allow-all",
      CHILD.pathname,
      variant.entry.href,
      variant.prefix,
      ...(variant.firstRequests ? ["--first-requests"] : []),
    ],
    { what: `boot of ${variant.name}`, env },
  );
  return lastJsonLine<BootReport>(stdout);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs the boot benchmark and prints its report. */
export async function runBootBench(): Promise<BootFigures> {
  const runs = Math.max(1, Number(Deno.env.get("BENCH_BOOT_RUNS") ?? 7));
  const dataDir = await Deno.makeTempDir({ prefix: "bench-boot-" });
  const external = Deno.env.get("DATABASE_URL");
  const embedded = external ? undefined : await startEmbeddedPostgres(`${dataDir}/db`);
  const databaseUrl = external ?? embedded!.url;
  const sql = connect(databaseUrl, { max: 1 });
  await applyMigrations(sql);
  await sql.end();
  const env = {
    DATABASE_URL: databaseUrl,
    // PGlite serves one connection at a time.
    DATABASE_POOL_MAX: external ? "4" : "1",
    EXTERNAL_JWT_SECRET: "bench-secret-0123456789abcdef",
    DATA_DIR: dataDir,
    // Rule mode: the AI engine's cold path needs a model, which the bench has none of.
    USE_AI_CHATBOT: "false",
  };
  const sources = await variants();
  // One at a time: bundlers running together race on setting up node_modules.
  const bundles: Variant[] = [];
  for (const variant of sources.filter((v) => v.name !== "bare")) {
    bundles.push(await bundled(variant, `${dataDir}/bundles`));
  }
  const all = [...sources, ...bundles];
  const reports = new Map<string, BootReport[]>(all.map((v) => [v.name, []]));
  try {
    for (let round = 0; round <= runs; round++) {
      for (const variant of all) {
        const report = await bootOnce(variant, env);
        if (round > 0) reports.get(variant.name)!.push(report);
      }
    }
  } finally {
    await embedded?.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }

  const boot = (name: string) => median(reports.get(name)!.map((r) => r.bootMs));
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const minimal = boot("minimal");
  const bare = boot("bare");
  console.log(`cold boot (median of ${runs} fresh processes; import + health request):`);
  const figures: Record<string, number> = {};
  let worst = 0;
  for (const variant of sources) {
    const list = reports.get(variant.name)!;
    const value = boot(variant.name);
    figures[`boot_ms_${variant.name}`] = round1(value);
    const isFunction = variant.name !== "bare" && variant.name !== "minimal";
    if (isFunction) worst = Math.max(worst, value / minimal);
    console.log(
      `  ${variant.name.padEnd(9)} ${ms(value).padStart(9)} (import ` +
        `${ms(median(list.map((r) => r.importMs)))}, health ` +
        `${ms(median(list.map((r) => r.healthMs)))})` +
        (isFunction
          ? `  ${(value / minimal).toFixed(2)}x minimal, ${(value / bare).toFixed(2)}x bare`
          : ""),
    );
  }
  const first = (request: string) =>
    median(
      (reports.get("chatbot") ?? []).map((r) => r.firstRequests?.[request] ?? Number.NaN),
    );
  console.log(
    `  chatbot's first requests in a fresh isolate: sessions/new ${ms(first("session_new"))}, ` +
      `message ${ms(first("message"))} (loads the conversation engine), ` +
      `upload of a 1-page PDF ${ms(first("upload_pdf"))} (loads the PDF reader)`,
  );
  const worstBare = worst * minimal / bare;
  console.log(
    `  slowest function / minimal: ${worst.toFixed(2)}x ` +
      `(target ≤ ${TARGET_RATIO}x: ${worst <= TARGET_RATIO ? "met" : "not met"}); ` +
      `/ bare Hono: ${worstBare.toFixed(2)}x`,
  );

  // The same functions from bundles, against the minimal function's bundle.
  const minimalBundled = boot("minimal@bundled");
  let worstBundled = 0;
  const bundledFigures: string[] = [];
  for (const variant of bundles) {
    const value = boot(variant.name);
    figures[`boot_ms_${variant.name.replace("@", "_")}`] = round1(value);
    if (variant.name === "minimal@bundled") continue;
    worstBundled = Math.max(worstBundled, value / minimalBundled);
    bundledFigures.push(
      `${variant.name.replace("@bundled", "")} ${ms(value)} ` +
        `(${(value / minimalBundled).toFixed(2)}x)`,
    );
  }
  console.log(
    `  from bundles (deno bundle): minimal ${ms(minimalBundled)}, ${bundledFigures.join(", ")}; ` +
      `slowest / minimal: ${worstBundled.toFixed(2)}x`,
  );
  return {
    ...figures,
    boot_ratio: round2(worst),
    boot_ratio_bare: round2(worstBare),
    boot_ratio_bundled: round2(worstBundled),
    first_message_ms: round1(first("message")),
    first_upload_ms: round1(first("upload_pdf")),
  } as BootFigures;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;
