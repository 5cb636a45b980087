/**
 * Running a test file in a child process with every permission: what the browser tests need,
 * kept apart from browser.ts so that the parent (run with named permissions) never loads
 * playwright-core.
 *
 * @module
 */

/**
 * Runs a browser check in a child process with `--allow-all` (`deno run` or `deno test` of
 * `file`, relative to tests/support/): playwright-core reads /proc/sys when it loads, which Deno
 * allows only with all permissions, and `deno task test` grants named ones. Resolves to the
 * exit code and everything it printed.
 */
export async function runWithAllPermissions(
  command: "run" | "test",
  file: string,
): Promise<{ code: number; output: string }> {
  const path = new URL(file, import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [command, "--quiet", "--allow-all", path],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code, output: new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr) };
}
