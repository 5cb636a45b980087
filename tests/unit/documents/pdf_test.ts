import assert from "node:assert/strict";
import { DocumentError } from "../../../shared/documents/errors.ts";
import { extractPdfText, PDF_ERRORS } from "../../../shared/documents/pdf.ts";
import { pageItemsToText } from "../../../shared/documents/pdf_text.ts";
import {
  CNS_CMAP_LINES,
  cnsCmapPdf,
  corruptPdf,
  EMBEDDED_FONT_LINES,
  EMBEDDED_FONT_TABLE,
  embeddedFontPdf,
  encryptedPdf,
  manyPagesPdf,
  multiPagePdf,
} from "../../fixtures/make_fixtures.ts";

const rejectsWith = (detail: string) => (e: unknown) =>
  e instanceof DocumentError && e.detail === detail;

Deno.test("extractPdfText: Traditional Chinese from an embedded subset font, table as tabs", async () => {
  const { text, pages } = await extractPdfText(await embeddedFontPdf());
  assert.equal(pages, 1);
  assert.equal(
    text,
    [...EMBEDDED_FONT_LINES, ...EMBEDDED_FONT_TABLE.map((row) => row.join("\t"))].join("\n"),
  );
  assert.ok(text.includes("產業別：電子業"));
});

Deno.test("extractPdfText: Traditional Chinese through the predefined UniCNS-UCS2-H CMap", async () => {
  const { text, pages } = await extractPdfText(cnsCmapPdf());
  assert.equal(pages, 1);
  assert.equal(text, CNS_CMAP_LINES.join("\n"));
  assert.ok(text.includes("產業別：精密機械業"));
});

Deno.test("extractPdfText: without the CMap files the CNS text is lost (why they are wired)", async () => {
  const { text } = await extractPdfText(cnsCmapPdf(), {
    resources: { cMapUrl: null, standardFontDataUrl: null },
  });
  assert.ok(!text.includes("產業別"));
});

Deno.test("extractPdfText: pages in order, joined by newlines", async () => {
  const result = await extractPdfText(multiPagePdf(["Page one", "Page two", "Page three"]));
  assert.deepEqual(result, { text: "Page one\nPage two\nPage three", pages: 3 });
});

Deno.test("extractPdfText: more pages than the cap → DocumentError", async () => {
  await assert.rejects(
    extractPdfText(multiPagePdf(["a", "b", "c"]), { maxPages: 2 }),
    rejectsWith(PDF_ERRORS.tooManyPages(2)),
  );
  await assert.rejects(
    extractPdfText(manyPagesPdf(301)),
    rejectsWith("The PDF has too many pages (max 300)"),
  );
});

Deno.test("extractPdfText: exactly at the default cap is read", async () => {
  const { pages, text } = await extractPdfText(manyPagesPdf(300));
  assert.equal(pages, 300);
  assert.equal(text.split("\n").length, 300);
});

Deno.test("extractPdfText: time budget exceeded → DocumentError", async () => {
  await assert.rejects(
    extractPdfText(manyPagesPdf(300), { timeoutMs: 1 }),
    rejectsWith(PDF_ERRORS.timeout),
  );
});

Deno.test("extractPdfText: encrypted PDF → DocumentError", async () => {
  await assert.rejects(extractPdfText(encryptedPdf()), rejectsWith("The PDF is encrypted"));
});

Deno.test("extractPdfText: corrupt PDF → DocumentError", async () => {
  await assert.rejects(
    extractPdfText(corruptPdf()),
    rejectsWith("The PDF file is corrupt or unreadable"),
  );
  await assert.rejects(extractPdfText(new Uint8Array()), rejectsWith(PDF_ERRORS.corrupt));
});

Deno.test("extractPdfText: the caller's bytes are left intact", async () => {
  const bytes = multiPagePdf(["x"]);
  const copy = bytes.slice();
  await extractPdfText(bytes);
  assert.deepEqual(bytes, copy);
});

Deno.test("pageItemsToText: wide gaps become tabs, narrow ones stay, EOL breaks lines", () => {
  const item = (str: string, x: number, y: number, width: number, hasEOL = false) => ({
    str,
    hasEOL,
    transform: [10, 0, 0, 10, x, y],
    width,
    height: 10,
  });
  assert.equal(
    pageItemsToText([
      item("產品名稱", 0, 100, 40),
      item(" ", 40, 100, 30),
      item("價格", 70, 100, 20),
      item("A", 90, 100, 5, true),
      item("B", 0, 80, 5),
    ]),
    "產品名稱\t價格A\nB",
  );
});
