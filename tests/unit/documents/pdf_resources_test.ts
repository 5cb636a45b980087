import assert from "node:assert/strict";
import { extractPdfText } from "../../../shared/documents/pdf.ts";
import {
  packagePdfResourceUrls,
  PDF_ASSETS_MANIFEST,
  resolvePdfResourceUrls,
  VENDORED_PDF_ASSETS_URL,
} from "../../../shared/documents/pdf_resources.ts";
import { vendorPdfAssets } from "../../../scripts/vendor_pdf_assets.ts";
import { CNS_CMAP_LINES, cnsCmapPdf } from "../../fixtures/make_fixtures.ts";

const tempFolder = async () => new URL(`file://${await Deno.makeTempDir()}/`);

Deno.test("resolvePdfResourceUrls: without a vendored folder → the pdfjs-dist package", async () => {
  const missing = new URL("does-not-exist/", await tempFolder());
  const urls = await resolvePdfResourceUrls(missing);
  assert.deepEqual(urls, packagePdfResourceUrls());
  assert.match(urls.cMapUrl ?? "", /pdfjs-dist.*\/cmaps\/$/);
});

Deno.test("resolvePdfResourceUrls: a vendored folder with its manifest is preferred", async () => {
  const folder = await tempFolder();
  try {
    const manifest = await vendorPdfAssets(folder);
    assert.ok(manifest.cmaps > 100 && manifest.standardFonts > 0);
    await Deno.stat(new URL("cmaps/UniCNS-UCS2-H.bcmap", folder));
    const urls = await resolvePdfResourceUrls(folder);
    assert.equal(urls.cMapUrl, new URL("cmaps/", folder).href);
    assert.equal(urls.standardFontDataUrl, new URL("standard_fonts/", folder).href);
    // Also without the trailing slash, as a path would be written.
    assert.deepEqual(await resolvePdfResourceUrls(folder.href.slice(0, -1)), urls);

    // The vendored CMaps are enough to read CNS text.
    const { text } = await extractPdfText(cnsCmapPdf(), { resources: urls });
    assert.equal(text, CNS_CMAP_LINES.join("\n"));
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("resolvePdfResourceUrls: files without a valid manifest are not used", async () => {
  const folder = await tempFolder();
  try {
    await Deno.mkdir(new URL("cmaps/", folder));
    assert.deepEqual(await resolvePdfResourceUrls(folder), packagePdfResourceUrls());
    await Deno.writeTextFile(new URL(PDF_ASSETS_MANIFEST, folder), "{ not json");
    assert.deepEqual(await resolvePdfResourceUrls(folder), packagePdfResourceUrls());
    await Deno.writeTextFile(
      new URL(PDF_ASSETS_MANIFEST, folder),
      JSON.stringify({ pdfjsDist: "6.1.200", cmaps: 0, standardFonts: 0 }),
    );
    assert.deepEqual(await resolvePdfResourceUrls(folder), packagePdfResourceUrls());
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("VENDORED_PDF_ASSETS_URL: the chatbot function's pdf-assets folder", () => {
  assert.match(VENDORED_PDF_ASSETS_URL.href, /\/functions\/chatbot\/pdf-assets\/$/);
});
