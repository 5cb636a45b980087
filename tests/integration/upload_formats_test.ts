/**
 * Uploads of every supported kind through the real route: what is stored afterwards, the
 * uploads row and the stored object; images through a vision model on a local
 * OpenAI-compatible server.
 */
import assert from "node:assert/strict";
import { createChatbotApp } from "../../functions/chatbot/app.ts";
import { call } from "../support/chat.ts";
import { completion, startFakeOpenAI, structured } from "../support/fake_openai.ts";
import {
  checkedRequest,
  createHarness,
  type Harness,
  type TestUser,
  testUser,
} from "../support/harness.ts";
import { documentResult } from "../unit/ai/helpers.ts";
import {
  corruptPdf,
  embeddedFontPdf,
  encodeUtf16,
  manyPagesPdf,
  multiPagePdf,
  png1x1,
  SAMPLE_TEXT,
} from "../fixtures/make_fixtures.ts";

const own = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

async function upload(harness: Harness, user: TestUser, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append("file", new File([own(bytes)], name));
  const response = await harness.fetch("/api/chatbot/upload-file", {
    method: "POST",
    headers: { Authorization: user.headers.Authorization },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

async function onlyUpload(harness: Harness, user: TestUser) {
  const rows = await harness.db.sql`select * from onboarding.uploads
    where external_user_id = ${user.userId}`;
  assert.equal(rows.length, 1);
  return rows[0];
}

const dataDir = await Deno.makeTempDir({ prefix: "onboarding-upload-formats-" });
const harness = await createHarness({ DATA_DIR: dataDir });
const storageRoot = `${dataDir}/storage/onboarding-uploads`;

Deno.test("a PDF with an embedded CJK font fills the profile and its product table", async () => {
  const user = await testUser();
  const bytes = await embeddedFontPdf();
  const { status, body } = await upload(harness, user, bytes, "company_info.pdf");
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.file_type, "pdf");
  assert.match(body.message, /- 文件類型：PDF文件/);
  const data = (await call(harness, user, "GET", `/data/${body.session_id}`)).body;
  assert.equal(data.industry, "電子業");
  assert.equal(data.capital_amount, 50_000_000);
  assert.deepEqual(
    data.products.map((p: Record<string, string>) => [
      p.product_id,
      p.product_name,
      p.price,
      p.main_raw_materials,
    ]),
    [["P001", "智能晶片", "1000元", "矽"]],
  );
  const row = await onlyUpload(harness, user);
  assert.equal(row.status, "extracted");
  assert.deepEqual(await Deno.readFile(`${storageRoot}/${row.storage_path}`), bytes);
});

Deno.test("a multi-page PDF is read whole (page order: tests/unit/documents)", async () => {
  const user = await testUser();
  const pages = ["First page", "Second page", "Third page"];
  const { status, body } = await upload(harness, user, multiPagePdf(pages), "pages.pdf");
  assert.equal(status, 200);
  const row = await onlyUpload(harness, user);
  assert.equal(row.extracted_length, body.extracted_text_length);
  assert.ok(body.extracted_text_length >= pages.join("").length);
  assert.match(body.message, /沒有找到可以自動填入的資料/);
  assert.equal(body.data_updated, false);
});

Deno.test("a corrupt PDF is refused with a clear detail and recorded as failed", async () => {
  const user = await testUser();
  const { status, body } = await upload(harness, user, corruptPdf(), "broken.pdf");
  assert.equal(status, 400);
  assert.match(body.detail, /corrupt|unreadable/i);
  const row = await onlyUpload(harness, user);
  assert.equal(row.status, "failed");
  assert.equal(row.error, body.detail);
});

Deno.test("a PDF still being read when the configured time budget runs out is refused", async () => {
  const user = await testUser();
  // One millisecond: no 300-page PDF is read that fast, so the budget is what answers.
  const app = createChatbotApp({
    ...harness.deps,
    config: { ...harness.deps.config, pdfTimeBudgetMs: 1 },
  });
  const form = new FormData();
  form.append("file", new File([own(manyPagesPdf(300))], "long.pdf"));
  const response = await checkedRequest(app, "/chatbot/upload-file", {
    method: "POST",
    headers: { Authorization: user.headers.Authorization },
    body: form,
  });
  assert.equal(response.status, 400);
  const body = await response.json();
  assert.deepEqual(body, { detail: "The PDF took too long to read" });
  const row = await onlyUpload(harness, user);
  assert.equal(row.status, "failed");
  assert.equal(row.error, body.detail);
});

Deno.test("a UTF-16 text file with BOM is decoded", async () => {
  const user = await testUser();
  const { status, body } = await upload(harness, user, encodeUtf16(SAMPLE_TEXT, true), "a.txt");
  assert.equal(status, 200);
  const data = (await call(harness, user, "GET", `/data/${body.session_id}`)).body;
  assert.equal(data.industry, "精密機械業");
  assert.equal(data.capital_amount, 30_000_000);
});

Deno.test("an image is read by the vision model and its text by the model's extraction", async () => {
  const fake = await startFakeOpenAI((request) => {
    const messages = request.body.messages as { content: unknown }[];
    const hasImage = JSON.stringify(messages).includes("data:image/png;base64,");
    if (hasImage) return completion("產業別：食品業\n資本額：200萬元\n發明專利：3件");
    return structured(
      documentResult({
        industry: "食品業",
        capital_amount: "200萬元",
        invention_patent_count: "3件",
      }),
    );
  });
  try {
    const ai = await createHarness({
      DATA_DIR: dataDir,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_MODEL: "vision-model",
    });
    const user = await testUser();
    const { status, body } = await upload(ai, user, png1x1(), "scan.png");
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.file_type, "png");
    assert.match(body.message, /- 文件類型：PNG圖片/);
    const data = (await call(ai, user, "GET", `/data/${body.session_id}`)).body;
    assert.equal(data.industry, "食品業");
    assert.equal(data.capital_amount, 2_000_000);
    assert.equal(data.invention_patent_count, 3);
    // The image went to the configured model as a base64 data URL.
    const vision = fake.requests.find((r) => JSON.stringify(r.body).includes("image_url"));
    assert.equal(vision?.body.model, "vision-model");
    // The document text reached the model as user-role data, not in the system prompt.
    const extraction = fake.requests.find((r) => !JSON.stringify(r.body).includes("image_url"));
    const messages = extraction?.body.messages as { role: string; content: string }[];
    assert.ok(messages.some((m) => m.role === "user" && m.content.includes("資本額：200萬元")));
    assert.ok(!messages.some((m) => m.role === "system" && m.content.includes("資本額：200萬元")));
  } finally {
    await fake.close();
  }
});

Deno.test("a session is not locked while its upload is being read", async () => {
  let messageAnswered!: () => void;
  const answered = new Promise<void>((resolve) => messageAnswered = resolve);
  let answeredFirst = false;
  const fake = await startFakeOpenAI(async () => {
    // The model "reads" the document until the chat message has been answered (or 5 s pass,
    // which is what a session locked for the whole upload would come to).
    answeredFirst = await Promise.race([
      answered.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
    ]);
    return structured(documentResult({ industry: "精密機械業" }));
  });
  try {
    const ai = await createHarness({
      DATA_DIR: dataDir,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.baseUrl,
    });
    const user = await testUser();
    const sessionId = (await call(harness, user, "POST", "/sessions/new")).body.session_id;
    const form = new FormData();
    form.append("file", new File([own(encodeUtf16(SAMPLE_TEXT, true))], "a.txt"));
    form.append("session_id", String(sessionId));
    const uploading = ai.fetch("/api/chatbot/upload-file", {
      method: "POST",
      headers: { Authorization: user.headers.Authorization },
      body: form,
    });
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    const message = await call(harness, user, "POST", "/message", {
      session_id: sessionId,
      message: "新型專利5件",
    });
    messageAnswered();
    assert.equal(message.status, 200);
    assert.equal((await uploading).status, 200);
    assert.equal(answeredFirst, true);
    // Both changes are kept: the upload applied its facts to the data as it was after the message.
    const data = (await call(harness, user, "GET", `/data/${sessionId}`)).body;
    assert.equal(data.utility_patent_count, 5);
    assert.equal(data.industry, "精密機械業");
  } finally {
    await fake.close();
  }
});
