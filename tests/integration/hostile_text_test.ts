/**
 * Hostile text (contract §4) through the real HTTP apps: a NUL or an unpaired surrogate in a
 * JSON body (any string or key, escaped or as raw bytes), in the upload's form (file name,
 * session_id) or in a token's claims is a 400 (401 for tokens) that stores nothing, at every
 * conversation step; long CJK file names are cut in UTF-8 bytes; one file per form; an archive
 * with too many parts is refused for that reason.
 */
import assert from "node:assert/strict";
import { mintToken } from "../../shared/auth/mint.ts";
import { TOO_MANY_PARTS_DETAIL } from "../../shared/documents/zip.ts";
import { call, newSession, say } from "../support/chat.ts";
import { uniqueUserId } from "../support/database.ts";
import { createHarness, TEST_SECRET, type TestUser, testUser } from "../support/harness.ts";
import { encodeBig5, SAMPLE_TEXT } from "../fixtures/make_fixtures.ts";
import { manyPartsDocx } from "../fixtures/docx_fixtures.ts";

const dataDir = await Deno.makeTempDir({ prefix: "onboarding-hostile-test-" });
const harness = await createHarness({ DATA_DIR: dataDir });
const storageRoot = `${dataDir}/storage/onboarding-uploads`;
const encoder = new TextEncoder();

/** Hostile strings as JS values: JSON.stringify sends them as `\u0000` / `\ud800` escapes. */
const ESCAPED = { nul: "a\u0000b", high: "a\ud800b", low: "a\udc00b" };
/** The same as raw UTF-8-ish bytes inside a JSON string: NUL, and CESU surrogates. */
const RAW = {
  nul: new Uint8Array([0x61, 0x00, 0x62]),
  high: new Uint8Array([0x61, 0xed, 0xa0, 0x80, 0x62]),
  low: new Uint8Array([0x61, 0xed, 0xb0, 0x80, 0x62]),
};

function concat(...parts: (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const bytes = parts.map((p) => typeof p === "string" ? encoder.encode(p) : p);
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) (out.set(b, at), at += b.length);
  return out;
}

async function sendRaw(user: TestUser, body: Uint8Array<ArrayBuffer>, accept?: string) {
  const response = await harness.fetch("/api/chatbot/message", {
    method: "POST",
    headers: { ...user.headers, ...(accept ? { Accept: accept } : {}) },
    body,
  });
  return { status: response.status, body: await response.json() };
}

async function snapshot(user: TestUser, sessionId: number) {
  const history = (await call(harness, user, "GET", `/sessions/${sessionId}/messages`)).body;
  const data = (await call(harness, user, "GET", `/data/${sessionId}`)).body;
  return { history: history.length, data };
}

/** Every hostile message variant is a readable 400 and leaves the session exactly as it was. */
async function assertRefusedEverywhere(user: TestUser, sessionId: number, step: string) {
  const before = await snapshot(user, sessionId);
  for (const [kind, text] of Object.entries(ESCAPED)) {
    for (const accept of [undefined, "text/event-stream"]) {
      const body = encoder.encode(JSON.stringify({ session_id: sessionId, message: text }));
      const { status, body: answer } = await sendRaw(user, body, accept);
      assert.equal(status, 400, `${step}, escaped ${kind}, ${accept}`);
      assert.match(
        answer.detail,
        /^Invalid request: message: must not contain (a NUL|an unpaired)/,
      );
      assert.deepEqual(answer.errors.map((e: { field: string }) => e.field), ["message"]);
    }
  }
  for (const [kind, bytes] of Object.entries(RAW)) {
    const body = concat(`{"session_id":${sessionId},"message":"`, bytes, `"}`);
    const { status, body: answer } = await sendRaw(user, body);
    assert.equal(status, 400, `${step}, raw ${kind}`);
    assert.equal(typeof answer.detail, "string");
    assert.doesNotMatch(answer.detail, /Internal/);
  }
  assert.deepEqual(await snapshot(user, sessionId), before, `${step}: nothing stored`);
}

