/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference lib="deno.ns" />
/**
 * The reference chat page (web/, issue 13) end to end in Debian's Chromium, against the dev
 * server's routes (`withChatPage` in front of the real gateway) on the embedded database. Run
 * by tests/integration/chat_page_test.ts as `deno test --allow-all` (playwright-core needs all
 * permissions to load), not by `deno task test` directly (the name does not end in `_test`).
 *
 * Saves screenshots (desktop and phone width) to `.data/screenshots/`.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Browser, Page } from "playwright-core";
import { withChatPage } from "../../scripts/lib/chat_page.ts";
import { mintToken } from "../../shared/auth/mint.ts";
import { sampleDocx } from "../fixtures/docx_fixtures.ts";
import { launchChromium } from "../support/browser.ts";
import { EXAMPLE_CONVERSATION, EXAMPLE_EXPORT } from "../support/chat.ts";
import { uniqueUserId } from "../support/database.ts";
import { sleep, startFakeOpenAI, structuredStream } from "../support/fake_openai.ts";
import { createHarness, type Harness, TEST_SECRET } from "../support/harness.ts";
import { result } from "../unit/ai/helpers.ts";

const SCREENSHOTS = new URL("../../.data/screenshots/", import.meta.url);
await Deno.mkdir(SCREENSHOTS, { recursive: true });

const browser: Browser = await launchChromium();
const rule = await createHarness();
const server = serve(rule, { devToken: true });

/** Serves a harness with the chat page in front, as the dev server does. */
function serve(harness: Harness, options: { devToken?: boolean } = {}) {
  const handler = withChatPage(harness.handler, {
    ...(options.devToken
      ? { devToken: () => mintToken(TEST_SECRET, { user_id: "dev-user", username: "dev" }) }
      : {}),
  });
  const http = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  return { base: `http://127.0.0.1:${http.addr.port}`, close: () => http.shutdown() };
}

async function token(userId = uniqueUserId("page")): Promise<string> {
  return await mintToken(TEST_SECRET, { user_id: userId, username: "王小明" });
}

/** A page with the chat open for a fresh user (the token in the fragment), welcome shown. */
async function openChat(
  options: { base?: string; width?: number; height?: number; userToken?: string } = {},
): Promise<{ page: Page; userToken: string; errors: string[] }> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const userToken = options.userToken ?? await token();
  await page.goto(`${options.base ?? server.base}/chat#token=${userToken}`);
  await assistantCount(page, 1);
  return { page, userToken, errors };
}

const bubbles = (page: Page, role: "user" | "assistant") =>
  page.locator(`[data-testid="message"][data-role="${role}"]`);

/** Waits until the page shows `n` assistant bubbles and has finished updating. */
async function assistantCount(page: Page, n: number): Promise<void> {
  await bubbles(page, "assistant").nth(n - 1).waitFor();
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll('[data-role="assistant"]').length === count &&
      document.body.dataset.state === "idle",
    n,
  );
}

/** Types `text` and presses Enter; resolves when its reply is shown. */
async function say(page: Page, text: string): Promise<string> {
  const before = await bubbles(page, "assistant").count();
  const input = page.getByTestId("message-input");
  await input.fill(text);
  await input.press("Enter");
  await assistantCount(page, before + 1);
  return await bubbles(page, "assistant").last().innerText();
}

/** The API as the page's user sees it, for comparing. */
async function api(path: string, userToken: string, init: RequestInit = {}) {
  const response = await rule.fetch(`/api/chatbot${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${userToken}`, "Content-Type": "application/json" },
  });
  return { status: response.status, body: await response.json() };
}

async function currentSession(userToken: string): Promise<number> {
  return (await api("/sessions/latest", userToken)).body.session_id;
}

Deno.test({
  name: "the example conversation to completion, and the export downloaded",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { page, userToken, errors } = await openChat();
    // The token was read from the fragment and taken out of the address bar.
    assert.ok(!page.url().includes("token="), page.url());
    assert.match(await bubbles(page, "assistant").first().innerText(), /您好/);
    for (const message of EXAMPLE_CONVERSATION) await say(page, message);
    assert.match(await page.getByTestId("progress").innerText(), /6\/6/);
    assert.ok(await page.getByTestId("message-input").isDisabled(), "read-only once completed");
    assert.ok(await page.getByTestId("new-session").isEnabled());
    await page.screenshot({ path: new URL("chat-desktop.png", SCREENSHOTS).pathname });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-download").click(),
    ]);
    const text = await Deno.readTextFile(await download.path());
    assert.deepEqual(JSON.parse(text), EXAMPLE_EXPORT);
    // The file is the API's export as sent: the contract's keys, in order.
    const sessionId = Number(download.suggestedFilename().match(/(\d+)\.json$/)?.[1]);
    const exported = await rule.fetch(`/api/chatbot/export/${sessionId}`, {
      headers: { Authorization: `Bearer ${userToken}` },
    });
    assert.equal(text, await exported.text());

    // A new session copies the data and is open for changes again.
    await page.getByTestId("new-session").click();
    await page.waitForFunction(() =>
      !(document.querySelector('[data-testid="message-input"]') as HTMLTextAreaElement).disabled
    );
    assert.match(await bubbles(page, "assistant").last().innerText(), /已/);
    assert.deepEqual(errors, []);
    await page.context().close();
  },
});

