import assert from "node:assert/strict";
import { createChatbotApp } from "../../functions/chatbot/app.ts";
import { RETRY_AFTER_SECONDS } from "../../shared/http/errors.ts";
import { StorageUnavailableError } from "../../shared/storage/blob_store.ts";
import { call, completeExample, newSession } from "../support/chat.ts";
import { startFakeOpenAI, structured } from "../support/fake_openai.ts";
import { checkedRequest, createHarness, type TestUser, testUser } from "../support/harness.ts";
import {
  cnsCmapPdf,
  elfBinary,
  encodeBig5,
  encryptedPdf,
  gif1x1,
  nonDocxZip,
  oleDoc,
  png1x1,
  SAMPLE_TEXT,
  sampleDocx,
  zipBombDocx,
} from "../fixtures/make_fixtures.ts";
import { documentResult } from "../unit/ai/helpers.ts";

const dataDir = await Deno.makeTempDir({ prefix: "onboarding-upload-test-" });
const harness = await createHarness({ DATA_DIR: dataDir });
const storageRoot = `${dataDir}/storage/onboarding-uploads`;

// Fixtures are plain Uint8Arrays; Blob and WebCrypto want ones backed by an ArrayBuffer.
const own = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

function upload(user: TestUser, bytes: Uint8Array, name: string, sessionId?: number | string) {
  const form = new FormData();
  form.append("file", new File([own(bytes)], name, { type: "application/octet-stream" }));
  if (sessionId !== undefined) form.append("session_id", String(sessionId));
  return harness.fetch("/api/chatbot/upload-file", {
    method: "POST",
    headers: { Authorization: user.headers.Authorization },
    body: form,
  });
}

async function uploadRows(user: TestUser) {
  return await harness.db.sql`select * from onboarding.uploads
    where external_user_id = ${user.userId} order by id`;
}

Deno.test("a Big5 text file fills a new session and is stored first", async () => {
  const user = await testUser();
  const bytes = encodeBig5(SAMPLE_TEXT);
  const response = await upload(user, bytes, "公司簡介.txt");
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.file_type, "txt");
  assert.equal(body.filename, "公司簡介.txt");
  assert.equal(body.data_updated, true);
  assert.equal(body.products_added, 0);
  assert.equal(body.extracted_text_length, [...SAMPLE_TEXT].length);
  assert.ok(
    body.message.startsWith("✅ 文件處理成功！\n\n📄 文件資訊：\n- 文件名稱：公司簡介.txt\n"),
  );
  assert.match(
    body.message,
    /產業別：精密機械業\n資本額：30,000,000 元（3000萬元）\n發明專利：2件/,
  );

  const data = (await call(harness, user, "GET", `/data/${body.session_id}`)).body;
  assert.equal(data.industry, "精密機械業");
  assert.equal(data.capital_amount, 30_000_000);
  assert.equal(data.invention_patent_count, 2);
  assert.equal(data.utility_patent_count, null);

  const [row] = await uploadRows(user);
  assert.equal(row.id, body.upload_id);
  assert.equal(row.status, "extracted");
  assert.equal(row.file_type, "txt");
  assert.equal(row.size_bytes, bytes.length);
  assert.equal(row.filename, "公司簡介.txt");
  assert.equal(row.extracted_length, body.extracted_text_length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", own(bytes)));
  assert.equal(row.sha256, Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
  assert.equal(
    row.storage_path,
    // Supabase Storage keys are ASCII only; the readable name is the row's `filename`.
    `${user.userId}/${body.session_id}/${body.upload_id}-file.txt`,
  );
  assert.deepEqual(await Deno.readFile(`${storageRoot}/${row.storage_path}`), bytes);

  const history = (await call(harness, user, "GET", `/sessions/${body.session_id}/messages`)).body;
  assert.deepEqual(history.slice(-2).map((m: { role: string }) => m.role), ["user", "assistant"]);
  assert.equal(history.at(-2).content, "📎 上傳文件：公司簡介.txt");
  assert.equal(history.at(-1).content, body.message);
});

Deno.test("a DOCX fills the profile and its product table into an existing session", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const response = await upload(user, sampleDocx(), "profile.docx", sessionId);
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.session_id, sessionId);
  assert.equal(body.file_type, "docx");
  assert.equal(body.products_added, 2);
  const data = (await call(harness, user, "GET", `/data/${sessionId}`)).body;
  assert.equal(data.industry, "電子業");
  assert.equal(data.capital_amount, 50_000_000);
  assert.equal(data.invention_patent_count, 10);
  assert.equal(data.utility_patent_count, 5);
  assert.equal(data.certification_count, 2);
  assert.equal(data.esg_certification, true);
  assert.deepEqual(data.esg_certifications, ["ISO 14064"]);
  assert.deepEqual(
    data.products.map((p: Record<string, string>) => [p.product_id, p.product_name, p.price]),
    [["P001", "智能晶片", "1000元"], ["P002", "感測模組", "2,500元"]],
  );
  assert.equal(body.progress.fields_completed, 6);
});

