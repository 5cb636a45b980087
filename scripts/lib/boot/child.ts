/**
 * One cold boot, in a fresh Deno process started by the boot benchmark
 * (scripts/lib/boot_bench.ts): imports the function entrypoint named by the first argument
 * (served under the path prefix of the second), answers `GET /<prefix>/health`, and prints one
 * JSON line ({@link BootReport}). With `--first-requests`, it then sends, still in the same
 * isolate, the first requests that need what the function loads on demand: a new session and
 * a rule-mode message (the conversation engine), and a one-page PDF upload (the PDF reader).
 *
 * The clock starts just before the import, after Deno itself has started: the runtime's own
 * start is the same for every function, and leaving it out makes the ratios stricter.
 */
import { APP_VERSION } from "../../../shared/config.ts";

/** What the child prints. Times in milliseconds. */
export interface BootReport {
  /** Importing the entrypoint: its module graph loaded and evaluated, the app built. */
  importMs: number;
  /** The first health request, its database connection included. */
  healthMs: number;
  /** `importMs + healthMs`: the cold boot compared across functions. */
  bootMs: number;
  /** With `--first-requests`: each first request's time, by name. */
  firstRequests?: Record<string, number>;
}

type Fetch = (request: Request) => Response | Promise<Response>;

async function timedFetch(fetch: Fetch, request: Request): Promise<[number, Response]> {
  const started = performance.now();
  const response = await fetch(request);
  await response.clone().arrayBuffer();
  return [performance.now() - started, response];
}

async function expectOk(response: Response, what: string): Promise<void> {
  if (response.status !== 200) {
    throw new Error(`${what}: ${response.status} ${await response.text()}`);
  }
}

/** The first requests of a chatbot isolate that load its on-demand modules. */
async function firstChatbotRequests(fetch: Fetch, secret: string) {
  const { mintToken } = await import("../../../shared/auth/mint.ts");
  const { largePdf } = await import("../large_pdf.ts");
  const token = await mintToken(secret, {
    user_id: `boot-${crypto.randomUUID()}`,
    username: "boot",
  });
  const pdf = await largePdf({ pages: 1, targetBytes: 20_000 });
  const authorization = { Authorization: `Bearer ${token}` };
  const base = "http://localhost/chatbot";

  const [sessionMs, session] = await timedFetch(
    fetch,
    new Request(`${base}/sessions/new`, { method: "POST", headers: authorization }),
  );
  await expectOk(session, "sessions/new");
  const { session_id } = await session.json();
  const [messageMs, message] = await timedFetch(
    fetch,
    new Request(`${base}/message`, {
      method: "POST",
      headers: { ...authorization, "Content-Type": "application/json" },
      body: JSON.stringify({ session_id, message: "我們是電子業" }),
    }),
  );
  await expectOk(message, "message");
  const form = new FormData();
  form.append("file", new File([new Uint8Array(pdf)], "company.pdf", { type: "application/pdf" }));
  form.append("session_id", String(session_id));
  const [uploadMs, upload] = await timedFetch(
    fetch,
    new Request(`${base}/upload-file`, { method: "POST", headers: authorization, body: form }),
  );
  await expectOk(upload, "upload-file");
  return { session_new: sessionMs, message: messageMs, upload_pdf: uploadMs };
}

if (import.meta.main) {
  const [entry, prefix, ...flags] = Deno.args;
  const started = performance.now();
  const { default: served } = await import(entry) as { default: { fetch: Fetch } };
  const imported = performance.now();
  const health = await served.fetch(new Request(`http://localhost/${prefix}/health`));
  const body = await health.json();
  const answered = performance.now();
  if (health.status !== 200 || (body.version !== undefined && body.version !== APP_VERSION)) {
    throw new Error(`${prefix}/health: ${health.status} ${JSON.stringify(body)}`);
  }
  const report: BootReport = {
    importMs: imported - started,
    healthMs: answered - imported,
    bootMs: answered - started,
  };
  if (flags.includes("--first-requests")) {
    const secret = Deno.env.get("EXTERNAL_JWT_SECRET");
    if (!secret) throw new Error("--first-requests needs EXTERNAL_JWT_SECRET");
    report.firstRequests = await firstChatbotRequests(served.fetch, secret);
  }
  console.log(JSON.stringify(report));
  // The function's pool keeps the process alive; the report is all the parent needs.
  Deno.exit(0);
}
