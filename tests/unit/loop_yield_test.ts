import assert from "node:assert/strict";
import { strToU8, zipSync } from "fflate";
import { extractDocxText, extractDocxYielding } from "../../shared/documents/docx.ts";
import {
  extractFieldsFromText,
  extractFieldsYielding,
  LINES_PER_SLICE,
} from "../../shared/documents/fields.ts";
import { extractPdfText, PDF_SLICE_PAGES } from "../../shared/documents/pdf.ts";
import {
  LoopSlicer,
  loopYields,
  TIMER_TURN_MS,
  yieldToEventLoop,
} from "../../shared/loop_yield.ts";
import { CNS_CMAP_LINES, cnsCmapPdf, multiPagePdf } from "../fixtures/make_fixtures.ts";

// No CMap or font files: nothing in the read waits on I/O, so only a deliberate yield lets the
// timer below run before the read ends.
const NO_RESOURCES = { cMapUrl: null, standardFontDataUrl: null };

/**
 * Runs `read` with a timer set just before it and counts the yields it made. The timer has run
 * by the end only if the read handed the loop back: promises alone never let it run.
 */
async function observed<T>(
  read: () => Promise<T>,
): Promise<{ value: T; yields: number; timerRan: boolean }> {
  let timerRan = false;
  const timer = setTimeout(() => timerRan = true, 0);
  const before = loopYields();
  try {
    const value = await read();
    return { value, yields: loopYields() - before, timerRan };
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("extractPdfText: hands the event loop back during the read, at least every PDF_SLICE_PAGES pages", async () => {
  const pageTexts = Array.from({ length: 40 }, (_, i) => `Page ${i + 1}`);
  const bytes = multiPagePdf(pageTexts);
  // Loads PDF.js first, so that the counted read is only the read.
  await extractPdfText(multiPagePdf(["warm-up"]), { resources: NO_RESOURCES });

  const { value: result, yields: turns, timerRan } = await observed(() =>
    extractPdfText(bytes, { resources: NO_RESOURCES })
  );

  assert.equal(result.pages, pageTexts.length);
  assert.equal(result.text, pageTexts.join("\n"));
  assert.ok(
    turns >= Math.floor((pageTexts.length - 1) / PDF_SLICE_PAGES),
    `the loop was handed back ${turns} times for 40 pages`,
  );
  assert.ok(timerRan, "a timer set before the read ran before the read finished");
});

Deno.test("extractPdfText: hands the event loop back while PDF.js opens a document and loads its CJK font", async () => {
  // One page: the page loop alone yields once at most. Opening the document, parsing its CMaps
  // and building the font's maps are cut at PDF.js's messages (pdf_worker.ts).
  await extractPdfText(cnsCmapPdf());
  const { value: result, yields: turns } = await observed(() => extractPdfText(cnsCmapPdf()));
  assert.equal(result.text, CNS_CMAP_LINES.join("\n"));
  assert.ok(turns >= 2, `the loop was handed back ${turns} times in a one-page read`);
});

// A timer made due (past its 1 ms floor) without leaving the current macrotask.
async function dueTimer(): Promise<() => boolean> {
  let ran = false;
  setTimeout(() => ran = true, 0);
  const until = performance.now() + 2;
  while (performance.now() < until) await Promise.resolve();
  assert.equal(ran, false, "microtasks alone do not run timers");
  return () => ran;
}

Deno.test("yieldToEventLoop: timers already due run within TIMER_TURN_MS of yielding work", async () => {
  for (let i = 0; i < 20; i++) {
    const ran = await dueTimer();
    // Busy work with a yield every 0.5 ms: only the yields can let the timer run.
    const until = performance.now() + TIMER_TURN_MS + 2;
    while (!ran() && performance.now() < until) {
      const slice = performance.now() + 0.5;
      while (performance.now() < slice) { /* busy */ }
      await yieldToEventLoop();
    }
    assert.ok(ran(), `the due timer ${i + 1} ran while the work yielded`);
  }
});

Deno.test("yieldToEventLoop: a request to a local server is answered between yields of busy work", async () => {
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    () => new Response("ok"),
  );
  try {
    let answered = false;
    const request = fetch(`http://127.0.0.1:${server.addr.port}/`)
      .then((response) => response.text())
      .then(() => answered = true);
    // Work that never awaits anything but the yields: only they can let the sockets in.
    let yields = 0;
    while (!answered && yields < 1000) {
      const until = performance.now() + 1;
      while (performance.now() < until) { /* busy */ }
      await yieldToEventLoop();
      yields++;
    }
    await request;
    assert.ok(yields < 1000, "the request was answered while the work went on");
  } finally {
    await server.shutdown();
  }
});

Deno.test("LoopSlicer: yields once its step bound is reached, even when the steps are quick", async () => {
  // An hour-long slice: only the step bound can make it yield.
  const slicer = new LoopSlicer(3, 3_600_000);
  const before = loopYields();
  for (let i = 0; i < 9; i++) await slicer.step();
  assert.equal(loopYields() - before, 3);
});

Deno.test("extractFieldsYielding: the same facts as extractFieldsFromText, the loop handed back on the way", async () => {
  const page = [
    "公司名稱：台灣精密科技股份有限公司",
    "資本額：新台幣5,000萬元",
    "產品ID\t產品名稱\t價格\t主要原料",
    "P001\t精密滾珠螺桿\t12000元\t合金鋼",
    "",
    "本公司成立於民國八十五年，專注於精密機械零組件之研發、製造與銷售。",
  ];
  const text = Array.from({ length: 300 }, () => page.join("\n")).join("\n");
  const lines = text.split("\n").length;

  const { value: facts, yields, timerRan } = await observed(() => extractFieldsYielding(text));

  assert.deepEqual(facts, extractFieldsFromText(text));
  assert.equal(facts.products[0].product_name, "精密滾珠螺桿");
  assert.ok(
    yields >= Math.floor((lines - 1) / LINES_PER_SLICE),
    `${yields} yields for ${lines} lines`,
  );
  assert.ok(timerRan, "a timer set before the reading ran before it finished");
});

Deno.test("extractDocxYielding: the same text as extractDocxText, the loop handed back on the way", async () => {
  const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const paragraphs = Array.from(
    { length: 40_000 },
    (_, i) => `<w:p><w:r><w:t>第${i}段：本公司專注於精密機械零組件。</w:t></w:r></w:p>`,
  );
  const bytes = zipSync({
    "word/document.xml": strToU8(
      `<w:document ${ns}><w:body>${paragraphs.join("")}</w:body></w:document>`,
    ),
  });

  const { value: text, yields, timerRan } = await observed(() => extractDocxYielding(bytes));

  assert.equal(text, extractDocxText(bytes));
  assert.equal(text.split("\n").length, 40_000);
  // 40,000 paragraphs are 200,000 tokens: 97 pauses of 2048, over the 64 that force a yield.
  assert.ok(yields >= 1, `${yields} yields`);
  assert.ok(timerRan, "a timer set before the reading ran before it finished");
});