Deno.test("a PDF using a predefined CNS CMap is read", async () => {
  const user = await testUser();
  const response = await upload(user, cnsCmapPdf(), "cns.pdf");
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.file_type, "pdf");
  const data = (await call(harness, user, "GET", `/data/${body.session_id}`)).body;
  assert.equal(data.industry, "精密機械業");
  assert.equal(data.invention_patent_count, 12);
});

Deno.test("unsupported files are refused by their bytes, not their names", async () => {
  const user = await testUser();
  for (
    const [bytes, name] of [
      [elfBinary(), "report.pdf"],
      [gif1x1(), "logo.png"],
      [oleDoc(), "old.doc"],
      [nonDocxZip(), "fake.docx"],
    ] as const
  ) {
    const response = await upload(user, bytes, name);
    assert.equal(response.status, 400, name);
    assert.deepEqual(await response.json(), {
      detail: "Unsupported file type. Supported: PDF, DOCX, JPG, PNG, TXT",
    });
  }
  assert.equal((await uploadRows(user)).length, 0);
});

Deno.test("a file over 10 MB is refused", async () => {
  const user = await testUser();
  const response = await upload(user, new Uint8Array(11 * 1024 * 1024).fill(65), "big.txt");
  assert.equal(response.status, 400);
  assert.deepEqual(await response.json(), { detail: "File too large. Maximum size: 10MB" });
  assert.equal((await uploadRows(user)).length, 0);
});

Deno.test("unreadable documents are recorded as failed and answered with a clear 400", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const cases: [Uint8Array, string, RegExp][] = [
    [zipBombDocx(false), "bomb.docx", /DOCX/],
    [encryptedPdf(), "locked.pdf", /encrypted/i],
    [png1x1(), "scan.png", /OPENAI_API_KEY/],
  ];
  for (const [bytes, name, detail] of cases) {
    const response = await upload(user, bytes, name, sessionId);
    assert.equal(response.status, 400, name);
    assert.match((await response.json()).detail, detail);
  }
  const rows = await uploadRows(user);
  assert.deepEqual(rows.map((r) => r.status), ["failed", "failed", "failed"]);
  const data = (await call(harness, user, "GET", `/data/${sessionId}`)).body;
  assert.equal(data.industry, null);
});

Deno.test("a hostile file name cannot leave the user's folder; the original is kept", async () => {
  const user = await testUser();
  const name = "../../etc/passwd.txt";
  const response = await upload(user, encodeBig5(SAMPLE_TEXT), name);
  assert.equal(response.status, 200);
  const [row] = await uploadRows(user);
  assert.equal(row.filename, "../../etc/passwd.txt");
  assert.match(row.storage_path, /\/[0-9]+-passwd\.txt$/);
  assert.ok(row.storage_path.startsWith(`${user.userId}/`));
  assert.ok(!row.storage_path.includes(".."));
  await Deno.stat(`${storageRoot}/${row.storage_path}`);
  // A NUL in the name is hostile text (contract §4): a 400 that says so, not a crash.
  const nul = await upload(user, encodeBig5(SAMPLE_TEXT), "a\u0000.txt");
  assert.equal(nul.status, 400);
  assert.equal((await nul.json()).detail, "File name must not contain a NUL character");
});