Deno.test("hostile message text is a 400 at every step where a message is stored", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  await assertRefusedEverywhere(user, sessionId, "company question");
  for (const m of ["電子業", "1000萬", "2", "3", "5", "ISO 14064", "智能晶片"]) {
    await say(harness, user, sessionId, m);
  }
  await assertRefusedEverywhere(user, sessionId, "product field pending");
  for (const m of ["P001", "1000元", "矽晶圓", "10nm", "低功耗", "沒有了"]) {
    await say(harness, user, sessionId, m);
  }
  await assertRefusedEverywhere(user, sessionId, "summary");
  // The session still works after every refusal.
  const done = await say(harness, user, sessionId, "確認");
  assert.equal(done.completed, true);
});

Deno.test("hostile text anywhere in a JSON body, nested or in a key, is a 400", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const before = await snapshot(user, sessionId);
  const cases: [unknown, string, RegExp][] = [
    [
      { session_id: sessionId, message: "hi", extra: { deep: ["ok", ESCAPED.nul] } },
      "extra.deep.1",
      /NUL/,
    ],
    [
      { session_id: sessionId, message: "hi", extra: { deep: ESCAPED.low } },
      "extra.deep",
      /unpaired/,
    ],
    [{ session_id: sessionId, message: "hi", ["k\u0000"]: 1 }, "body", /a key holds a NUL/],
    [
      { session_id: sessionId, message: "hi", x: { ["\ud800"]: 1 } },
      "x",
      /a key holds an unpaired/,
    ],
  ];
  for (const [value, field, detail] of cases) {
    const { status, body } = await sendRaw(user, encoder.encode(JSON.stringify(value)));
    assert.equal(status, 400, field);
    assert.match(body.detail, detail);
    assert.equal(body.errors[0].field, field);
  }
  // Bytes that are not UTF-8 anywhere in the body (here in a key) are refused as such.
  const raw = await sendRaw(user, concat(`{"`, RAW.high, `":1,"session_id":${sessionId}}`));
  assert.deepEqual(raw, { status: 400, body: { detail: "Request body must be UTF-8 text" } });
  assert.deepEqual(await snapshot(user, sessionId), before);
});

