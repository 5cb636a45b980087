/**
 * The deployed entrypoints: they build their app from the environment, and refuse to start
 * without the JWT secret, naming it (and never printing a secret).
 */
import assert from "node:assert/strict";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded_postgres.ts";
import { testDatabase } from "../support/database.ts";

const ENTRYPOINTS = ["auth", "chatbot"];

// Only what Deno itself needs to find its cache: the function sees nothing else of ours.
function runtimeEnv(): Record<string, string> {
  const names = ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME"];
  return Object.fromEntries(
    names.flatMap((n) => Deno.env.get(n) !== undefined ? [[n, Deno.env.get(n)!]] : []),
  );
}

async function startup(name: string, env: Record<string, string>) {
  const script = `const m = await import("./functions/${name}/index.ts");
    const r = await m.default.fetch(new Request("http://edge/${name}/health"));
    console.log(r.status, await r.text());
    Deno.exit(0); // the open database pool would otherwise keep the process alive`;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    env: { ...env, ...runtimeEnv(), NO_COLOR: "1" },
    clearEnv: true,
    cwd: new URL("../../", import.meta.url).pathname,
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("each entrypoint serves its health route from the environment", async () => {
  const shared = await testDatabase();
  // The embedded server takes one client (PGlite has one backend): give the child its own.
  const own = shared.embedded ? await startEmbeddedPostgres(await Deno.makeTempDir()) : undefined;
  try {
    for (const name of ENTRYPOINTS) {
      const run = await startup(name, {
        EXTERNAL_JWT_SECRET: "s".repeat(32),
        SUPABASE_DB_URL: own?.url ?? shared.url,
        DATABASE_PREPARE: String(shared.prepare),
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^200 \{"status":"ok","version":"[^"]+","database":"ok"\}/);
    }
  } finally {
    await own?.stop();
  }
});

Deno.test("without EXTERNAL_JWT_SECRET an entrypoint refuses to start and names it", async () => {
  const secret = "previous-secret-value-that-must-not-leak";
  for (const name of ENTRYPOINTS) {
    const run = await startup(name, {
      DATABASE_URL: "postgres://nowhere/none",
      EXTERNAL_JWT_SECRET_PREVIOUS: secret,
    });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /EXTERNAL_JWT_SECRET is required/);
    assert.doesNotMatch(run.stderr + run.stdout, new RegExp(secret));
  }
});
