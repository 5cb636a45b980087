import assert from "node:assert/strict";
import { completeCompany, Conversation, P001_BLOCK } from "./conversation.ts";

Deno.test("products: stored once named, then updated field by field, with skips", () => {
  const c = new Conversation(completeCompany());
  assert.equal(c.say("有"), "請問產品名稱是什麼？");
  assert.match(c.say("智能晶片"), /^已新增產品「智能晶片」。請問「智能晶片」的產品ID是什麼？/);
  assert.deepEqual(c.last!.productChanges, [{
    kind: "insert",
    fields: {
      product_id: null,
      product_name: "智能晶片",
      price: null,
      main_raw_materials: null,
      product_standard: null,
      technical_advantages: null,
    },
  }]);
  const id = c.snapshot.products[0].id;
  assert.match(c.say("P001"), /^好的，產品ID：P001。請問「智能晶片」的價格是多少？/);
  assert.deepEqual(c.last!.productChanges, [{
    kind: "update",
    id,
    fields: { product_id: "P001" },
  }]);
  assert.match(c.say("跳過"), /^好的，價格先略過。請問「智能晶片」的主要原料是什麼？/);
  assert.deepEqual(c.last!.productChanges, []);
  c.say("矽晶圓");
  c.say("-");
  const saved = c.say("低功耗、高效能");
  assert.match(saved, /^好的，技術優勢：低功耗、高效能。目前已登錄 1 個產品。還有其他產品嗎？/);
  assert.ok(!saved.includes("已新增"), saved);
  assert.equal(c.snapshot.products.length, 1);
  assert.deepEqual(c.snapshot.products[0], {
    id,
    product_id: "P001",
    product_name: "智能晶片",
    price: null,
    main_raw_materials: "矽晶圓",
    product_standard: null,
    technical_advantages: "低功耗、高效能",
  });
  assert.equal(c.state.draft, null);
});

Deno.test("products: a sentence stores the product at once and asks what is missing", () => {
  const c = new Conversation(completeCompany());
  const reply = c.say("另外還有一款香氛蠟燭，售價550元");
  assert.match(reply, /^已新增產品「香氛蠟燭」（價格：550元）。請問「香氛蠟燭」的產品ID是什麼？/);
  assert.deepEqual(c.snapshot.products.map((p) => [p.product_name, p.price]), [
    ["香氛蠟燭", "550元"],
  ]);
  assert.match(c.say("C-9"), /^好的，產品ID：C-9。請問「香氛蠟燭」的主要原料是什麼？/);
  assert.equal(c.snapshot.products[0].product_id, "C-9");
  // A later answer updates the same product, found by its ID.
  c.say("大豆蠟");
  assert.equal(c.snapshot.products.length, 1);
  assert.equal(c.snapshot.products[0].main_raw_materials, "大豆蠟");
  // A whole-message finish keeps what is stored and shows the summary, with no second 已新增.
  const done = c.say("完成");
  assert.match(done, /^以下是您提供的資料，請確認：/);
  assert.equal(c.snapshot.products.length, 1);
});

Deno.test("products: an ID another product has is asked again, not stored", () => {
  const c = new Conversation(completeCompany());
  c.say(P001_BLOCK);
  c.say("感測器");
  const reply = c.say("P001");
  assert.match(reply, /產品ID「P001」已經用在「智能晶片」了/);
  assert.match(reply, /請問「感測器」的產品ID是什麼？/);
  assert.deepEqual(c.snapshot.products.map((p) => p.product_id), ["P001", null]);
});

Deno.test("products: deleting the product being collected ends its draft", () => {
  const c = new Conversation(completeCompany());
  c.say("感測器");
  assert.match(c.say("把這個刪掉"), /^已刪除產品「感測器」。/);
  assert.equal(c.state.draft, null);
  assert.equal(c.snapshot.products.length, 0);
});