Deno.test({
  name: "Enter sends, Shift+Enter breaks the line, and the controls have names",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { page } = await openChat();
    const input = page.getByTestId("message-input");
    await input.focus();
    await page.keyboard.type("我的公司是");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("電子業");
    assert.equal(await input.inputValue(), "我的公司是\n電子業");
    assert.equal(await bubbles(page, "user").count(), 0);
    await page.keyboard.press("Enter");
    await assistantCount(page, 2);
    assert.equal(await bubbles(page, "user").last().innerText(), "我的公司是\n電子業");
    // Labels a screen reader reads.
    for (const testId of ["message-input", "send", "upload-input", "token-input"]) {
      const name = await page.getByTestId(testId).evaluate((element) => {
        const labelled = (element as HTMLInputElement).labels?.[0]?.textContent ?? "";
        return labelled.trim() || element.textContent?.trim() ||
          element.getAttribute("aria-label") || "";
      });
      assert.ok(name.length > 0, `${testId} has an accessible name`);
    }
    await page.context().close();
  },
});

Deno.test({
  name: "the progress checklist matches GET /data after every turn",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { page, userToken } = await openChat();
    const sessionId = await currentSession(userToken);
    for (const message of EXAMPLE_CONVERSATION.slice(0, 6)) {
      await say(page, message);
      const { body: data } = await api(`/data/${sessionId}`, userToken);
      const fields = await page.locator("#checklist li").evaluateAll((items) =>
        items.map((
          item,
        ) => [(item as HTMLElement).dataset.field, (item as HTMLElement).dataset.done])
      );
      for (const [field, done] of fields) {
        assert.equal(done, String(data[field!] !== null), `${message}: ${field}`);
      }
      const set = fields.filter(([, done]) => done === "true").length;
      assert.match(await page.getByTestId("progress").innerText(), new RegExp(`${set}/6`));
      assert.match(
        await page.getByTestId("progress").innerText(),
        new RegExp(`產品：${data.products.length} 項`),
      );
    }
    assert.match(await page.getByTestId("data-panel").innerText(), /電子業[\s\S]*5,000,000 元/);
    await page.context().close();
  },
});

Deno.test({
  name: "a DOCX upload (button or drag and drop) fills the fields, a refusal is shown",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { page, userToken } = await openChat();
    await page.getByTestId("upload-input").setInputFiles({
      name: "公司簡介.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(sampleDocx()),
    });
    await assistantCount(page, 2);
    assert.equal(await bubbles(page, "user").last().innerText(), "📎 上傳文件：公司簡介.docx");
    assert.match(await bubbles(page, "assistant").last().innerText(), /文件處理成功/);
    const panel = await page.getByTestId("data-panel").innerText();
    assert.match(panel, /電子業/);
    assert.match(panel, /智能晶片/);
    const { body: data } = await api(`/data/${await currentSession(userToken)}`, userToken);
    assert.equal(data.industry, "電子業");
    assert.equal(data.products.length, 2);

    // Dropped on the chat: a file the API refuses (not a supported type) is an error line.
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["\u0000\u0001binary"], "data.bin"));
      const chat = document.getElementById("chat")!;
      for (const type of ["dragenter", "dragover", "drop"]) {
        chat.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true }));
      }
    });
    await page.getByTestId("error").waitFor();
    assert.match(await page.getByTestId("error").innerText(), /上傳失敗：不支援此檔案類型/);
    assert.equal(await bubbles(page, "assistant").count(), 2, "a refused upload leaves no bubble");
    await page.context().close();
  },
});

Deno.test({
  name: "a message to a session completed elsewhere shows the 409 and offers a new session",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { page, userToken } = await openChat();
    const sessionId = await currentSession(userToken);
    // The same user completes the session in another tab.
    for (const message of EXAMPLE_CONVERSATION) {
      await api("/message", userToken, {
        method: "POST",
        body: JSON.stringify({ session_id: sessionId, message }),
      });
    }
    const input = page.getByTestId("message-input");
    await input.fill("資本額改成600萬");
    await input.press("Enter");
    await page.getByTestId("error").waitFor();
    assert.match(await page.getByTestId("error").innerText(), /此對話已完成/);
    // The message was not stored: it is back in the box, and no bubble stays for it.
    assert.equal(await input.inputValue(), "資本額改成600萬");
    assert.equal(await bubbles(page, "user").count(), 0);
    await page.getByTestId("new-session").click();
    await page.waitForFunction(() =>
      !document.querySelector('[data-testid="error"]:not([hidden])')
    );
    await page.context().close();
  },
});

