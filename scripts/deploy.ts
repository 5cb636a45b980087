/**
 * `deno task deploy [-- --dry] [-- <supabase CLI flags>]`: deploys every enabled function of
 * `supabase/config.toml` with the Supabase CLI's server-side bundling (`--use-api`, no Docker).
 *
 * First it vendors PDF.js's CMaps and standard fonts next to the chatbot function (they ship as
 * `static_files`) and refuses to deploy when they are still missing, and it brings
 * `supabase/import_map.json` in line with `deno.json` (the deploy's import map, which sends
 * `postgres` to the patched copy in vendor/postgres).
 *
 * `--dry` runs the same CLI deploy against a local stand-in for the Management API and prints,
 * per function, what would be uploaded and whether every local module of its graph is among it
 * (exit code 1 when not). Any other argument goes to `supabase functions deploy` as is, e.g.
 * `--project-ref <ref>`; without one the CLI deploys to the linked project.
 */
import { vendorPdfAssets } from "./vendor_pdf_assets.ts";
import {
  checkUpload,
  deployableFunctions,
  deployOffline,
  describeUpload,
  ROOT,
  SUPABASE_CLI,
  syncDeployImportMap,
  vendoredPdfAssets,
  warnings,
} from "./lib/deploy.ts";

async function prepare(): Promise<void> {
  try {
    const manifest = await vendorPdfAssets();
    console.log(
      `PDF assets: pdfjs-dist ${manifest.pdfjsDist}, ${manifest.cmaps} CMap and ` +
        `${manifest.standardFonts} font files vendored`,
    );
  } catch (error) {
    console.error(
      `Vendoring the PDF assets failed: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (await vendoredPdfAssets() === null) {
    throw new Error(
      "functions/chatbot/pdf-assets/ is missing or incomplete; not deploying (PDFs using " +
        "predefined CJK CMaps would yield no text). Run `deno task vendor-pdf-assets`.",
    );
  }
  if (!await syncDeployImportMap(true)) {
    console.log("supabase/import_map.json was out of date with deno.json: rewritten (commit it)");
  }
}

async function dryRun(names: string[]): Promise<number> {
  const run = await deployOffline(names);
  if (run.cli.code !== 0) {
    console.error(`supabase functions deploy failed (exit ${run.cli.code}):\n${run.cli.stderr}`);
    return 1;
  }
  let failed = warnings(run.cli).length > 0;
  for (const line of warnings(run.cli)) console.error(line);
  for (const name of names) {
    const deploy = run.deploys.findLast((d) => d.slug === name);
    if (!deploy) {
      console.error(`${name}: not uploaded`);
      failed = true;
      continue;
    }
    const check = await checkUpload(deploy);
    console.log(describeUpload(deploy, check));
    failed ||= check.missingModules.length + check.missingStatic.length +
            check.graphErrors.length > 0 || !check.importMapUploaded;
  }
  console.log(failed ? "\nDry run: problems above." : "\nDry run: nothing was deployed.");
  return failed ? 1 : 0;
}

async function deploy(names: string[], cliArgs: string[]): Promise<number> {
  const [command, ...args] = SUPABASE_CLI;
  const fullArgs = [...args, "functions", "deploy", ...names, "--use-api", ...cliArgs];
  console.log(`${command} ${fullArgs.join(" ")}`);
  const status = await new Deno.Command(command, {
    args: fullArgs,
    cwd: ROOT.pathname,
    env: { DENO_NO_PACKAGE_JSON: "1" },
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn().status;
  return status.code;
}

if (import.meta.main) {
  const dry = Deno.args.includes("--dry");
  const cliArgs = Deno.args.filter((a) => a !== "--dry");
  try {
    await prepare();
    const names = await deployableFunctions();
    if (names.length === 0) throw new Error("supabase/config.toml declares no enabled function");
    Deno.exit(dry ? await dryRun(names) : await deploy(names, cliArgs));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    Deno.exit(1);
  }
}
