/**
 * The layering rules of `docs/architecture.md` that the type checker cannot see: outside
 * `shared/onboarding/engine/`, nothing imports the folder's files but `mod.ts`, and every other
 * file there says in its module doc that it is private.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ENGINE = join(ROOT, "shared/onboarding/engine");
const PRIVATE_TAG = "@module private";

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

Deno.test("structure: outside engine/, only engine/mod.ts is imported", async () => {
  const offenders: string[] = [];
  for (const top of ["functions", "shared", "scripts"]) {
    for await (const file of sourceFiles(join(ROOT, top))) {
      if (file.startsWith(ENGINE + "/")) continue;
      const text = await Deno.readTextFile(file);
      for (const m of text.matchAll(/from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)) {
        const spec = m[1] ?? m[2];
        if (!spec.startsWith(".")) continue;
        const target = join(file, "..", spec);
        if (target.startsWith(ENGINE + "/") && target !== join(ENGINE, "mod.ts")) {
          offenders.push(`${relative(ROOT, file)} → ${spec}`);
        }
      }
    }
  }
  assert.deepEqual(offenders, []);
});

Deno.test("structure: every engine/ file but mod.ts is marked private", async () => {
  const unmarked: string[] = [];
  for await (const file of sourceFiles(ENGINE)) {
    if (file === join(ENGINE, "mod.ts")) continue;
    const text = await Deno.readTextFile(file);
    const doc = text.match(/^\/\*\*[\s\S]*?\*\//)?.[0] ?? "";
    if (!doc.includes(PRIVATE_TAG)) unmarked.push(relative(ROOT, file));
  }
  assert.deepEqual(unmarked, []);
});
