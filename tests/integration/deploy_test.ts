/**
 * The deploy, verified offline: the real Supabase CLI (`npx -y supabase@3 functions deploy
 * <every function of supabase/config.toml> --use-api --yes`) uploads to a local stand-in for the
 * Management API; what it uploads must hold every local module of each function's graph, the
 * import map and the static files, with no computed import the CLI cannot see; and each function
 * must then boot from its uploaded files alone (`deno serve` in a folder holding only them,
 * reading nothing else) on the test database and answer — the chatbot taking a message and
 * reading a PDF that needs a predefined CJK CMap.
 */
import assert from "node:assert/strict";
import { mintToken } from "../../shared/auth/mint.ts";
import { connect } from "../../shared/db/client.ts";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded_postgres.ts";
import { applyMigrations } from "../../scripts/lib/migrate.ts";
import {
  type CapturedDeploy,
  PortInUseError,
  startManagementApiStandIn,
} from "../../scripts/lib/management_api_stand_in.ts";
import { vendorPdfAssets } from "../../scripts/vendor_pdf_assets.ts";
import {
  checkUpload,
  deployOffline,
  importMapFlags,
  parseFunctionConfigs,
  ROOT,
  SUPABASE_CONFIG,
  syncDeployImportMap,
  toolEnv,
  vendoredPdfAssets,
  warnings,
} from "../../scripts/lib/deploy.ts";
import { CNS_CMAP_LINES, cnsCmapPdf } from "../fixtures/pdf_fixtures.ts";
import { invisibleImports } from "../support/invisible_imports.ts";
import { testDatabase, uniqueUserId } from "../support/database.ts";

const SECRET = "deploy-test-secret-0123456789abcdef";

/** A port nothing listens on at the moment. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Writes an upload's files into a fresh folder, at the paths the CLI gave them. */
async function materialize(deploy: CapturedDeploy): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: `deployed-${deploy.slug}-` });
  for (const [path, bytes] of deploy.files) {
    assert.ok(!path.startsWith("/") && !path.split("/").includes(".."), path);
    const target = `${dir}/${path}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.writeFile(target, bytes);
  }
  return dir;
}

/** A function served by `deno serve` from its uploaded files. */
interface Served {
  url: string;
  output(): string;
  /** Whether the process has ended (a boot error, say). */
  exited(): boolean;
  stop(): Promise<void>;
}

/**
 * Serves an upload as Supabase would: only its files (no node_modules, no deno.json unless
 * uploaded; npm packages come from the registry or Deno's cache), its import map, reading
 * nothing outside its folder and a scratch data folder.
 */
async function serveUpload(deploy: CapturedDeploy, env: Record<string, string>): Promise<Served> {
  const dir = await materialize(deploy);
  const dataDir = await Deno.makeTempDir({ prefix: `deployed-${deploy.slug}-data-` });
  const { entrypoint_path, import_map_path } = deploy.metadata;
  const mapFlags = importMapFlags(import_map_path);
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "serve",
      "--quiet",
      "--host=127.0.0.1",
      `--port=${port}`,
      "--allow-env",
      "--allow-net",
      "--allow-sys",
      `--allow-read=${dir},${dataDir}`,
      `--allow-write=${dataDir}`,
      ...mapFlags,
      entrypoint_path,
    ],
    cwd: dir,
    clearEnv: true,
    env: {
      ...toolEnv(),
      NO_COLOR: "1",
      DENO_NO_PACKAGE_JSON: "1",
      DATA_DIR: dataDir,
      EXTERNAL_JWT_SECRET: SECRET,
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) output += chunk;
  };
  const done = Promise.all([collect(child.stdout), collect(child.stderr), child.status]);
  let exited = false;
  done.then(() => exited = true, () => exited = true);
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited: () => exited,
    async stop() {
      // SIGTERM makes `deno serve` drain open (keep-alive) connections, up to ~20 s; a second
      // later the process is killed outright (nothing in it needs a clean exit).
      if (!exited) child.kill("SIGTERM");
      const grace = setTimeout(() => exited || child.kill("SIGKILL"), 1000);
      await done;
      clearTimeout(grace);
      await Deno.remove(dir, { recursive: true });
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}

/** Polls `/<name>/health` until it answers 200 (first boot may fetch npm packages). */
async function waitHealthy(served: Served, name: string) {
  const deadline = Date.now() + 120_000;
  let last = "";
  while (Date.now() < deadline) {
    if (served.exited()) throw new Error(`${name} exited:\n${served.output()}`);
    try {
      const response = await fetch(`${served.url}/${name}/health`);
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return JSON.parse(last.slice(4));
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} not healthy in 120 s (last: ${last}):\n${served.output()}`);
}

