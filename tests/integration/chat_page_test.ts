/**
 * The reference chat page (issue 13) in a real browser: runs tests/browser/chat_page.ts with
 * `deno test --allow-all` (playwright-core needs every permission to load, which `deno task
 * test` does not grant) and fails with its report when any of its tests does.
 */
import assert from "node:assert/strict";

Deno.test("the reference chat page works end to end in Chromium", async () => {
  const suite = new URL("../browser/chat_page.ts", import.meta.url).pathname;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["test", "--quiet", "--allow-all", suite],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const output = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assert.equal(code, 0, `the browser tests failed:\n${output}`);
});
