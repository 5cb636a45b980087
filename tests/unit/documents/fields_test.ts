import assert from "node:assert/strict";
import { extractDocxText } from "../../../shared/documents/docx.ts";
import { extractFieldsFromText } from "../../../shared/documents/fields.ts";
import { extractPdfText } from "../../../shared/documents/pdf.ts";
import { splitTableRow } from "../../../shared/documents/table_rows.ts";
import { MAX_PRODUCT_FIELD_LENGTH, MAX_PRODUCTS } from "../../../shared/onboarding/limits.ts";
import type { ProductFields } from "../../../shared/onboarding/types.ts";
import { embeddedFontPdf, sampleDocx } from "../../fixtures/make_fixtures.ts";

const product = (fields: Partial<ProductFields> & { product_name: string }): ProductFields => ({
  product_id: null,
  price: null,
  main_raw_materials: null,
  product_standard: null,
  technical_advantages: null,
  ...fields,
});

const PROFILE_TEXT = `台灣智能科技股份有限公司　公司簡介

公司名稱：台灣智能科技股份有限公司
統一編號：12345678
產業別：電子業
資本額：新台幣5,000萬元
成立時間：2010年3月
本公司專注於金融業與醫療業客戶的晶片設計。

智慧財產
發明專利 10 件
新型專利：5
認證：
ISO 9001
ISO 14001
ESG：ISO 14064、ISO 14067

主要產品
產品ID：P001
產品名稱：智能晶片
價格：1000元
主要原料：矽
產品規格：10x10mm，精度0.01mm
技術優勢：低功耗，通過ISO 9001認證
產品ID：P002
產品名稱：感測模組
價格：-

產品名稱：工業控制器
特色：耐高溫

| 產品ID | 產品名稱 | 價格 |
|---|---|---|
| P003 | 邊緣運算盒 | 20,000元 |
| P001 | 智能晶片 | 900元 |
聯絡電話：03-1234567`;

Deno.test("extractFieldsFromText: a realistic company profile", () => {
  assert.deepEqual(extractFieldsFromText(PROFILE_TEXT), {
    profile: {
      industry: "電子業",
      capital_amount: 50_000_000,
      invention_patent_count: 10,
      utility_patent_count: 5,
      certifications: ["ISO 9001", "ISO 14001"],
      certification_count: 2,
      esg_certification: true,
      esg_certifications: ["ISO 14064", "ISO 14067"],
    },
    products: [
      product({
        product_id: "P001",
        product_name: "智能晶片",
        price: "900元", // the table row repeats P001 later and updates its price
        main_raw_materials: "矽",
        product_standard: "10x10mm，精度0.01mm",
        technical_advantages: "低功耗，通過ISO 9001認證",
      }),
      product({ product_id: "P002", product_name: "感測模組" }),
      product({ product_name: "工業控制器", technical_advantages: "耐高溫" }),
      product({ product_id: "P003", product_name: "邊緣運算盒", price: "20,000元" }),
    ],
  });
});

Deno.test("extractFieldsFromText: the DOCX fixture's paragraphs and product table", () => {
  assert.deepEqual(extractFieldsFromText(extractDocxText(sampleDocx())), {
    profile: {
      industry: "電子業",
      capital_amount: 50_000_000,
      invention_patent_count: 10,
      utility_patent_count: 5,
      certifications: ["ISO 9001", "ISO 14001"],
      certification_count: 2,
      esg_certification: true,
      esg_certifications: ["ISO 14064"],
    },
    products: [
      product({
        product_id: "P001",
        product_name: "智能晶片",
        price: "1000元",
        main_raw_materials: "矽",
        product_standard: "10x10mm",
        technical_advantages: "低功耗",
      }),
      product({
        product_id: "P002",
        product_name: "感測模組",
        price: "2,500元",
        main_raw_materials: "陶瓷、銅",
        product_standard: "5x5mm，精度0.01mm",
        technical_advantages: "高靈敏度 耐高溫",
      }),
    ],
  });
});

Deno.test("extractFieldsFromText: the PDF fixture's lines and tab-separated table", async () => {
  const { text } = await extractPdfText(await embeddedFontPdf());
  assert.deepEqual(extractFieldsFromText(text), {
    profile: { industry: "電子業", capital_amount: 50_000_000 },
    products: [
      product({
        product_id: "P001",
        product_name: "智能晶片",
        price: "1000元",
        main_raw_materials: "矽",
      }),
    ],
  });
});

Deno.test("extractFieldsFromText: key/value table rows and ESG none", () => {
  assert.deepEqual(
    extractFieldsFromText("產業別 | 食品業\n資本額 | 500萬 | 發明專利 | 2\nESG認證：無"),
    {
      profile: {
        industry: "食品業",
        capital_amount: 5_000_000,
        invention_patent_count: 2,
        esg_certification: false,
        esg_certifications: [],
      },
      products: [],
    },
  );
});

Deno.test("extractFieldsFromText: prose mentioning industries without a label is ignored", () => {
  assert.deepEqual(extractFieldsFromText("我們服務金融業與醫療業的客戶。\n歡迎洽詢。"), {
    profile: {},
    products: [],
  });
});

Deno.test("extractFieldsFromText: a repeated label starts the next product; nameless dropped", () => {
  assert.deepEqual(
    extractFieldsFromText("產品名稱：A\n價格：1\n產品名稱：B\n價格：2\n\n價格：3\n規格：無名"),
    {
      profile: {},
      products: [
        product({ product_name: "A", price: "1" }),
        product({ product_name: "B", price: "2" }),
      ],
    },
  );
});

Deno.test("extractFieldsFromText: values cut to the limits, at most MAX_PRODUCTS", () => {
  const rows = Array.from(
    { length: MAX_PRODUCTS + 5 },
    (_, i) => `P${i}\t產品${i}\t${"優".repeat(3000)}`,
  );
  const { products } = extractFieldsFromText(`產品ID\t產品名稱\t技術優勢\n${rows.join("\n")}`);
  assert.equal(products.length, MAX_PRODUCTS);
  assert.equal(
    products[0].technical_advantages!.length,
    MAX_PRODUCT_FIELD_LENGTH.technical_advantages,
  );
  assert.equal(products[MAX_PRODUCTS - 1].product_name, `產品${MAX_PRODUCTS - 1}`);
});

Deno.test("splitTableRow: pipes, Markdown, tabs, wide spaces; not prose", () => {
  assert.deepEqual(splitTableRow("a | b | c"), ["a", "b", "c"]);
  assert.deepEqual(splitTableRow("| a | b |"), ["a", "b"]);
  assert.deepEqual(splitTableRow("a\tb"), ["a", "b"]);
  assert.deepEqual(splitTableRow("產品名稱    價格"), ["產品名稱", "價格"]);
  assert.equal(splitTableRow("|---|:---:|"), null);
  assert.equal(splitTableRow("發明專利 10 件"), null);
});