Deno.test({
  name: "earlier sessions reopen, completed ones read-only with their export",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { page, userToken } = await openChat();
    const first = await currentSession(userToken);
    for (const message of EXAMPLE_CONVERSATION) await say(page, message);
    await page.getByTestId("new-session").click();
    await page.locator(`#sessions button[aria-label="開啟 #${first}"]`).waitFor();
    await page.locator(`#sessions button[aria-label="開啟 #${first}"]`).click();
    await page.waitForFunction(() =>
      document.body.dataset.state === "idle" && !document.getElementById("read-only")!.hidden
    );
    assert.ok(await page.getByTestId("message-input").isDisabled());
    assert.ok(await page.getByTestId("export-download").isVisible());
    assert.equal(await bubbles(page, "user").count(), EXAMPLE_CONVERSATION.length);
    await page.context().close();
  },
});

Deno.test({
  name: "a bad token is an error line; the development token button only with a dev secret",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.base}/chat#token=not-a-token`);
    await page.getByTestId("error").waitFor();
    assert.match(await page.getByTestId("error").innerText(), /存取權杖無效/);
    // The dev token button: offered here, and it works.
    const devButton = page.getByRole("button", { name: "使用開發用權杖" });
    await devButton.waitFor();
    await devButton.click();
    await assistantCount(page, 1);
    // A server with a real secret offers none.
    const plain = serve(rule);
    try {
      await page.goto(`${plain.base}/chat`);
      await page.getByTestId("token-input").waitFor();
      await page.waitForLoadState("networkidle");
      assert.equal(await devButton.isVisible(), false);
    } finally {
      await plain.close();
    }
    await context.close();
  },
});

Deno.test({
  name: "at phone width nothing is cut off, and the page is usable",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { page } = await openChat({ width: 375, height: 780 });
    await say(page, "我的公司是電子業");
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const outside = [...document.querySelectorAll<HTMLElement>("[data-testid], h1, h2, button")]
        .filter((element) => element.offsetParent !== null)
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.left < -1 || box.right > width + 1;
        })
        .map((element) => element.dataset.testid ?? element.textContent);
      return { scroll: document.documentElement.scrollWidth, width, outside };
    });
    assert.ok(overflow.scroll <= overflow.width, JSON.stringify(overflow));
    assert.deepEqual(overflow.outside, []);
    await page.screenshot({
      path: new URL("chat-phone.png", SCREENSHOTS).pathname,
      fullPage: true,
    });
    await page.context().close();
  },
});

Deno.test({
  name: "an AI reply streamed over SSE arrives in pieces",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    // Longer than the 24 characters the server holds back until a sentence is complete.
    const reply = "了解，貴公司屬於電子業，主要生產電子零件與相關模組。感謝您詳細的說明，" +
      "這些資訊對我們很有幫助。接下來，想請您告訴我貴公司的資本總額大約是多少，以新臺幣計算即可。";
    // `reply` last, as strict structured outputs send it: the server can then pass the
    // sentence on while it is generated.
    const { reply: _, ...reading } = result({ company: { industry: "電子業" } });
    const fake = await startFakeOpenAI((request) =>
      request.body.stream
        ? structuredStream({ ...reading, reply }, {
          chunks: 24,
          beforeChunk: () => sleep(60),
        })
        : new Response("no", { status: 500 })
    );
    const ai = await createHarness({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseUrl });
    const aiServer = serve(ai);
    try {
      const { page } = await openChat({ base: aiServer.base });
      // Every text the reply bubble shows while it is busy.
      await page.evaluate(() => {
        const seen: string[] = [];
        (globalThis as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => {
          const busy = document.querySelector('[aria-busy="true"]');
          const text = busy?.textContent ?? "";
          if (text && seen.at(-1) !== text) seen.push(text);
        }).observe(document.getElementById("messages")!, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      const final = await say(page, "我們做電子零件");
      const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
      assert.ok(final.includes(reply), final);
      assert.ok(seen.length >= 3, `pieces seen: ${JSON.stringify(seen)}`);
      assert.ok(seen.every((text) => final.startsWith(text) || reply.startsWith(text)));
      assert.ok(seen[0].length < reply.length);
      await page.context().close();
    } finally {
      await aiServer.close();
      await fake.close();
    }
  },
});

globalThis.addEventListener("unload", () => {
  void browser.close();
  void server.close();
});