Deno.test("products: a field of a stored product is changed by a sentence", () => {
  const c = new Conversation(completeCompany());
  c.say(P001_BLOCK);
  c.say("產品ID：A-3\n產品名稱：恆溫保溫杯\n價格：680元");
  assert.match(
    c.say("恆溫保溫杯的價格改成720元"),
    /^已將「恆溫保溫杯（A-3）」的價格更新為 720元。/,
  );
  assert.equal(c.snapshot.products[1].price, "720元");
  c.say("把P001的規格改成5nm製程");
  assert.equal(c.snapshot.products[0].product_standard, "5nm製程");
  // Not a stored product: nothing changes, and the products are listed.
  const unknown = c.say("保冷袋的價格改成100元");
  assert.match(unknown, /目前的產品有：智能晶片（P001）、恆溫保溫杯（A-3）/);
  assert.deepEqual(c.last!.productChanges, []);
});

Deno.test("products: answering the pending field by a field update keeps the draft in step", () => {
  const c = new Conversation(completeCompany());
  c.sayAll("桂圓紅棗茶", "跳過");
  const reply = c.say("桂圓紅棗茶的價格應該是350元");
  assert.equal(c.snapshot.products[0].price, "350元");
  assert.match(reply, /請問「桂圓紅棗茶」的主要原料是什麼？/);
});

Deno.test("products: a bare name at the products question starts the product", () => {
  const c = new Conversation(completeCompany());
  c.say("智能晶片");
  assert.deepEqual(c.state.draft, { product_name: "智能晶片" });
});

Deno.test("products: 完成 inside a field value never completes", () => {
  const c = new Conversation(completeCompany());
  c.sayAll("有", "完成品", "P009", "尚未完成", "矽晶圓", "完成度高");
  assert.equal(c.snapshot.products.length, 1); // stored once named
  const saved = c.say("製程完成度高");
  assert.equal(c.completed, false);
  assert.equal(c.state.confirm, null);
  assert.deepEqual(c.snapshot.products.map((p) => [p.product_name, p.price, p.product_standard]), [
    ["完成品", "尚未完成", "完成度高"],
  ]);
  assert.equal(c.snapshot.products[0].technical_advantages, "製程完成度高");
  assert.match(saved, /還有其他產品嗎？/);
  // A labelled block naming 完成品 is a product too.
  c.say("產品名稱：完成\n價格：完成後報價");
  assert.equal(c.snapshot.products.length, 2);
  assert.equal(c.state.confirm, null);
});

Deno.test("products: a whole-message 完成 mid-product keeps it and shows the summary", () => {
  const c = new Conversation(completeCompany());
  c.sayAll("有", "智能晶片", "P001");
  const reply = c.say("完成");
  assert.match(reply, /^以下是您提供的資料，請確認：/);
  assert.match(reply, /智能晶片（P001）/);
  assert.equal(c.snapshot.products.length, 1);
  assert.notEqual(c.state.confirm, null);
  assert.equal(c.completed, false);
});

Deno.test("products: the same product ID updates that product", () => {
  const c = new Conversation(completeCompany());
  c.say(P001_BLOCK);
  const id = c.snapshot.products[0].id;
  const reply = c.say("產品ID：P001\n產品名稱：智能晶片二代\n價格：1200元");
  assert.match(reply, /^已更新產品「智能晶片二代」（P001）。/);
  assert.deepEqual(c.last!.productChanges, [{
    kind: "update",
    id,
    fields: { product_id: "P001", product_name: "智能晶片二代", price: "1200元" },
  }]);
  assert.equal(c.snapshot.products.length, 1);
  assert.equal(c.snapshot.products[0].main_raw_materials, "矽晶圓");
  assert.equal(c.snapshot.products[0].price, "1200元");
});

Deno.test("products: delete by ID and by name; unknown names are reported", () => {
  const c = new Conversation(completeCompany());
  c.say(P001_BLOCK);
  c.say("產品ID：P002\n產品名稱：感測器");
  assert.equal(c.snapshot.products.length, 2);
  assert.match(c.say("刪除產品 P001"), /^已刪除產品「智能晶片」（P001）。/);
  assert.deepEqual(c.snapshot.products.map((p) => p.product_id), ["P002"]);
  assert.match(c.say("刪除產品 P777"), /^找不到產品「P777」。目前的產品有：感測器（P002）。/);
  assert.match(c.say("把感測器刪掉"), /^已刪除產品「感測器」（P002）。/);
  assert.equal(c.snapshot.products.length, 0);
  assert.match(c.last!.reply, /請問貴公司有要登錄的產品嗎？/);
});

