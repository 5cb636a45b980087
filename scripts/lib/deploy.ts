/**
 * What `deno task deploy` and the deploy test share: the functions `supabase/config.toml`
 * declares, the deploy import map derived from `deno.json`, the vendored PDF assets check, the
 * real Supabase CLI run against the offline Management API stand-in, and the comparison of what
 * it uploaded with each function's module graph as `deno info` sees it.
 */
import {
  PDF_ASSETS_MANIFEST,
  type PdfAssetsManifest,
  VENDORED_PDF_ASSETS_URL,
} from "../../shared/documents/pdf_resources.ts";
import { denoOutput } from "./deno_child.ts";
import {
  type CapturedDeploy,
  type RecordedRequest,
  startManagementApiStandIn,
} from "./management_api_stand_in.ts";

/** The repository root (the CLI runs there: upload paths are relative to it). */
export const ROOT = new URL("../../", import.meta.url);
/** The Supabase CLI configuration that declares the functions. */
export const SUPABASE_CONFIG = new URL("supabase/config.toml", ROOT);
/** The import map the functions are deployed with (config.toml `import_map`). */
export const DEPLOY_IMPORT_MAP = new URL("supabase/import_map.json", ROOT);
/** Where the deploy import map sends `postgres`: the patched copy, as plain files. */
export const VENDORED_POSTGRES_ENTRY = "../vendor/postgres/src/index.js";
/** The Supabase CLI as CI and the README run it. */
export const SUPABASE_CLI = ["npx", "-y", "supabase@3"];

/** One `[functions.<name>]` section of config.toml (only the scalar keys). */
export interface FunctionConfig {
  name: string;
  enabled: boolean;
  verifyJwt: boolean;
  entrypoint?: string;
  importMap?: string;
}

/**
 * The `[functions.<name>]` sections of a config.toml, in order. Reads only section headers and
 * one-line `key = value` scalars (`enabled`, `verify_jwt`, `entrypoint`, `import_map`); the CLI
 * itself reads `static_files` and reports them in each upload's metadata.
 */
export function parseFunctionConfigs(toml: string): FunctionConfig[] {
  const functions: FunctionConfig[] = [];
  let current: FunctionConfig | undefined;
  for (const raw of toml.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = /^functions\.([A-Za-z][A-Za-z0-9_-]*)$/.exec(header[1])?.[1];
      current = name ? { name, enabled: true, verifyJwt: true } : undefined;
      if (current) functions.push(current);
      continue;
    }
    const pair = /^([a-z_]+)\s*=\s*(.+)$/.exec(line);
    if (!current || !pair) continue;
    const [, key, value] = pair;
    const text = /^"(.*)"$/.exec(value)?.[1];
    if (key === "enabled") current.enabled = value === "true";
    if (key === "verify_jwt") current.verifyJwt = value === "true";
    if (key === "entrypoint" && text !== undefined) current.entrypoint = text;
    if (key === "import_map" && text !== undefined) current.importMap = text;
  }
  return functions;
}

/** An enabled function of supabase/config.toml, with its entrypoint resolved. */
export interface DeployableFunction {
  name: string;
  /** The entrypoint file (config.toml's `entrypoint`, else `functions/<name>/index.ts`). */
  entrypoint: URL;
}

/** The enabled functions of supabase/config.toml, in order: what `deno task deploy` deploys. */
export async function deployableFunctionConfigs(): Promise<DeployableFunction[]> {
  const configs = parseFunctionConfigs(await Deno.readTextFile(SUPABASE_CONFIG));
  return configs.filter((f) => f.enabled).map((f) => ({
    name: f.name,
    // Relative to config.toml's folder, as the CLI reads it.
    entrypoint: new URL(f.entrypoint ?? `../functions/${f.name}/index.ts`, SUPABASE_CONFIG),
  }));
}

/** The names of {@link deployableFunctionConfigs}. */
export async function deployableFunctions(): Promise<string[]> {
  return (await deployableFunctionConfigs()).map((f) => f.name);
}

/**
 * The deploy import map for a `deno.json`: its `imports`, with `postgres` sent to the vendored,
 * patched postgres.js source. `deno.json` reaches that copy through `links`, which only Deno's
 * npm resolution knows and which the CLI's upload does not carry; a plain import-map entry is
 * followed by the CLI (it uploads the files) and by any Deno (vendor/postgres/PATCHED.md).
 */
export function expectedDeployImportMap(denoJson: { imports?: Record<string, string> }) {
  return { imports: { ...denoJson.imports, postgres: VENDORED_POSTGRES_ENTRY } };
}

/**
 * Compares supabase/import_map.json with what deno.json implies; with `write`, rewrites it when
 * it differs. Returns whether it was in sync before.
 */
