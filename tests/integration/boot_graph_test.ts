/**
 * A function boots with what every request needs and nothing more (issue 11, cold boot): its
 * entrypoint's static imports reach neither the conversation engine nor the AI engine, the
 * document readers (fflate, PDF.js), OpenCC or the OpenAPI generator; those are loaded by the first request
 * that needs them (`shared/lazy.ts`, `functions/chatbot/load.ts`). A count, not a timing: the
 * times are `deno task bench`'s.
 */
import assert from "node:assert/strict";
import { bootGraph } from "../../scripts/lib/boot_graph.ts";
import { deployableFunctionConfigs, moduleGraph, ROOT } from "../../scripts/lib/deploy.ts";

/** The npm packages a booting function may load: what every request uses. */
const BOOT_PACKAGES = new Set(["hono", "zod", "jose", "postgres"]);

/** Local modules only some requests need. */
const ON_DEMAND = [
  "functions/chatbot/conversation.ts",
  "functions/chatbot/routes/message_stream.ts",
  "shared/onboarding/engine/",
  "shared/onboarding/ai/",
  "shared/onboarding/parsing/",
  "shared/onboarding/lexicon/",
  "shared/documents/pdf",
  "shared/documents/docx.ts",
  "shared/documents/zip_inflate.ts",
  "shared/documents/fields.ts",
  "shared/documents/text.ts",
  "vendor/pdfjs/",
];

const functions = await deployableFunctionConfigs();

for (const fn of functions) {
  Deno.test(`boot: ${fn.name} loads only what every request needs`, async () => {
    const graph = await bootGraph(fn.entrypoint.pathname);
    assert.ok(graph.localModules.includes("shared/http/app.ts"), graph.localModules.join());
    const extra = graph.packages.filter((name) => !BOOT_PACKAGES.has(name));
    assert.deepEqual(extra, [], `${fn.name} loads ${extra.join(", ")} at boot`);
    const heavy = graph.localModules.filter((m) => ON_DEMAND.some((p) => m.startsWith(p)));
    assert.deepEqual(heavy, [], `${fn.name} loads ${heavy.join(", ")} at boot`);
  });
}

Deno.test("boot: the modules loaded on demand are still in the chatbot's graph", async () => {
  // Loaded by literal dynamic imports, so the deploy ships them (deploy_test.ts checks the
  // upload against this whole graph).
  const whole = await moduleGraph(new URL("functions/chatbot/index.ts", ROOT).pathname, undefined);
  for (const module of ["functions/chatbot/conversation.ts", "shared/onboarding/ai/engine.ts"]) {
    assert.ok(whole.localModules.includes(module), module);
  }
  assert.ok(whole.localModules.some((m) => m.startsWith("shared/documents/pdf")));
});
