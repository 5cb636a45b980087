import assert from "node:assert/strict";
import { extractPdfText } from "../../../shared/documents/pdf.ts";
import { LoopYielder, loopYields } from "../../../shared/documents/loop_yield.ts";
import { multiPagePdf } from "../../fixtures/make_fixtures.ts";

// No CMap or font files: nothing in the read waits on I/O, so only a deliberate yield lets the
// timer below run before the read ends.
const NO_RESOURCES = { cMapUrl: null, standardFontDataUrl: null };

Deno.test("extractPdfText: hands the event loop back during the read, at least once per page", async () => {
  const pageTexts = Array.from({ length: 40 }, (_, i) => `Page ${i + 1}`);
  const bytes = multiPagePdf(pageTexts);
  // Loads unpdf first, so that the counted read is only the read.
  await extractPdfText(multiPagePdf(["warm-up"]), { resources: NO_RESOURCES });

  let timerRan = false;
  const timer = setTimeout(() => timerRan = true, 0);
  const before = loopYields();
  let result;
  try {
    result = await extractPdfText(bytes, { resources: NO_RESOURCES });
  } finally {
    clearTimeout(timer);
  }
  const turns = loopYields() - before;

  assert.equal(result.pages, pageTexts.length);
  assert.equal(result.text, pageTexts.join("\n"));
  assert.ok(turns >= pageTexts.length, `the loop was handed back ${turns} times for 40 pages`);
  assert.ok(timerRan, "a timer set before the read ran before the read finished");
});

Deno.test("LoopYielder: a yield runs the timers already due; close releases waiters", async () => {
  const loop = new LoopYielder();
  const due = async () => {
    let ran = false;
    setTimeout(() => ran = true, 0);
    // Past the timer's 1 ms floor, so it is due before the yield starts.
    const until = performance.now() + 2;
    while (performance.now() < until) await Promise.resolve();
    assert.equal(ran, false, "microtasks alone do not run timers");
    await loop.yield();
    return ran;
  };
  assert.ok(await due(), "a due timer ran during the yield");

  const pending = loop.yield();
  loop.close();
  await pending;
  // Closed: later yields still hand the loop back, through a timer.
  assert.ok(await due(), "a due timer ran during a yield after close");
});