/** The database the served functions use, and how to release it. */
async function childDatabase() {
  const shared = await testDatabase();
  const env = { DATABASE_PREPARE: String(shared.prepare) };
  if (!shared.embedded) return { env: { ...env, DATABASE_URL: shared.url }, stop: async () => {} };
  // PGlite has one backend, held by this process's pool: the children get their own, migrated.
  const own = await startEmbeddedPostgres(await Deno.makeTempDir({ prefix: "deploy-db-" }));
  const sql = connect(own.url, { max: 1 });
  await applyMigrations(sql);
  await sql.end();
  return {
    env: { ...env, DATABASE_URL: own.url, DATABASE_POOL_MAX: "1" },
    stop: () => own.stop(),
  };
}

async function json(response: Response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

Deno.test("the invisible-import check sees computed specifiers and only those", () => {
  const source = 'const a = "./x.ts";\nawait import(a);\nawait import(\n  "./y.ts"\n);\n' +
    'await import(`./z${a}`);\ntype T = typeof import("./t.ts");\n';
  const found = invisibleImports("probe.ts", source);
  assert.deepEqual(found.map((f) => [f.line, f.text]), [[2, "import(a)"], [
    6,
    "import(`./z${a}`)",
  ]]);
});

Deno.test("config.toml: every [functions.<name>] section, its switches, comments ignored", () => {
  const configs = parseFunctionConfigs(
    [
      'project_id = "x"',
      "[functions.auth]",
      "verify_jwt = false # the functions check tokens",
      'entrypoint = "../functions/auth/index.ts"',
      "[db]",
      "enabled = false",
      "[functions.admin]",
      'import_map = "./import_map.json"',
      "[functions.old]",
      "enabled = false",
    ].join("\n"),
  );
  assert.deepEqual(configs, [
    { name: "auth", enabled: true, verifyJwt: false, entrypoint: "../functions/auth/index.ts" },
    { name: "admin", enabled: true, verifyJwt: true, importMap: "./import_map.json" },
    { name: "old", enabled: false, verifyJwt: true },
  ]);
});

Deno.test("a stand-in on a taken port says so", async () => {
  const first = startManagementApiStandIn();
  try {
    assert.throws(() => startManagementApiStandIn(first.port), PortInUseError);
  } finally {
    await first.close();
  }
});

Deno.test({
  name: "deploy: the Supabase CLI uploads each function whole, and each boots from its upload",
  // Child processes and the CLI's HTTP calls outlive single steps on purpose.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    // A fresh clone has no vendored assets (git-ignored): make them as `deno task deploy` does.
    if (await vendoredPdfAssets() === null) await vendorPdfAssets();
    assert.ok(
      await syncDeployImportMap(false),
      "supabase/import_map.json differs from deno.json's imports (+ postgres → vendor): " +
        "`deno task deploy -- --dry` rewrites it",
    );
    const configs = parseFunctionConfigs(await Deno.readTextFile(SUPABASE_CONFIG));
    const names = configs.filter((c) => c.enabled).map((c) => c.name);
    assert.ok(names.includes("auth") && names.includes("chatbot"), names.join());

    const started = Date.now();
    const run = await deployOffline(names);
    console.log(`supabase functions deploy (${names.join(", ")}): ${Date.now() - started} ms`);
    assert.equal(run.cli.code, 0, run.cli.stdout + run.cli.stderr);
    assert.deepEqual(warnings(run.cli), []);
    assert.ok(
      run.requests.every((r) => r.authorized && r.status < 400),
      JSON.stringify(run.requests),
    );
    const deploys = new Map<string, CapturedDeploy>();
    for (const name of names) {
      const uploads = run.deploys.filter((d) => d.slug === name);
      assert.equal(uploads.length, 1, `${name} uploaded once`);
      deploys.set(name, uploads[0]);
    }
    if (names.length > 1) {
      // Several functions: bundle-only uploads, then one bulk update naming them all.
      assert.ok([...deploys.values()].every((d) => d.bundleOnly));
      assert.equal(run.bulkUpdates.length, 1);
      const slugs = (run.bulkUpdates[0] as { slug: string }[]).map((f) => f.slug);
      assert.deepEqual(slugs.toSorted(), names.toSorted());
    }

    await t.step(
      "each upload holds its whole module graph, import map and static files",
      async () => {
        for (const [name, deploy] of deploys) {
          const config = configs.find((c) => c.name === name)!;
          assert.equal(deploy.metadata.verify_jwt, false, `${name}: verify_jwt`);
          assert.equal(config.verifyJwt, false, `${name}: config.toml verify_jwt`);
          if (config.entrypoint) {
            assert.equal(
              deploy.metadata.entrypoint_path,
              new URL(config.entrypoint, SUPABASE_CONFIG).href.slice(ROOT.href.length),
            );
          }
          const check = await checkUpload(deploy);
          assert.deepEqual(check.graphErrors, [], `${name}: unresolved modules`);
          assert.deepEqual(check.missingModules, [], `${name}: modules not uploaded`);
          assert.deepEqual(check.missingStatic, [], `${name}: static files not uploaded`);
          assert.ok(check.importMapUploaded, `${name}: import map not uploaded`);
          for (const [path, bytes] of deploy.files) {
            assert.deepEqual(bytes, await Deno.readFile(new URL(path, ROOT)), `${path} as on disk`);
          }
        }
        const chatbot = deploys.get("chatbot")!;
        assert.ok(chatbot.files.has("functions/chatbot/pdf-assets/cmaps/UniCNS-UCS2-H.bcmap"));
      },
    );

    await t.step("the patched postgres.js is uploaded (not left to deno.json links)", async () => {
      for (const [name, deploy] of deploys) {
        for await (const entry of Deno.readDir(new URL("vendor/postgres/src/", ROOT))) {
          assert.ok(
            deploy.files.has(`vendor/postgres/src/${entry.name}`),
            `${name}: ${entry.name}`,
          );
        }
        const connection = new TextDecoder().decode(
          deploy.files.get("vendor/postgres/src/connection.js"),
        );
        // The nextWrite guard's marker, not the deploy's own note on the import lines.
        assert.match(connection, /PATCHED \(vendor\/postgres\/PATCHED\.md\)/, name);
        const importMap = JSON.parse(
          new TextDecoder().decode(deploy.files.get(deploy.metadata.import_map_path!)),
        );
        assert.equal(importMap.imports?.postgres, "../vendor/postgres/src/index.js", name);
      }
    });

    await t.step("the chatbot's upload holds the patched PDF.js (vendor/pdfjs)", () => {
      const pdfjs = deploys.get("chatbot")!.files.get("vendor/pdfjs/pdfjs.mjs");
      assert.ok(pdfjs, "vendor/pdfjs/pdfjs.mjs not uploaded");
      assert.match(new TextDecoder().decode(pdfjs), /^const __onboardingPatch=/m);
    });

    await t.step("no uploaded module imports a computed specifier", () => {
      const found = [...deploys.values()].flatMap((deploy) =>
        [...deploy.files].filter(([path]) => /\.(ts|tsx|js|mjs|jsx)$/.test(path)).flatMap((
          [path, bytes],
        ) => invisibleImports(path, new TextDecoder().decode(bytes)))
      );
      assert.deepEqual(found, []);
    });

    const database = await childDatabase();
    try {
      for (const [name, deploy] of deploys) {
        await t.step(`${name} boots from its uploaded files alone and answers`, async () => {
          const served = await serveUpload(deploy, database.env);
          try {
            const health = await waitHealthy(served, name);
            assert.equal(health.status, "ok");
            assert.equal(health.database, "ok");
            if (name === "auth") await checkAuth(served.url);
            if (name === "chatbot") await checkChatbot(served.url);
          } finally {
            await served.stop();
          }
        });
      }
    } finally {
      await database.stop();
    }
  },
});

