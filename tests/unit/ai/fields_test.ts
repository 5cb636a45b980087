import assert from "node:assert/strict";
import { emptyProfile } from "../../../shared/onboarding/types.ts";
import { product, result, withChat } from "./helpers.ts";

Deno.test("ai fields: a multi-field answer updates exactly those fields", async () => {
  await withChat(async (chat) => {
    const turn = await chat.say(
      "我們是做食品的，資本額三百萬，有兩個發明專利",
      result({
        company: { industry: "食品業", capital_amount: "三百萬", invention_patent_count: "兩個" },
        reply: "謝謝您一次提供這麼多資料！",
      }),
    );
    assert.deepEqual(turn.profile, {
      industry: "食品業",
      capital_amount: 3_000_000,
      invention_patent_count: 2,
    });
    assert.deepEqual(turn.productChanges, []);
    assert.equal(turn.completed, false);
    // The model's sentence, then the server's acknowledgement and the next missing field.
    assert.match(turn.reply, /^謝謝您一次提供這麼多資料！\n\n好的，已記錄 /);
    assert.match(turn.reply, /產業別：食品業/);
    assert.match(turn.reply, /資本總額：3,000,000 元（300萬元）/);
    assert.match(turn.reply, /新型專利/);
  });
});

Deno.test("ai fields: 300萬 becomes 3000000 whichever side reads it", async () => {
  for (const proposed of ["300萬", "3000000", "NT$3,000,000元"]) {
    await withChat(async (chat) => {
      const turn = await chat.say(
        "資本額大概三百萬左右",
        result({ company: { capital_amount: proposed } }),
      );
      assert.deepEqual(turn.profile, { capital_amount: 3_000_000 }, proposed);
    }, { profile: { ...emptyProfile(), industry: "電子業" }, products: [] });
  }
  // The user's own labelled value wins over a model that misread it.
  await withChat(async (chat) => {
    const turn = await chat.say("資本額300萬", result({ company: { capital_amount: "300" } }));
    assert.deepEqual(turn.profile, { capital_amount: 3_000_000 });
  });
});

Deno.test("ai fields: invalid proposals are refused and asked again", async () => {
  const base = { profile: { ...emptyProfile(), industry: "電子業" }, products: [] };
  await withChat(async (chat) => {
    const turn = await chat.say("負五塊", result({ company: { capital_amount: "-5" } }));
    assert.deepEqual(turn.profile, {});
    assert.match(turn.reply, /資本總額不能是負數/);
    assert.doesNotMatch(turn.reply, /請問貴公司的資本總額是多少？/);
  }, base);
  await withChat(async (chat) => {
    await chat.say("500萬", result({ company: { capital_amount: "500萬" } }));
    const turn = await chat.say(
      "專利很多啦",
      result({ company: { invention_patent_count: "很多" } }),
    );
    assert.deepEqual(turn.profile, {});
    assert.match(turn.reply, /抱歉，我沒有看懂您的發明專利數量。請輸入件數，例如：10件/);
  }, base);
  // A model that drops the minus sign does not get past the user's own words.
  await withChat(async (chat) => {
    const turn = await chat.say("資本額-5", result({ company: { capital_amount: "5" } }));
    assert.deepEqual(turn.profile, {});
    assert.match(turn.reply, /不能是負數/);
  }, base);
});

Deno.test("ai fields: ESG and certification values go through the same rules", async () => {
  const snapshot = {
    profile: {
      ...emptyProfile(),
      industry: "電子業",
      capital_amount: 5_000_000,
      invention_patent_count: 1,
      utility_patent_count: 0,
    },
    products: [],
  };
  await withChat(async (chat) => {
    const turn = await chat.say(
      "我們拿到ISO 9001跟ISO 14064這兩張",
      result({ company: { certifications: "ISO 9001、ISO 14064", esg_certifications: null } }),
    );
    // ISO 14064 is ESG: moved to the ESG list (with a hint), not counted as a company one.
    assert.deepEqual(turn.profile, {
      certifications: ["ISO 9001"],
      certification_count: 1,
      esg_certification: true,
      esg_certifications: ["ISO 14064"],
    });
    assert.match(turn.reply, /ISO 14064 屬於ESG相關認證/);
  }, snapshot);
});

Deno.test("ai fields: a product is stored once named, then updated field by field", async () => {
  const complete = {
    profile: {
      ...emptyProfile(),
      industry: "電子業",
      capital_amount: 5_000_000,
      invention_patent_count: 1,
      utility_patent_count: 0,
      certification_count: 0,
      certifications: [],
      esg_certification: false,
      esg_certifications: [],
    },
    products: [],
  };
  await withChat(async (chat) => {
    let turn = await chat.say(
      "我們有一款智能晶片，一顆賣1000元",
      result({ products: [product({ product_name: "智能晶片", price: "1000元" })] }),
    );
    assert.deepEqual(turn.productChanges, [{
      kind: "insert",
      fields: {
        product_id: null,
        product_name: "智能晶片",
        price: "1000元",
        main_raw_materials: null,
        product_standard: null,
        technical_advantages: null,
      },
    }]);
    assert.deepEqual(chat.state.draft, { product_name: "智能晶片", price: "1000元" });
    assert.match(
      turn.reply,
      /已新增產品「智能晶片」（價格：1000元）。請問「智能晶片」的產品ID是什麼？/,
    );
    const id = chat.snapshot.products[0].id;
    turn = await chat.say(
      "編號是P001，原料矽晶圓，規格10nm，優勢低功耗",
      result({
        products: [product({
          product_id: "P001",
          main_raw_materials: "矽晶圓",
          product_standard: "10nm",
          technical_advantages: "低功耗",
        })],
      }),
    );
    assert.deepEqual(turn.productChanges, [{
      kind: "update",
      id,
      fields: {
        product_id: "P001",
        main_raw_materials: "矽晶圓",
        product_standard: "10nm",
        technical_advantages: "低功耗",
      },
    }]);
    assert.equal(chat.state.draft, null);
    assert.equal(chat.snapshot.products.length, 1);
    assert.doesNotMatch(turn.reply, /已新增/);
  }, complete);
});
