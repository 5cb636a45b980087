import assert from "node:assert/strict";
import { extractPdfText } from "../../../shared/documents/pdf.ts";
import { largePdf } from "../../../scripts/lib/large_pdf.ts";

Deno.test("largePdf (bench input): sized by its images, every page read with CNS text", async () => {
  const bytes = await largePdf({ pages: 3, targetBytes: 300_000 });
  assert.ok(Math.abs(bytes.length - 300_000) < 30_000, `size ${bytes.length}`);
  const { text, pages } = await extractPdfText(bytes);
  assert.equal(pages, 3);
  for (let n = 1; n <= 3; n++) assert.ok(text.includes(`第${n}頁`));
  assert.equal(text.split("資本額：新台幣5,000萬元").length - 1, 3);
  assert.ok(text.includes("P002\t線性滑軌\t8500元\t軸承鋼"));
});