async function token(userId: string) {
  return await mintToken(SECRET, { user_id: userId, username: "deploy_test" });
}

async function checkAuth(url: string) {
  const userId = uniqueUserId("deploy");
  const response = await fetch(`${url}/auth/me`, {
    headers: { authorization: `Bearer ${await token(userId)}` },
  });
  const body = await json(response);
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.equal(body.external_user_id, userId);
}

async function checkChatbot(url: string) {
  const headers = { authorization: `Bearer ${await token(uniqueUserId("deploy"))}` };
  const created = await fetch(`${url}/chatbot/sessions/new`, { method: "POST", headers });
  const session = await json(created);
  assert.equal(created.status, 200, JSON.stringify(session));

  const answered = await fetch(`${url}/chatbot/message`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ message: "我的公司是電子業", session_id: session.session_id }),
  });
  const reply = await json(answered);
  assert.equal(answered.status, 200, JSON.stringify(reply));
  const data = await json(await fetch(`${url}/chatbot/data/${session.session_id}`, { headers }));
  assert.equal(data.industry, "電子業");

  // The served folder has no node_modules and may read only itself: the CMap can come only
  // from the uploaded static files (pdfjs-dist resolves to an npm: URL, not a readable folder).
  const form = new FormData();
  form.append("file", new Blob([cnsCmapPdf() as BlobPart], { type: "application/pdf" }), "cns.pdf");
  const uploaded = await fetch(`${url}/chatbot/upload-file`, {
    method: "POST",
    headers,
    body: form,
  });
  const upload = await json(uploaded);
  assert.equal(uploaded.status, 200, JSON.stringify(upload));
  assert.equal(upload.file_type, "pdf");
  assert.ok(
    upload.extracted_text_length >= CNS_CMAP_LINES.join("").length - 2,
    JSON.stringify(upload),
  );
  const read = await json(await fetch(`${url}/chatbot/data/${upload.session_id}`, { headers }));
  assert.equal(read.industry, "精密機械業");
  assert.equal(read.invention_patent_count, 12);
}
