import assert from "node:assert/strict";
import { CHUNK_CHARS, chunkText, MAX_CHUNKS } from "../../../shared/onboarding/ai/document.ts";
import { AiProviderError } from "../../../shared/onboarding/ai/errors.ts";
import { describeImageText, extractFieldsWithAi } from "../../../shared/onboarding/ai/vision.ts";
import {
  completion,
  errorResponse,
  startFakeOpenAI,
  structured,
} from "../../support/fake_openai.ts";
import { documentProduct, NO_COMPANY } from "./helpers.ts";

const config = (baseUrl: string) => ({ apiKey: "sk-test", model: "vision-model", baseUrl });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

Deno.test("vision: the image goes as a base64 data URL to the configured model", async () => {
  const fake = await startFakeOpenAI(() => completion("產業別：電子業\n資本額：500萬"));
  try {
    const text = await describeImageText(config(fake.baseUrl), PNG, "image/png");
    assert.equal(text, "產業別：電子業\n資本額：500萬");
    const body = fake.requests[0].body as {
      model: string;
      messages: { role: string; content: unknown }[];
    };
    assert.equal(body.model, "vision-model");
    const user = body.messages.find((m) => m.role === "user")!;
    const parts = user.content as { type: string; image_url?: { url: string } }[];
    const image = parts.find((p) => p.type === "image_url")!;
    assert.equal(image.image_url!.url, "data:image/png;base64,iVBORw0KGgoBAgM=");
  } finally {
    await fake.close();
  }
});

Deno.test("vision: no text is '', a provider failure throws AiProviderError", async () => {
  let fake = await startFakeOpenAI(() => completion("[NO_TEXT]"));
  try {
    assert.equal(await describeImageText(config(fake.baseUrl), PNG, "image/png"), "");
  } finally {
    await fake.close();
  }
  fake = await startFakeOpenAI(() => errorResponse(503));
  try {
    await assert.rejects(
      describeImageText(config(fake.baseUrl), PNG, "image/png", { maxRetries: 0 }),
      (err) => err instanceof AiProviderError && err.reason === "server_error",
    );
  } finally {
    await fake.close();
  }
});

Deno.test("document: every chunk is read and validated with the chat's parsers", async () => {
  const part1 =
    "公司簡介\n產業別：電子業\n資本額：5,000萬元\n發明專利：很多\n產品ID：P001 智能晶片\n";
  const part2 = "認證：ISO 9001、ISO 14064\n產品：感測模組，價格 500元\n";
  const text = part1 + "填充。\n".repeat(Math.ceil(CHUNK_CHARS / 4)) + part2;
  const answers = [
    {
      company: {
        ...NO_COMPANY,
        industry: "電子業",
        capital_amount: "5,000萬元",
        invention_patent_count: "很多",
      },
      products: [documentProduct({ product_id: "P001", product_name: "智能晶片" })],
    },
    {
      company: { ...NO_COMPANY, capital_amount: "-3", certifications: "ISO 9001、ISO 14064" },
      products: [
        documentProduct({ product_name: "感測模組", price: "500元" }),
        documentProduct({ product_name: "文件裡沒有的產品" }),
      ],
    },
  ];
  const fake = await startFakeOpenAI((req) => {
    const messages = req.body.messages as { role: string; content: string }[];
    return structured(messages[1].content.includes("P001") ? answers[0] : answers[1]);
  });
  try {
    const out = await extractFieldsWithAi(config(fake.baseUrl), text);
    assert.equal(out.chunks, 2);
    assert.equal(out.truncated, false);
    assert.equal(fake.requests.length, 2);
    // The chunk travels as data in a user-role message, never in the system prompt.
    const messages = fake.requests[0].body.messages as { role: string; content: string }[];
    assert.equal(messages[0].role, "system");
    assert.ok(!messages[0].content.includes("智能晶片"));
    assert.equal(messages[1].role, "user");
    assert.deepEqual(out.profile, {
      industry: "電子業",
      capital_amount: 50_000_000,
      certifications: ["ISO 9001"],
      certification_count: 1,
      esg_certification: true,
      esg_certifications: ["ISO 14064"],
    });
    assert.deepEqual(out.refused, ["invention_patent_count"]);
    assert.deepEqual(out.products.map((p) => [p.product_id, p.product_name, p.price]), [
      ["P001", "智能晶片", null],
      [null, "感測模組", "500元"],
    ]);
  } finally {
    await fake.close();
  }
});

Deno.test("document: long text is chunked, and beyond the budget reported as truncated", async () => {
  const text = "一行資料\n".repeat(Math.ceil((CHUNK_CHARS * (MAX_CHUNKS + 2)) / 5));
  const chunks = chunkText(text);
  assert.ok(chunks.length > MAX_CHUNKS);
  assert.ok(chunks.every((c) => c.length <= CHUNK_CHARS));
  assert.equal(chunks.join("\n").replace(/\n/g, "").length, text.replace(/\n/g, "").length);
  const fake = await startFakeOpenAI(() => structured({ company: NO_COMPANY, products: [] }));
  try {
    const out = await extractFieldsWithAi(config(fake.baseUrl), text);
    assert.equal(out.chunks, MAX_CHUNKS);
    assert.equal(out.truncated, true);
    assert.equal(fake.requests.length, MAX_CHUNKS);
  } finally {
    await fake.close();
  }
});

Deno.test("document: a provider failure throws AiProviderError for the route to fall back", async () => {
  const fake = await startFakeOpenAI(() => completion("garbage"));
  try {
    await assert.rejects(
      extractFieldsWithAi(config(fake.baseUrl), "產業別：電子業"),
      (err) => err instanceof AiProviderError && err.reason === "malformed_output",
    );
  } finally {
    await fake.close();
  }
});
