/**
 * `deno task dev` as a developer meets it: the real dev server in a child process. A second
 * server on the same DATA_DIR, a port in use and an unreachable database each stop the start with
 * one clear line and exit code 1; a server killed with `kill -9` leaves no lock behind.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;
// As `deno task dev` grants them (--allow-run: the chat page's script is bundled by `deno bundle`).
const PERMISSIONS = [
  "--allow-env",
  "--allow-net",
  "--allow-read",
  "--allow-write",
  "--allow-sys",
  "--allow-run",
];

// Only what Deno needs to find its cache: no DATABASE_URL or secret of the test run leaks in.
function runtimeEnv(): Record<string, string> {
  const names = ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME"];
  return Object.fromEntries(
    names.flatMap((n) => Deno.env.get(n) !== undefined ? [[n, Deno.env.get(n)!]] : []),
  );
}

/** A port nothing listens on at the moment. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** A running dev server child; its output is collected as it comes. */
interface DevServer {
  child: Deno.ChildProcess;
  output(): string;
  /** Resolves once the output contains `text`; rejects when the process ends first. */
  waitFor(text: string, ms?: number): Promise<void>;
  /** Resolves to the exit code and the whole output once the process has ended. */
  finished: Promise<{ code: number; stdout: string; stderr: string }>;
}

function startDevServer(env: Record<string, string>): DevServer {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...PERMISSIONS, "scripts/dev.ts"],
    env: { ...runtimeEnv(), NO_COLOR: "1", ...env },
    clearEnv: true,
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let stdout = "";
  let stderr = "";
  const collect = async (stream: ReadableStream<Uint8Array>, add: (s: string) => void) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) add(chunk);
  };
  const finished = Promise.all([
    collect(child.stdout, (s) => stdout += s),
    collect(child.stderr, (s) => stderr += s),
    child.status,
  ]).then(([, , status]) => ({ code: status.code, stdout, stderr }));
  let ended = false;
  finished.then(() => ended = true, () => ended = true);
  return {
    child,
    finished,
    output: () => stdout + stderr,
    async waitFor(text, ms = 60_000) {
      const deadline = Date.now() + ms;
      while (!(stdout + stderr).includes(text)) {
        if (ended) throw new Error(`dev server ended without "${text}":\n${stdout}${stderr}`);
        if (Date.now() > deadline) throw new Error(`no "${text}" in ${ms} ms:\n${stdout}${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Runs a dev server that must refuse to start; returns its exit code and stderr lines. */
async function refusedStart(env: Record<string, string>) {
  const started = Date.now();
  const { code, stdout, stderr } = await startDevServer(env).finished;
  assert.equal(stdout, "", "nothing is printed as if the server had started");
  return { code, lines: stderr.trim().split("\n"), ms: Date.now() - started };
}

Deno.test("a second dev server on one DATA_DIR stops at once; a killed server leaves no lock", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "onboarding-dev-" });
  const first = startDevServer({ DATA_DIR: dataDir, PORT: String(freePort()) });
  let last: DevServer | undefined;
  try {
    await first.waitFor("Onboarding Chatbot API on");

    const second = await refusedStart({ DATA_DIR: dataDir, PORT: String(freePort()) });
    assert.deepEqual(second.lines, [
      `Another dev server is using ${dataDir} (pid ${first.child.pid}); stop it or set DATA_DIR`,
    ]);
    assert.equal(second.code, 1);

    // kill -9: no shutdown code runs, the lock file still names the dead process.
    first.child.kill("SIGKILL");
    await first.finished;
    const lockFile = `${dataDir}/postgres/embedded.lock`;
    assert.equal((await Deno.readTextFile(lockFile)).trim(), String(first.child.pid));

    const port = freePort();
    last = startDevServer({ DATA_DIR: dataDir, PORT: String(port) });
    await last.waitFor("Onboarding Chatbot API on");
    const health = await fetch(`http://127.0.0.1:${port}/api/auth/health`);
    assert.equal(health.status, 200, await health.text());
    await checkChatPage(`http://127.0.0.1:${port}`);
    last.child.kill("SIGTERM");
    assert.equal((await last.finished).code, 0, last.output());
  } finally {
    for (const server of [first, last]) {
      try {
        server?.child.kill("SIGKILL");
      } catch {
        // already ended
      }
      await server?.finished;
    }
    await Deno.remove(dataDir, { recursive: true });
  }
});

/**
 * The reference chat page as the dev server serves it (its behaviour in a browser:
 * tests/integration/chat_page_test.ts): `/chat` leads to the page, whose script is the bundle of
 * web/src, and the development token works, since this server made its own secret.
 */
async function checkChatPage(base: string): Promise<void> {
  const page = await fetch(`${base}/chat`);
  assert.equal(page.status, 200);
  assert.equal(new URL(page.url).pathname, "/chat/");
  assert.match(await page.text(), /data-testid="message-input"/);
  const script = await fetch(`${base}/chat/chat.js`);
  assert.equal(script.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  const code = await script.text();
  assert.match(code, /chatbot\/sessions\/new/);
  assert.doesNotMatch(code, /^import /m, "one module: the imports are bundled");
  const { token } = await (await fetch(`${base}/chat/dev-token`)).json();
  const me = await fetch(`${base}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).external_user_id, "dev-user");
}

Deno.test("a port in use stops the dev server with one line", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "onboarding-dev-" });
  const taken = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  const port = (taken.addr as Deno.NetAddr).port;
  try {
    const run = await refusedStart({ DATA_DIR: dataDir, PORT: String(port) });
    assert.deepEqual(run.lines, [`Port ${port} is already in use; stop what uses it or set PORT`]);
    assert.equal(run.code, 1);
  } finally {
    taken.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("an unreachable DATABASE_URL stops the dev server with one line, no password", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "onboarding-dev-" });
  try {
    const run = await refusedStart({
      DATA_DIR: dataDir,
      PORT: String(freePort()),
      DATABASE_URL: "postgresql://postgres:hunter2@127.0.0.1:1/onboarding",
      EXTERNAL_JWT_SECRET: "a-secret-for-this-test",
    });
    assert.deepEqual(run.lines, [
      "Cannot reach the database at 127.0.0.1:1/onboarding (connection refused); " +
      "check DATABASE_URL or start the database",
    ]);
    assert.equal(run.code, 1);
    assert.ok(run.ms < 15_000, `took ${run.ms} ms`);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
