/**
 * The reference chat page (issue 13) in a real browser: runs tests/browser/chat_page.ts with
 * `deno test --allow-all` (playwright-core needs every permission to load, which `deno task
 * test` does not grant) and fails with its report when any of its tests does.
 */
import assert from "node:assert/strict";
import { runWithAllPermissions } from "../support/all_permissions.ts";

Deno.test("the reference chat page works end to end in Chromium", async () => {
  const { code, output } = await runWithAllPermissions("test", "../browser/chat_page.ts");
  assert.equal(code, 0, `the browser tests failed:\n${output}`);
});