Deno.test("products: too long a value is refused and asked again", () => {
  const c = new Conversation(completeCompany());
  c.say("有");
  assert.match(c.say(`產品名稱：${"名".repeat(201)}`), /產品名稱最多 200 個字/);
  assert.deepEqual(c.state.draft, {});
  // A reply that long is not a name at all: it is asked again, not stored.
  assert.match(c.say("名".repeat(201)), /看不出產品名稱/);
  assert.deepEqual(c.state.draft, {});
});

Deno.test("confirmation: a correction shows the summary again; 確認 then completes", () => {
  const c = new Conversation(completeCompany());
  c.say(P001_BLOCK);
  c.say("沒有了");
  const digest = c.state.confirm!.digest;
  const again = c.say("資本額改成600萬");
  assert.match(
    again,
    /^已將資本總額更新為 6,000,000 元（600萬元）。\n\n資料有更新，請再確認一次：/,
  );
  assert.match(again, /• 資本總額：6,000,000 元（600萬元）/);
  assert.notEqual(c.state.confirm!.digest, digest);
  assert.equal(c.completed, false);
  assert.match(c.say("不對"), /^好的，請告訴我要修改的內容/);
  assert.match(c.say("刪除產品 P001"), /• 產品：0 個/);
  assert.match(c.say("嗯嗯你好"), /^我沒有找到要修改的內容。\n\n以下是您提供的資料/);
  c.say("正確");
  assert.equal(c.completed, true);
  assert.equal(c.snapshot.profile.capital_amount, 6_000_000);
});

Deno.test("confirmation: data changed since the summary is shown again, not completed", () => {
  const c = new Conversation(completeCompany());
  c.say("沒有");
  // An upload changes the data between the summary and the confirmation.
  c.snapshot = { ...c.snapshot, profile: { ...c.snapshot.profile, capital_amount: 7_000_000 } };
  const reply = c.say("確認");
  assert.equal(c.completed, false);
  assert.match(reply, /^資料有更新，請再確認一次：/);
  c.say("是");
  assert.equal(c.completed, true);
});

Deno.test("confirmation: 新增產品 leaves the summary to collect a product", () => {
  const c = new Conversation(completeCompany());
  c.say("沒有");
  assert.equal(c.say("新增產品"), "請問產品名稱是什麼？");
  assert.equal(c.state.confirm, null);
  c.say("產品名稱：感測器");
  assert.equal(c.snapshot.products.length, 1);
});

Deno.test("products: a field value mentioning patents is a value, not a company fact", () => {
  const c = new Conversation(completeCompany());
  c.sayAll("有機肥料", "跳過", "100元", "肥料");
  const reply = c.say("通過ISO 9001，發明專利3件");
  assert.deepEqual(c.last!.profile, {});
  assert.equal(c.snapshot.profile.invention_patent_count, 10);
  assert.equal(c.state.draft?.product_standard, "通過ISO 9001，發明專利3件");
  assert.match(
    reply,
    /^好的，產品規格：通過ISO 9001，發明專利3件。請問「有機肥料」的技術優勢是什麼？/,
  );
  // An explicit correction is still read mid-product, and the product question resumes.
  const corrected = c.say("資本額改成600萬");
  assert.equal(c.snapshot.profile.capital_amount, 6_000_000);
  assert.match(corrected, /請問「有機肥料」的技術優勢是什麼？/);
});

Deno.test("products: greetings are not product names", () => {
  const c = new Conversation(completeCompany());
  assert.match(c.say("謝謝"), /^抱歉，我沒有看懂您的回答。/);
  assert.equal(c.state.draft, null);
});
