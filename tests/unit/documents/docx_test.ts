import assert from "node:assert/strict";
import { DOCX_UNREADABLE, extractDocxText } from "../../../shared/documents/docx.ts";
import { DocumentError } from "../../../shared/documents/errors.ts";
import { wordXmlToLines } from "../../../shared/documents/word_xml.ts";
import { readZipEntries } from "../../../shared/documents/zip.ts";
import { inflateEntry } from "../../../shared/documents/zip_inflate.ts";
import {
  DOCX_EXPECTED_LINES,
  nonDocxZip,
  sampleDocx,
  truncatedDocx,
  zipBombDocx,
} from "../../fixtures/make_fixtures.ts";

Deno.test("extractDocxText: header, paragraphs, table rows and footer, exactly", () => {
  assert.deepEqual(extractDocxText(sampleDocx()).split("\n"), DOCX_EXPECTED_LINES);
});

for (const lie of [false, true]) {
  Deno.test(`extractDocxText: zip bomb (declared size ${lie ? "lies" : "honest"}) → DocumentError`, () => {
    const bomb = zipBombDocx(lie);
    assert.ok(bomb.length < 2 * 1024 * 1024, "the bomb itself is small");
    const before = Deno.memoryUsage().rss;
    assert.throws(
      () => extractDocxText(bomb),
      (e) => e instanceof DocumentError && e.detail === DOCX_UNREADABLE,
    );
    // The bomb inflates to 200 MiB; the reader must stop near its 50 MiB budget.
    const grown = Deno.memoryUsage().rss - before;
    assert.ok(grown < 150 * 1024 * 1024, `rss grew by ${grown} bytes`);
  });
}

Deno.test("extractDocxText: not a DOCX or truncated → DocumentError", () => {
  for (const bytes of [nonDocxZip(), truncatedDocx(), new Uint8Array([1, 2, 3])]) {
    assert.throws(() => extractDocxText(bytes), DocumentError);
  }
});

Deno.test("inflateEntry: a declared size over the budget is refused before inflating", () => {
  const bytes = zipBombDocx(false);
  const entry = readZipEntries(bytes).find((e) => e.name === "word/document.xml")!;
  const budget = { remaining: 1024 };
  assert.throws(() => inflateEntry(bytes, entry, budget), /entry too large/);
  assert.equal(budget.remaining, 1024);
});

Deno.test("readZipEntries: more entries than allowed → error", () => {
  assert.throws(() => readZipEntries(sampleDocx(), 3), /too many entries/);
});

Deno.test("wordXmlToLines: nested table rows fold into the outer cell", () => {
  const cell = (inner: string) => `<w:tc>${inner}</w:tc>`;
  const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
  const xml = `<w:tbl><w:tr>${cell(p("A"))}${
    cell(`<w:tbl><w:tr>${cell(p("x"))}${cell(p("y"))}</w:tr></w:tbl>`)
  }</w:tr></w:tbl>${p("after &#20844;&amp;")}`;
  assert.deepEqual(wordXmlToLines(xml), ["A | x | y", "after 公&"]);
});
