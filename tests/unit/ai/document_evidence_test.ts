/**
 * No value without evidence (contract §7), documents: the upload route's reading
 * (`readDocumentFacts`) lets the document's labelled values win over the model's reading, and
 * keeps a model value only when the document's text states it. The model is the local
 * OpenAI-compatible fake.
 */
import assert from "node:assert/strict";
import type { Config } from "../../../shared/config.ts";
import { readDocumentFacts } from "../../../functions/chatbot/upload/read_document.ts";
import type { DocumentModelOutput } from "../../../shared/onboarding/ai/schema.ts";
import { startFakeOpenAI, structured } from "../../support/fake_openai.ts";
import { documentProduct, documentResult } from "./helpers.ts";

/** The facts `readDocumentFacts` finds in `text` when the model answers `answer`. */
async function read(text: string, answer: DocumentModelOutput) {
  const fake = await startFakeOpenAI(() => structured(answer));
  const failures: unknown[] = [];
  try {
    const config = {
      openai: { apiKey: "sk-test", model: "test-model", baseUrl: fake.baseUrl },
    } as Config;
    const facts = await readDocumentFacts(text, config, (e) => failures.push(e));
    assert.deepEqual(failures, []);
    assert.equal(fake.requests.length, 1, "the model read the document");
    return facts;
  } finally {
    await fake.close();
  }
}

Deno.test("document evidence: the labels win over a model reading that contradicts them", async () => {
  const text =
    "公司簡介\n資本額：5,000萬元\n去年營收約3000萬元。\n產品ID：P001\n產品名稱：智能晶片\n價格：1000元\n";
  const facts = await read(
    text,
    documentResult(
      { capital_amount: "3000萬" },
      [documentProduct({ product_id: "P001", product_name: "智能晶片", price: "3000萬元" })],
    ),
  );
  assert.equal(facts.profile.capital_amount, 50_000_000);
  assert.deepEqual(facts.products.map((p) => [p.product_id, p.product_name, p.price]), [
    ["P001", "智能晶片", "1000元"],
  ]);
});

Deno.test("document evidence: a model value the text does not state is not stored", async () => {
  const text = "本公司是一家食品製造商，成立於1998年。\n發明專利：2件\n主力產品為有機豆漿。\n";
  const facts = await read(
    text,
    documentResult(
      {
        industry: "食品業",
        capital_amount: "1億",
        invention_patent_count: "5件",
        utility_patent_count: "3件",
        esg_certifications: "ISO 14064",
      },
      [
        documentProduct({ product_name: "有機豆漿", price: "50元", main_raw_materials: "黃豆" }),
        documentProduct({ product_name: "智能晶片" }),
      ],
    ),
  );
  // The labelled count wins; the model fills only the industry, which the text states.
  assert.deepEqual(facts.profile, { invention_patent_count: 2, industry: "食品業" });
  assert.deepEqual(facts.products.map((p) => [p.product_name, p.price, p.main_raw_materials]), [
    ["有機豆漿", null, null],
  ]);
});
