import assert from "node:assert/strict";
import type { ProductFields } from "../../../shared/onboarding/types.ts";
import {
  parseProductBlock,
  parseProductTableRow,
} from "../../../shared/onboarding/parsing/products.ts";
import { PRODUCT_FIELD_LABELS } from "../../../shared/onboarding/lexicon/mod.ts";

const blockCases: [string, Partial<ProductFields> | null][] = [
  [
    "產品ID：P001\n產品名稱：智能晶片\n價格：1000元\n主要原料：矽\n產品規格：10x10mm，精度0.01mm\n技術優勢：低功耗",
    {
      product_id: "P001",
      product_name: "智能晶片",
      price: "1000元",
      main_raw_materials: "矽",
      product_standard: "10x10mm，精度0.01mm",
      technical_advantages: "低功耗",
    },
  ],
  [" - 產品名稱：A\n - 價格：-\n - 原料：跳過", {
    product_name: "A",
    price: null,
    main_raw_materials: null,
  }],
  ["產品名稱：智能晶片，價格：500元；規格：5mm", {
    product_name: "智能晶片",
    price: "500元",
    product_standard: "5mm",
  }],
  ["产品ID: p1\n产品名称：芯片\n价格：１００元", {
    product_id: "p1",
    product_name: "芯片",
    price: "100元",
  }],
  ["產品名稱：無\n價格：100", { price: "100" }],
  ["產品規格（尺寸、精度）：3cm、±0.1\n特色：快", {
    product_standard: "3cm、±0.1",
    technical_advantages: "快",
  }],
  ["1. 品名: X\n2. 售價: 5\n備註：其他", { product_name: "X", price: "5" }],
  ["產品名稱：A\n產品名稱：B", { product_name: "B" }],
  ["公司名稱：台積電", null],
  ["我們的產品很好", null],
  ["", null],
];

for (const [input, expected] of blockCases) {
  Deno.test(`parseProductBlock(${JSON.stringify(input)})`, () => {
    assert.deepEqual(parseProductBlock(input), expected);
  });
}

Deno.test("parseProductTableRow maps known headers and ignores others", () => {
  assert.deepEqual(
    parseProductTableRow(["產品ID", "品名", "價格（元）", "備註", "主要原料"], [
      "P1",
      "晶片",
      "100",
      "x",
      "-",
    ]),
    { product_id: "P1", product_name: "晶片", price: "100", main_raw_materials: null },
  );
});

Deno.test("parseProductTableRow returns null without product headers", () => {
  assert.equal(parseProductTableRow(["a", "b"], ["P1", "晶片"]), null);
});

Deno.test("parseProductTableRow leaves out empty cells and a skipped name", () => {
  assert.deepEqual(parseProductTableRow(["產品名稱", "規格", "優勢"], ["無", "", "快"]), {
    technical_advantages: "快",
  });
});

Deno.test("PRODUCT_FIELD_LABELS covers every product field with Simplified variants", () => {
  assert.deepEqual(Object.keys(PRODUCT_FIELD_LABELS).sort(), [
    "main_raw_materials",
    "price",
    "product_id",
    "product_name",
    "product_standard",
    "technical_advantages",
  ]);
  assert.ok(PRODUCT_FIELD_LABELS.product_id.includes("产品ID"));
  assert.ok(PRODUCT_FIELD_LABELS.product_name.includes("产品名称"));
  assert.ok(PRODUCT_FIELD_LABELS.technical_advantages.includes("技术优势"));
});