export async function syncDeployImportMap(write: boolean): Promise<boolean> {
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const expected = JSON.stringify(expectedDeployImportMap(denoJson), null, 2) + "\n";
  const actual = await Deno.readTextFile(DEPLOY_IMPORT_MAP).catch(() => "");
  if (actual === expected) return true;
  if (write) await Deno.writeTextFile(DEPLOY_IMPORT_MAP, expected);
  return false;
}

/**
 * The vendored PDF assets' manifest when the folder is complete (scripts/vendor_pdf_assets.ts
 * writes it last), else null.
 */
export async function vendoredPdfAssets(): Promise<PdfAssetsManifest | null> {
  try {
    const manifest = JSON.parse(
      await Deno.readTextFile(new URL(PDF_ASSETS_MANIFEST, VENDORED_PDF_ASSETS_URL)),
    ) as PdfAssetsManifest;
    return manifest.cmaps > 0 && manifest.standardFonts > 0 ? manifest : null;
  } catch {
    return null;
  }
}

/** A finished command. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment variables a child needs to find its tools and caches; nothing of ours. */
export function toolEnv(): Record<string, string> {
  const names = ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "npm_config_cache", "TMPDIR"];
  return Object.fromEntries(
    names.flatMap((n) => Deno.env.get(n) !== undefined ? [[n, Deno.env.get(n)!]] : []),
  );
}

/** What the CLI printed, and the stand-in captured, for one offline deploy. */
export interface OfflineDeploy {
  cli: CommandResult;
  /** The `--remote` project ref used. */
  ref: string;
  deploys: CapturedDeploy[];
  requests: RecordedRequest[];
  bulkUpdates: unknown[];
}

/** A fixed, well-formed but fake access token (`sbp_` + 40 hex): only the stand-in sees it. */
const OFFLINE_TOKEN = "sbp_" + "0123456789abcdef".repeat(3).slice(0, 40);
/** A fake 20-letter project ref. */
export const OFFLINE_REF = "offlinestandinprojct";

/**
 * Runs the real Supabase CLI (`functions deploy <names> --use-api --yes --remote=<ref>`) from
 * the repository root against a fresh stand-in, and returns what it uploaded. The built-in
 * `supabase-local` profile fixes the API at http://127.0.0.1:8080; the CLI also accepts a
 * profile *file* (`SUPABASE_PROFILE=<path>.yaml` with `api_url`), which lets the stand-in take
 * any free port, so parallel runs and a busy 8080 do not collide. `port` picks a fixed one.
 */