Deno.test("a NUL or unpaired surrogate in a token's user_id or username is a 401", async () => {
  for (const bad of Object.values(ESCAPED)) {
    for (
      const claims of [{ user_id: uniqueUserId() + bad, username: "x" }, {
        user_id: uniqueUserId(),
        username: bad,
      }]
    ) {
      const token = await mintToken(TEST_SECRET, claims);
      const response = await harness.fetch("/api/auth/me", {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 401, JSON.stringify(claims));
      assert.deepEqual(await response.json(), { detail: "Could not validate credentials" });
      assert.equal(response.headers.get("WWW-Authenticate"), "Bearer");
      const chat = await harness.fetch("/api/chatbot/sessions", {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(chat.status, 401);
      await chat.body?.cancel();
    }
  }
});

function uploadForm(user: TestUser, form: FormData) {
  return harness.fetch("/api/chatbot/upload-file", {
    method: "POST",
    headers: { Authorization: user.headers.Authorization },
    body: form,
  });
}

/** A multipart body written byte by byte, so a file name can carry any bytes. */
function rawUpload(user: TestUser, filename: Uint8Array, sessionId?: Uint8Array) {
  const boundary = "hostile-boundary-7f3a";
  const parts: (string | Uint8Array)[] = [];
  if (sessionId) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="session_id"\r\n\r\n`);
    parts.push(sessionId, "\r\n");
  }
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`);
  parts.push(filename, `"\r\nContent-Type: text/plain\r\n\r\n`, encodeBig5(SAMPLE_TEXT));
  parts.push(`\r\n--${boundary}--\r\n`);
  return harness.fetch("/api/chatbot/upload-file", {
    method: "POST",
    headers: {
      Authorization: user.headers.Authorization,
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
    },
    body: concat(...parts),
  });
}

async function uploadCount(user: TestUser): Promise<number> {
  const [row] = await harness.db.sql`select count(*)::int as n from onboarding.uploads
    where external_user_id = ${user.userId}`;
  return row.n;
}

function textFile(name: string) {
  return new File([encodeBig5(SAMPLE_TEXT) as Uint8Array<ArrayBuffer>], name);
}

Deno.test("hostile text in an upload's file name or session_id is a 400 that stores nothing", async () => {
  const user = await testUser();
  const cases: [Promise<Response>, RegExp][] = [
    [rawUpload(user, concat("a", RAW.nul, ".txt")), /^File name must not contain a NUL character$/],
    [rawUpload(user, concat(RAW.high, ".txt")), /^File name must be valid UTF-8 text$/],
    [rawUpload(user, concat(RAW.low, ".txt")), /^File name must be valid UTF-8 text$/],
    [rawUpload(user, encoder.encode("a.txt"), RAW.nul), /^session_id must not contain a NUL/],
    [rawUpload(user, encoder.encode("a.txt"), RAW.high), /^session_id must be a positive integer$/],
  ];
  // Through the platform's own FormData too: a NUL in the name, in session_id.
  const nulName = new FormData();
  nulName.append("file", textFile("a\u0000.txt"));
  cases.push([uploadForm(user, nulName), /^File name must not contain a NUL character$/]);
  const nulId = new FormData();
  nulId.append("file", textFile("a.txt"));
  nulId.append("session_id", "1\u0000");
  cases.push([uploadForm(user, nulId), /^session_id must not contain a NUL character$/]);
  for (const [pending, detail] of cases) {
    const response = await pending;
    assert.equal(response.status, 400);
    assert.match((await response.json()).detail, detail);
  }
  assert.equal(await uploadCount(user), 0);
  await assert.rejects(Deno.stat(`${storageRoot}/${user.userId}`));
});

Deno.test("a long Chinese file name is cut to 255 UTF-8 bytes, readable, extension kept", async () => {
  const user = await testUser();
  for (const length of [84, 200]) {
    const name = `${"長".repeat(length)}.txt`;
    const response = await uploadForm(
      user,
      (() => {
        const form = new FormData();
        form.append("file", textFile(name));
        return form;
      })(),
    );
    assert.equal(response.status, 200, `${length} characters`);
    const body = await response.json();
    // 83 CJK characters (249 bytes) and ".txt" fit in 255 bytes; 84 would not.
    assert.equal(body.filename, `${"長".repeat(83)}.txt`);
    assert.ok(encoder.encode(body.filename).length <= 255);
    const [row] = await harness.db.sql`select filename, storage_path from onboarding.uploads
      where id = ${body.upload_id}`;
    assert.equal(row.filename, body.filename);
    assert.match(row.storage_path, /\/[0-9]+-file\.txt$/);
    await Deno.stat(`${storageRoot}/${row.storage_path}`);
  }
  // A name that fits is kept whole.
  const form = new FormData();
  form.append("file", textFile(`${"長".repeat(80)}.txt`));
  assert.equal((await (await uploadForm(user, form)).json()).filename, `${"長".repeat(80)}.txt`);
});

Deno.test("two files in one form, or session_id twice, is a 400 that stores nothing", async () => {
  const user = await testUser();
  const sessionId = await newSession(harness, user);
  const twice = new FormData();
  twice.append("file", textFile("a.txt"));
  twice.append("file", textFile("b.txt"));
  const elsewhere = new FormData();
  elsewhere.append("file", textFile("a.txt"));
  elsewhere.append("attachment", textFile("b.txt"));
  for (const form of [twice, elsewhere]) {
    const response = await uploadForm(user, form);
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      detail: "Send one file per upload: the form holds more than one file",
    });
  }
  const ids = new FormData();
  ids.append("file", textFile("a.txt"));
  ids.append("session_id", String(sessionId));
  ids.append("session_id", String(sessionId));
  const response = await uploadForm(user, ids);
  assert.equal(response.status, 400);
  assert.deepEqual(await response.json(), { detail: "session_id was sent more than once" });
  assert.equal(await uploadCount(user), 0);
});

Deno.test("a DOCX with too many parts is refused as too complex, not as unsupported", async () => {
  const user = await testUser();
  const form = new FormData();
  form.append("file", new File([manyPartsDocx(2001) as Uint8Array<ArrayBuffer>], "big.docx"));
  const response = await uploadForm(user, form);
  assert.equal(response.status, 400);
  const { detail } = await response.json();
  assert.equal(detail, TOO_MANY_PARTS_DETAIL);
  assert.match(detail, /too many parts/);
  assert.doesNotMatch(detail, /Unsupported/);
  assert.equal(await uploadCount(user), 0);
  // Just under the cap it is an ordinary DOCX.
  const ok = new FormData();
  ok.append("file", new File([manyPartsDocx(2000) as Uint8Array<ArrayBuffer>], "ok.docx"));
  const accepted = await uploadForm(user, ok);
  assert.equal(accepted.status, 200, JSON.stringify(await accepted.clone().json()));
  assert.equal((await accepted.json()).file_type, "docx");
});
