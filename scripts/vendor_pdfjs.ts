/**
 * `deno task vendor-pdfjs [--check]`: writes `vendor/pdfjs/pdfjs.mjs`, unpdf's build of PDF.js
 * (the installed `unpdf/dist/pdfjs.mjs`, the version deno.json names) with this project's
 * patches (`scripts/lib/pdfjs_patches.ts`, explained in `vendor/pdfjs/PATCHED.md`), with the
 * licences of PDF.js and unpdf beside it. The result is committed: a deployed function imports
 * it like any other module of the project. Run it after changing the unpdf version; with
 * `--check` it only compares, and exits 1 when the committed file is not what it would write
 * (the unit tests do the same).
 */
import { patchPdfjs } from "./lib/pdfjs_patches.ts";

/** The vendored build, as the functions import it. */
export const VENDORED_PDFJS_URL = new URL("../vendor/pdfjs/pdfjs.mjs", import.meta.url);

/** The installed unpdf package folder, as a `file:` URL ending in `/`. */
function unpdfFolder(): URL {
  const url = new URL("../", import.meta.resolve("unpdf/pdfjs"));
  if (url.protocol !== "file:") {
    throw new Error(`unpdf is not installed locally (${url.href}); run with nodeModulesDir`);
  }
  return url;
}

/** The patched build of the installed unpdf, as `vendor/pdfjs/pdfjs.mjs` should hold it. */
export async function patchedPdfjs(): Promise<string> {
  const folder = unpdfFolder();
  const { version } = JSON.parse(await Deno.readTextFile(new URL("package.json", folder)));
  const source = await Deno.readTextFile(new URL("dist/pdfjs.mjs", folder));
  const header =
    `// unpdf ${version} dist/pdfjs.mjs (PDF.js: Apache-2.0, LICENSE; unpdf: MIT, LICENSE-unpdf), ` +
    "patched by scripts/vendor_pdfjs.ts as vendor/pdfjs/PATCHED.md explains. Do not edit: " +
    "run `deno task vendor-pdfjs`.";
  return patchPdfjs(source, header);
}

if (import.meta.main) {
  const expected = await patchedPdfjs();
  if (Deno.args.includes("--check")) {
    const actual = await Deno.readTextFile(VENDORED_PDFJS_URL).catch(() => "");
    if (actual !== expected) {
      console.error(`${VENDORED_PDFJS_URL.pathname} is stale: run \`deno task vendor-pdfjs\``);
      Deno.exit(1);
    }
    console.log(`${VENDORED_PDFJS_URL.pathname} is up to date`);
  } else {
    await Deno.mkdir(new URL("./", VENDORED_PDFJS_URL), { recursive: true });
    await Deno.writeTextFile(VENDORED_PDFJS_URL, expected);
    // PDF.js's licence covers the build; unpdf's covers its packaging of it.
    const pdfjsDist = new URL("./", import.meta.resolve("pdfjs-dist/package.json"));
    await Deno.copyFile(new URL("LICENSE", pdfjsDist), new URL("LICENSE", VENDORED_PDFJS_URL));
    await Deno.copyFile(
      new URL("LICENSE", unpdfFolder()),
      new URL("LICENSE-unpdf", VENDORED_PDFJS_URL),
    );
    console.log(`wrote ${VENDORED_PDFJS_URL.pathname} (${expected.length} characters)`);
  }
}