export async function deployOffline(names: string[], port = 0): Promise<OfflineDeploy> {
  const standIn = startManagementApiStandIn(port);
  const dir = await Deno.makeTempDir({ prefix: "deploy-profile-" });
  try {
    const profile = `${dir}/profile.yaml`;
    await Deno.writeTextFile(
      profile,
      [
        "name: offline-stand-in",
        `api_url: ${standIn.url}`,
        `dashboard_url: ${standIn.url}/dashboard`,
        "project_host: offline.invalid",
        "",
      ].join("\n"),
    );
    const [command, ...args] = SUPABASE_CLI;
    const output = await new Deno.Command(command, {
      args: [
        ...args,
        "functions",
        "deploy",
        ...names,
        "--use-api",
        "--yes",
        `--remote=${OFFLINE_REF}`,
      ],
      cwd: ROOT.pathname,
      clearEnv: true,
      env: {
        ...toolEnv(),
        NO_COLOR: "1",
        SUPABASE_PROFILE: profile,
        SUPABASE_ACCESS_TOKEN: OFFLINE_TOKEN,
        // The CLI's Deno bundling reads package.json otherwise (supabase-notes §0).
        DENO_NO_PACKAGE_JSON: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    return {
      cli: { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) },
      ref: OFFLINE_REF,
      deploys: standIn.deploys,
      requests: standIn.requests,
      bulkUpdates: standIn.bulkUpdates,
    };
  } finally {
    await standIn.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** The lines of CLI output that warn (the CLI skips a file it cannot read with a `WARNING`). */
export function warnings(result: CommandResult): string[] {
  return (result.stdout + "\n" + result.stderr).split("\n").filter((l) => /warn/i.test(l));
}

/** Deno flags that load `importMapPath` the way the deploy does (a deno.json is a config). */
export function importMapFlags(importMapPath: string | undefined): string[] {
  if (importMapPath === undefined) return ["--no-config"];
  return /(^|\/)deno\.jsonc?$/.test(importMapPath)
    ? ["--config", importMapPath]
    : ["--no-config", "--import-map", importMapPath];
}

/** A function's module graph as `deno info --json` reports it. */
export interface ModuleGraph {
  /** Local modules (`file:` URLs under `root`), as paths relative to it. */
  localModules: string[];
  /** Modules that could not be resolved or loaded, with Deno's message. */
  errors: string[];
}

/** What `deno info --json` says of a module graph (the parts read here). */
export interface DenoInfo {
  roots: string[];
  modules: {
    specifier: string;
    error?: string;
    dependencies?: { code?: { specifier?: string }; isDynamic?: boolean }[];
  }[];
}

/** Runs `deno info --json` on `entrypoint` (relative to `root`), with an import map if given. */
export async function denoInfo(
  entrypoint: string,
  importMapPath?: string,
  root: URL = ROOT,
): Promise<DenoInfo> {
  const stdout = await denoOutput(
    ["info", "--json", ...importMapFlags(importMapPath), entrypoint],
    { what: `deno info ${entrypoint}`, cwd: root.pathname, env: { NO_COLOR: "1" } },
  );
  return JSON.parse(stdout) as DenoInfo;
}

/**
 * `deno info --json` of `entrypoint` (relative to `root`) with the deploy's import map: every
 * module Deno would load, static and literal dynamic imports alike. Imports whose specifier is
 * computed are invisible here as they are to the CLI (see invisible_imports.ts).
 */
export async function moduleGraph(
  entrypoint: string,
  importMapPath: string | undefined,
  root: URL = ROOT,
): Promise<ModuleGraph> {
  const info = await denoInfo(entrypoint, importMapPath, root);
  const localModules: string[] = [];
  const errors: string[] = [];
  for (const module of info.modules) {
    if (module.error) errors.push(`${module.specifier}: ${module.error}`);
    else if (module.specifier.startsWith(root.href)) {
      localModules.push(decodeURIComponent(module.specifier.slice(root.href.length)));
    }
  }
  return { localModules: localModules.sort(), errors };
}

function globRegExp(pattern: string): RegExp {
  const source = pattern.split("").map((c) =>
    c === "*" ? "[^/]*" : c === "?" ? "[^/]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")
  ).join("");
  return new RegExp(`^${source}$`);
}

/**
 * The files `static_patterns` (as the CLI reports them, relative to `root`) name on disk.
 * Wildcards are allowed in the last path segment only, which is all config.toml uses (the CLI
 * matches with Go's fs.Glob, where `**` is not recursive).
 */
export async function staticFiles(patterns: string[], root: URL = ROOT): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    const slash = pattern.lastIndexOf("/");
    const folder = pattern.slice(0, slash + 1);
    if (/[*?[]/.test(folder)) throw new Error(`Unsupported static pattern ${pattern}`);
    const name = globRegExp(pattern.slice(slash + 1));
    try {
      for await (const entry of Deno.readDir(new URL(folder, root))) {
        if (entry.isFile && name.test(entry.name)) files.push(folder + entry.name);
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return files.sort();
}

/** How one captured upload compares with the function's module graph and static files. */
export interface UploadCheck {
  slug: string;
  /** Local modules of the graph that were not uploaded (a function that fails on Supabase). */
  missingModules: string[];
  /** Static files on disk that were not uploaded. */
  missingStatic: string[];
  /** Whether the import map itself was uploaded. */
  importMapUploaded: boolean;
  graphErrors: string[];
}

/** Checks one captured upload against `deno info` and the static patterns. */
export async function checkUpload(deploy: CapturedDeploy): Promise<UploadCheck> {
  const { entrypoint_path, import_map_path, static_patterns = [] } = deploy.metadata;
  const graph = await moduleGraph(entrypoint_path, import_map_path);
  const uploaded = new Set(deploy.files.keys());
  return {
    slug: deploy.slug,
    missingModules: graph.localModules.filter((m) => !uploaded.has(m)),
    missingStatic: (await staticFiles(static_patterns)).filter((f) => !uploaded.has(f)),
    importMapUploaded: import_map_path === undefined || uploaded.has(import_map_path),
    graphErrors: graph.errors,
  };
}

/** A human-readable account of one captured upload (for `deno task deploy -- --dry`). */
export function describeUpload(deploy: CapturedDeploy, check: UploadCheck): string {
  const bytes = [...deploy.files.values()].reduce((sum, f) => sum + f.length, 0);
  const byFolder = new Map<string, number>();
  for (const path of deploy.files.keys()) {
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "./";
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
  }
  const { metadata } = deploy;
  const lines = [
    `${deploy.slug}: ${deploy.files.size} files, ${(bytes / 1024 / 1024).toFixed(2)} MB`,
    `  entrypoint ${metadata.entrypoint_path}, import map ${metadata.import_map_path ?? "none"}, ` +
    `verify_jwt ${metadata.verify_jwt}`,
    ...[...byFolder].sort().map(([folder, n]) => `  ${String(n).padStart(4)}  ${folder}`),
  ];
  const problems = [
    ...check.missingModules.map((m) => `  MISSING module ${m}`),
    ...check.missingStatic.map((f) => `  MISSING static file ${f}`),
    ...(check.importMapUploaded ? [] : [`  MISSING import map ${metadata.import_map_path}`]),
    ...check.graphErrors.map((e) => `  UNRESOLVED ${e}`),
  ];
  return [
    ...lines,
    ...(problems.length ? problems : ["  every local module of the graph is uploaded"]),
  ]
    .join("\n");
}
