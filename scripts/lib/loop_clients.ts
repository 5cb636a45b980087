/**
 * The clients of the loop benchmark (./loop_bench.ts), in a process of their own, as a user's
 * browser is: probes calling `GET /api/auth/me` one request after another, first alone, then
 * while one client uploads a PDF again and again. In the server's process they would share its
 * event loop, and their own work (building a 10 MB form, reading responses) would be counted as
 * the server's.
 *
 * Arguments: one JSON object ({@link LoopClientsInput}). Prints one JSON line when the busy
 * phase starts (`{"phase":"busy"}`) and one with every latency when done ({@link LoopClientsReport}).
 */

/** What the parent passes. */
export interface LoopClientsInput {
  base: string;
  probeTokens: string[];
  uploaderToken: string;
  pdfPath: string;
  seconds: number;
}

/** What the child reports, in milliseconds. */
export interface LoopClientsReport {
  phase: "done";
  warmUploadMs: number;
  quiet: number[];
  busy: number[];
  uploads: number[];
}

async function main(input: LoopClientsInput): Promise<void> {
  const { base, probeTokens, uploaderToken, seconds } = input;
  const pdf = await Deno.readFile(input.pdfPath);
  const me = async (token: string): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${base}/api/auth/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`/auth/me: ${response.status}`);
    return performance.now() - started;
  };
  const upload = async (): Promise<number> => {
    const started = performance.now();
    const form = new FormData();
    form.append("file", new File([pdf], "annual-report.pdf"));
    const response = await fetch(`${base}/api/chatbot/upload-file`, {
      method: "POST",
      headers: { Authorization: `Bearer ${uploaderToken}` },
      body: form,
    });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`upload: ${response.status} ${body}`);
    return performance.now() - started;
  };
  // Runs the probes until `done` settles; returns every latency.
  const probe = async (done: Promise<unknown>): Promise<number[]> => {
    let stop = false;
    done.finally(() => stop = true).catch(() => {});
    const latencies: number[] = [];
    await Promise.all(probeTokens.map(async (token) => {
      while (!stop) latencies.push(await me(token));
    }));
    return latencies;
  };

  // Warm-up: users exist, routes compiled, PDF.js loaded and optimised a little.
  await Promise.all(probeTokens.map((t) => me(t)));
  const warmUploadMs = await upload();

  const quiet = await probe(new Promise((resolve) => setTimeout(resolve, seconds * 1000)));

  console.log(JSON.stringify({ phase: "busy" }));
  const uploads: number[] = [];
  const uploading = (async () => {
    const until = performance.now() + seconds * 1000;
    do uploads.push(await upload()); while (performance.now() < until);
  })();
  const busy = await probe(uploading);
  await uploading;
  const report: LoopClientsReport = { phase: "done", warmUploadMs, quiet, busy, uploads };
  console.log(JSON.stringify(report));
}

if (import.meta.main) await main(JSON.parse(Deno.args[0]) as LoopClientsInput);
