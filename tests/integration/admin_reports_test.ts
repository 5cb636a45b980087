/**
 * The admin function's reports (contract §9): `GET /admin/export` (each user's latest completed
 * export, oldest completion first, keyset pages) and `GET /admin/metrics` (a known funnel gives
 * known numbers), each costing the same database round trips whatever the number of users.
 */
import assert from "node:assert/strict";
import { connect } from "../../shared/db/client.ts";
import { startRoundTripProxy } from "../../scripts/lib/round_trip_proxy.ts";
import { corruptPdf } from "../fixtures/pdf_fixtures.ts";
import { SAMPLE_TEXT } from "../fixtures/text_fixtures.ts";
import {
  call,
  completeExample,
  EXAMPLE_CONVERSATION,
  newSession,
  say,
  uploadFile,
} from "../support/chat.ts";
import { errorResponse, startFakeOpenAI, structured } from "../support/fake_openai.ts";
import { adminHeaders, createHarness, type Harness, testUser } from "../support/harness.ts";
import { result } from "../unit/ai/helpers.ts";

const harness = await createHarness();

async function get(h: Harness, path: string, headers: Record<string, string>) {
  const response = await h.fetch(`/api/admin${path}`, { headers });
  const body = await response.json();
  assert.equal(response.status, 200, `${path}: ${JSON.stringify(body)}`);
  return body;
}

async function databaseNow(): Promise<Date> {
  const [{ now }] = await harness.db.sql`select now()`;
  return now;
}

Deno.test("GET /admin/export: each user's latest completion, oldest first, page by page", async () => {
  const since = await databaseNow();
  const [a, b, c] = [await testUser(), await testUser(), await testUser()];
  const first = await completeExample(harness, a);
  const other = await completeExample(harness, b);
  await newSession(harness, c); // in progress: not exported
  // A completes again with a changed industry: only this one is A's latest.
  const again = await newSession(harness, a);
  await say(harness, a, again, "產業別改成食品業");
  await say(harness, a, again, "沒有了");
  await say(harness, a, again, "確認");
  const mine = new Set([a.userId, b.userId, c.userId]);
  const admin = await adminHeaders();

  const seen: { external_user_id: string; session_id: number; data: unknown }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: typeof seen; next_cursor: string | null } = await get(
      harness,
      `/export?since=${encodeURIComponent(since.toISOString())}&limit=1` +
        (cursor ? `&cursor=${cursor}` : ""),
      admin,
    );
    assert.ok(page.items.length <= 1);
    seen.push(...page.items.filter((item) => mine.has(item.external_user_id)));
    cursor = page.next_cursor;
    pages++;
  } while (cursor && pages < 50);
  assert.deepEqual(
    seen.map((item) => [item.external_user_id, item.session_id]),
    [[b.userId, other.sessionId], [a.userId, again]],
  );
  assert.notEqual(again, first.sessionId);
  for (const [user, item] of [[b, seen[0]], [a, seen[1]]] as const) {
    const exported = await call(harness, user, "GET", `/export/${item.session_id}`);
    assert.deepEqual(item.data, exported.body);
  }
  assert.equal((seen[1].data as Record<string, unknown>)["產業別"], "食品業");
  // Catching up later from the last completion seen: it comes again (at or after), then
  // nothing else of these users.
  const lastSeen = await get(
    harness,
    `/export?since=${encodeURIComponent(since.toISOString())}`,
    admin,
  );
  const latest = lastSeen.items.at(-1);
  const later = await get(
    harness,
    `/export?since=${encodeURIComponent(latest.completed_at)}`,
    admin,
  );
  assert.deepEqual(later.items.map((i: { session_id: number }) => i.session_id), [
    latest.session_id,
  ]);
  assert.equal(later.next_cursor, null);
  // Refusals.
  for (const query of ["?since=yesterday", "?limit=0", "?cursor=abc", "?cursor=1-0"]) {
    const response = await harness.fetch(`/api/admin/export${query}`, { headers: admin });
    assert.equal(response.status, 400, query);
  }
  assert.equal((await harness.fetch("/api/admin/export", { headers: a.headers })).status, 403);
});

