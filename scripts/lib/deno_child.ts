/**
 * Running Deno itself as a child process, for the scripts that measure or inspect a program in
 * a process of its own (boot and PDF benches, `deno info`).
 */

/** Options of {@link denoOutput}. */
export interface DenoChildOptions {
  /** What the child does, for the error: `<what> failed: <its stderr>`. */
  what: string;
  /** Variables added to the environment. */
  env?: Record<string, string>;
  /** Working directory; the current one when absent. */
  cwd?: string;
}

/** Runs `deno <args>` and resolves to its stdout; rejects with its stderr when it fails. */
export async function denoOutput(args: string[], options: DenoChildOptions): Promise<string> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    env: options.env,
    cwd: options.cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(
      `${options.what} failed: ${new TextDecoder().decode(output.stderr).trim()}`,
    );
  }
  return new TextDecoder().decode(output.stdout);
}

/** The last line of a child's stdout, parsed as JSON (the children print their report last). */
export function lastJsonLine<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as T;
}
