import assert from "node:assert/strict";
import { extractPdfText } from "../../../shared/documents/pdf.ts";
import { loadPdfjs } from "../../../shared/documents/pdfjs.ts";
import { patchPdfjs, PDFJS_PATCHES } from "../../../scripts/lib/pdfjs_patches.ts";
import { patchedPdfjs, VENDORED_PDFJS_URL } from "../../../scripts/vendor_pdfjs.ts";
import {
  CNS_CMAP_LINES,
  cnsCmapPdf,
  GB_CMAP_LINES,
  gbCmapPdf,
} from "../../fixtures/make_fixtures.ts";

Deno.test("vendor/pdfjs/pdfjs.mjs is what scripts/vendor_pdfjs.ts writes from the installed unpdf", async () => {
  const committed = await Deno.readTextFile(VENDORED_PDFJS_URL);
  // Compared as a boolean: the file is 1.6 MB, a diff of it would bury the message.
  assert.ok(committed === await patchedPdfjs(), "stale: run `deno task vendor-pdfjs`");
  for (const patch of PDFJS_PATCHES) assert.ok(committed.includes(patch.replace), patch.name);
});

Deno.test("patchPdfjs: a stretch missing or repeated stops it, naming the patch", () => {
  const build = PDFJS_PATCHES.map((patch) => patch.find).join("\n");
  assert.match(patchPdfjs(build, "// header"), /^\/\/ header\nconst __onboardingPatch=/);

  const [first, second] = PDFJS_PATCHES;
  assert.throws(
    () => patchPdfjs(build.replace(first.find, ""), ""),
    new RegExp(`"${first.name}": its stretch occurs 0 times, not once`),
  );
  assert.throws(
    () => patchPdfjs(`${build}\n${second.find}`, ""),
    new RegExp(`"${second.name}": its stretch occurs 2 times, not once`),
  );
  assert.throws(() => patchPdfjs(patchPdfjs(build, ""), ""), /patched already/);
});

Deno.test("a named CMap's font maps are built once per isolate, and every read is the same", async () => {
  const { onboardingPatch: state } = await loadPdfjs();
  const read = async (bytes: Uint8Array) => (await extractPdfText(bytes)).text;

  assert.equal(await read(cnsCmapPdf()), CNS_CMAP_LINES.join("\n"));
  assert.ok(state.toUnicode.has("UniCNS-UCS2-H|Adobe-CNS1"), [...state.toUnicode.keys()].join());
  assert.ok(state.fontChars.has("UniCNS-UCS2-H|Adobe-CNS1"));
  // A later document with the same font reuses both maps and reads the same text.
  for (let i = 0; i < 2; i++) {
    const hits = state.hits;
    assert.equal(await read(cnsCmapPdf()), CNS_CMAP_LINES.join("\n"));
    assert.equal(state.hits - hits, 2);
  }

  // Another CMap and ordering has maps of its own: nothing of the first is reused.
  const hits = state.hits;
  const cached = state.toUnicode.has("UniGB-UCS2-H|Adobe-GB1");
  assert.equal(await read(gbCmapPdf()), GB_CMAP_LINES.join("\n"));
  assert.equal(state.hits - hits, cached ? 2 : 0);
  assert.ok(state.toUnicode.has("UniGB-UCS2-H|Adobe-GB1"));
  assert.equal(await read(cnsCmapPdf()), CNS_CMAP_LINES.join("\n"));
});
