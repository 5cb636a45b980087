import assert from "node:assert/strict";
import { Conversation } from "./conversation.ts";

function atEsg(): Conversation {
  const c = new Conversation();
  c.sayAll("電子業", "500萬", "10", "5", "3");
  return c;
}

for (const none of ["沒有", "無", "none", "N/A", "-", "目前沒有"]) {
  Deno.test(`rule engine ESG: ${none} means none (false, [])`, () => {
    const c = atEsg();
    assert.match(c.say(none), /^好的，目前沒有ESG相關認證。/);
    assert.equal(c.snapshot.profile.esg_certification, false);
    assert.deepEqual(c.snapshot.profile.esg_certifications, []);
  });
}

Deno.test("rule engine ESG: 有 without names asks which, storing nothing", () => {
  const c = atEsg();
  assert.match(c.say("有"), /^請問是哪些ESG相關認證呢？/);
  assert.deepEqual(c.last!.profile, {});
  assert.equal(c.snapshot.profile.esg_certification, null);
  c.say("ISO 14064");
  assert.equal(c.snapshot.profile.esg_certification, true);
  assert.deepEqual(c.snapshot.profile.esg_certifications, ["ISO 14064"]);
});

Deno.test("rule engine ESG: a company certification given as ESG gets a hint", () => {
  const c = atEsg();
  const reply = c.say("ISO 9001、ISO 14067");
  assert.match(reply, /ISO 9001 屬於公司認證/);
  assert.deepEqual(c.snapshot.profile.esg_certifications, ["ISO 14067"]);
  assert.equal(c.snapshot.profile.certification_count, 3);
});

Deno.test("rule engine ESG: an ESG certification given as a company one is moved, with a hint", () => {
  const c = new Conversation();
  c.sayAll("電子業", "500萬", "10", "5");
  const reply = c.say("ISO 9001、ISO 14064");
  assert.match(reply, /ISO 14064 屬於ESG相關認證/);
  assert.equal(c.snapshot.profile.certification_count, 1);
  assert.deepEqual(c.snapshot.profile.certifications, ["ISO 9001"]);
  assert.equal(c.snapshot.profile.esg_certification, true);
  assert.deepEqual(c.snapshot.profile.esg_certifications, ["ISO 14064"]);
});