Deno.test("GET /admin/metrics: a known funnel gives known numbers", async () => {
  const from = await databaseNow();
  const admin = await adminHeaders();
  const sql = harness.db.sql;
  // Two completions, made to have taken 10 and 30 minutes: a median of 20.
  for (const minutes of [10, 30]) {
    const { sessionId } = await completeExample(harness, await testUser());
    await sql`update onboarding.chat_sessions
      set completed_at = created_at + make_interval(mins => ${minutes})
      where id = ${sessionId}`;
  }
  // Three sessions left for over a day: asked the capital, the industry, the confirmation.
  const [b, c, d] = [await testUser(), await testUser(), await testUser()];
  const capital = await newSession(harness, b);
  await say(harness, b, capital, EXAMPLE_CONVERSATION[0]);
  const industry = await newSession(harness, c);
  const confirming = await newSession(harness, d);
  for (const message of EXAMPLE_CONVERSATION.slice(0, -1)) {
    await say(harness, d, confirming, message);
  }
  const idle = [capital, industry, confirming];
  await sql`update onboarding.chat_sessions set updated_at = now() - interval '25 hours'
    where id = any(${idle})`;
  // One active session with two uploads, one of them unreadable.
  const uploader = await testUser();
  const active = await newSession(harness, uploader);
  const text = new File([SAMPLE_TEXT], "company.txt", { type: "text/plain" });
  assert.equal((await uploadFile(harness, uploader, text, active)).status, 200);
  const broken = new File([corruptPdf() as BlobPart], "broken.pdf", { type: "application/pdf" });
  assert.equal((await uploadFile(harness, uploader, broken, active)).status, 400);

  const metrics = await get(
    harness,
    `/metrics?from=${encodeURIComponent(from.toISOString())}`,
    admin,
  );
  assert.deepEqual(metrics, {
    sessions_started: 6,
    sessions_completed: 2,
    completion_rate: 2 / 6,
    median_minutes_to_complete: 20,
    drop_off: {
      industry: 1,
      capital_amount: 1,
      invention_patent_count: 0,
      utility_patent_count: 0,
      certification_count: 0,
      esg_certification: 0,
      products: 0,
      confirmation: 1,
    },
    uploads: { pdf: 1, docx: 0, txt: 1, image: 0, failed: 1 },
    ai_turns: 0,
    ai_fallbacks: 0,
  });
  // A window before any of it: nothing, and no rate or median to speak of.
  const empty = await get(
    harness,
    "/metrics?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z",
    admin,
  );
  assert.deepEqual(
    [empty.sessions_started, empty.completion_rate, empty.median_minutes_to_complete],
    [0, null, null],
  );
  assert.deepEqual(empty.uploads, { pdf: 0, docx: 0, txt: 0, image: 0, failed: 0 });
  for (const query of ["?from=soon", `?from=${from.toISOString()}&to=${from.toISOString()}`]) {
    const response = await harness.fetch(`/api/admin/metrics${query}`, { headers: admin });
    assert.equal(response.status, 400, query);
  }
});

Deno.test("GET /admin/metrics counts the turns a model answered and those it failed", async () => {
  let failing = false;
  const fake = await startFakeOpenAI(() =>
    failing ? errorResponse(400) : structured(result({ company: { industry: "電子業" } }))
  );
  try {
    const ai = await createHarness({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseUrl });
    const from = await databaseNow();
    const user = await testUser();
    const sessionId = await newSession(ai, user);
    await say(ai, user, sessionId, "我們做電子零件");
    failing = true;
    await say(ai, user, sessionId, "資本額大概三百萬");
    const metrics = await get(
      ai,
      `/metrics?from=${encodeURIComponent(from.toISOString())}`,
      await adminHeaders(),
    );
    assert.deepEqual([metrics.ai_turns, metrics.ai_fallbacks], [2, 1]);
  } finally {
    await fake.close();
  }
});

Deno.test({
  name: "the admin reports cost the same round trips with 1 or 30 more users",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const proxy = startRoundTripProxy(harness.db.url);
    const sql = connect(proxy.url, { max: 1, prepare: harness.db.prepare });
    try {
      const counted = await createHarness({}, { sql });
      const admin = await adminHeaders();
      const paths = ["/users?limit=200", "/export?limit=200", "/metrics", "/activity?limit=200"];
      const trips = async () => {
        const counts: number[] = [];
        for (const path of paths) {
          await get(counted, path, admin); // prepares its statements
          proxy.reset();
          await get(counted, path, admin);
          counts.push(proxy.turns());
        }
        return counts;
      };
      const before = await trips();
      for (let i = 0; i < 30; i++) await completeExample(harness, await testUser());
      assert.deepEqual(await trips(), before);
      // BEGIN + settings + the caller's row + the report, then COMMIT: the floor's two.
      assert.ok(before.every((n) => n <= 2), JSON.stringify(before));
    } finally {
      await sql.end();
      await proxy.close();
    }
  },
});