Deno.test("uploading into another user's session is 404 and stores nothing", async () => {
  const owner = await testUser();
  const intruder = await testUser();
  const sessionId = await newSession(harness, owner);
  const response = await upload(intruder, encodeBig5(SAMPLE_TEXT), "x.txt", sessionId);
  assert.equal(response.status, 404);
  assert.deepEqual(await response.json(), { detail: "Chat session not found" });
  assert.equal((await uploadRows(intruder)).length, 0);
  await assert.rejects(Deno.stat(`${storageRoot}/${intruder.userId}`));
  const { sessionId: done } = await completeExample(harness, owner);
  const completed = await upload(owner, encodeBig5(SAMPLE_TEXT), "x.txt", done);
  assert.equal(completed.status, 409);
  const bad = await upload(owner, encodeBig5(SAMPLE_TEXT), "x.txt", "abc");
  assert.equal(bad.status, 400);
});

Deno.test("a storage failure is 503 with Retry-After and changes nothing", async () => {
  const user = await testUser();
  const failing = {
    name: "failing",
    put: () => Promise.reject(new StorageUnavailableError("bucket unreachable")),
  };
  const app = createChatbotApp(harness.deps, { store: failing });
  const form = new FormData();
  form.append("file", new File([own(encodeBig5(SAMPLE_TEXT))], "a.txt"));
  const response = await checkedRequest(app, "/chatbot/upload-file", {
    method: "POST",
    headers: { Authorization: user.headers.Authorization },
    body: form,
  });
  assert.equal(response.status, 503);
  assert.equal(response.headers.get("Retry-After"), String(RETRY_AFTER_SECONDS));
  assert.doesNotMatch(JSON.stringify(await response.json()), /bucket unreachable/);
  assert.equal((await uploadRows(user)).length, 0);
  assert.deepEqual((await call(harness, user, "GET", "/sessions")).body, []);
});

Deno.test("a request that is not multipart, or lacks the file, is 400", async () => {
  const user = await testUser();
  const json = await harness.fetch("/api/chatbot/upload-file", {
    method: "POST",
    headers: user.headers,
    body: "{}",
  });
  assert.equal(json.status, 400);
  const form = new FormData();
  form.append("session_id", "1");
  const noFile = await harness.fetch("/api/chatbot/upload-file", {
    method: "POST",
    headers: { Authorization: user.headers.Authorization },
    body: form,
  });
  assert.equal(noFile.status, 400);
  assert.match((await noFile.json()).detail, /file/);
});

/** A multipart body written by hand: `head` before the file's bytes, `tail` after them. */
function rawForm(user: TestUser, boundary: string, parts: (string | Uint8Array)[]) {
  const chunks = parts.map((part) =>
    typeof part === "string" ? new TextEncoder().encode(part) : part
  );
  const body = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return harness.fetch("/api/chatbot/upload-file", {
    method: "POST",
    headers: {
      Authorization: user.headers.Authorization,
      "Content-Type": `multipart/form-data; boundary="${boundary}"`,
    },
    body,
  });
}

Deno.test("multipart bodies: preamble, epilogue, long headers and pieces; malformed ones are 400", async () => {
  const user = await testUser();
  const b = "b-91c2";
  const text = encodeBig5(SAMPLE_TEXT);
  const filePart = (name: string, bytes: Uint8Array) => [
    `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    "Content-Type: text/plain\r\n\r\n",
    bytes,
    "\r\n",
  ];
  // A preamble before the first delimiter and an epilogue after the last are allowed (RFC 2046).
  const framed = await rawForm(user, b, [
    "preamble\r\n",
    ...filePart("a.txt", text),
    `--${b}--\r\nepilogue`,
  ]);
  assert.equal(framed.status, 200, await framed.clone().text());
  assert.equal((await framed.json()).filename, "a.txt");

  // The body is parsed in pieces of 256 KiB: a closing delimiter that ends a piece exactly,
  // with the epilogue's line break alone in the next piece, is still a complete body.
  const head = filePart("big.txt", new Uint8Array())[0] as string;
  const size = 256 * 1024 - new TextEncoder().encode(`${head}\r\n--${b}--`).length;
  const padded = new Uint8Array(size).fill(0x20);
  padded.set(text);
  const edge = await rawForm(user, b, [...filePart("big.txt", padded), `--${b}--`, "\r\n"]);
  assert.equal(edge.status, 200, await edge.clone().text());

  // A part header longer than the parser's 8 KiB default: the name is cut, not refused.
  const longName = `${"名".repeat(4000)}.txt`;
  const long = await rawForm(user, b, [...filePart(longName, text), `--${b}--\r\n`]);
  assert.equal(long.status, 200, await long.clone().text());
  assert.equal((await long.json()).filename, `${"名".repeat(83)}.txt`);

  const malformed: (string | Uint8Array)[][] = [
    [...filePart("a.txt", text)], // no closing delimiter
    ["no delimiter at all"],
    [`--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"`, `--${b}--`], // no blank line
  ];
  for (const parts of malformed) {
    const response = await rawForm(user, b, parts);
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { detail: "Malformed multipart body" });
  }
  // Part headers are checked across the whole body, which is searched in pieces: a field name
  // with a NUL, in a part whose delimiter straddles the first piece's end, is found.
  const before = 256 * 1024 - 3 - new TextEncoder().encode(`${head}\r\n`).length;
  const straddling = await rawForm(user, b, [
    ...filePart("big.txt", new Uint8Array(before).fill(0x20)),
    `--${b}\r\nContent-Disposition: form-data; name="x\u0000"\r\n\r\n1\r\n`,
    `--${b}--\r\n`,
  ]);
  assert.equal(straddling.status, 400);
  assert.deepEqual(await straddling.json(), {
    detail: "Form field names must not contain a NUL character",
  });
  // A session id that is not UTF-8 text is a bad session id, not a server error.
  const badId = await rawForm(user, b, [
    `--${b}\r\nContent-Disposition: form-data; name="session_id"\r\n\r\n`,
    new Uint8Array([0x31, 0xff, 0xfe]),
    "\r\n",
    ...filePart("a.txt", text),
    `--${b}--\r\n`,
  ]);
  assert.equal(badId.status, 400);
  assert.deepEqual(await badId.json(), { detail: "session_id must be a positive integer" });
  assert.equal((await uploadRows(user)).length, 3);
});

Deno.test("a session completed while its file is read: the upload row says so, and 409", async () => {
  let sessionId = 0;
  let ai: Awaited<ReturnType<typeof createHarness>> | null = null;
  // The model's extraction is the read; the user completes the session meanwhile.
  const fake = await startFakeOpenAI(async () => {
    await ai!.db.sql`update onboarding.chat_sessions
      set status = 'completed', completed_at = now() where id = ${sessionId}`;
    return structured(documentResult({ industry: "電子業" }));
  });
  try {
    ai = await createHarness({
      DATA_DIR: dataDir,
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_MODEL: "test-model",
    });
    const user = await testUser();
    sessionId = await newSession(ai, user);
    const form = new FormData();
    form.append("file", new File([own(encodeBig5(SAMPLE_TEXT))], "x.txt"));
    form.append("session_id", String(sessionId));
    const response = await ai.fetch("/api/chatbot/upload-file", {
      method: "POST",
      headers: { Authorization: user.headers.Authorization },
      body: form,
    });
    assert.equal(response.status, 409);
    assert.deepEqual(await response.json(), { detail: "Chat session already completed" });
    const rows = await uploadRows(user);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, "failed");
    assert.equal(rows[0].error, "Chat session already completed");
    const data = (await call(ai, user, "GET", `/data/${sessionId}`)).body;
    assert.equal(data.industry, null);
  } finally {
    await fake.close();
  }
});
