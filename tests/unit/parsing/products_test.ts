import assert from "node:assert/strict";
import type { ProductFields } from "../../../shared/onboarding/types.ts";
import {
  parseProductBlock,
  parseProductTableRow,
  productFieldForLabel,
} from "../../../shared/onboarding/parsing/products.ts";
import { PRODUCT_FIELD_LABELS } from "../../../shared/onboarding/lexicon/mod.ts";
import {
  isPlainProductName,
  parseProductSentence,
} from "../../../shared/onboarding/parsing/product_sentence.ts";
import { parseDeleteCommand } from "../../../shared/onboarding/engine/commands.ts";
import { toTraditional } from "../../../shared/onboarding/parsing/script.ts";

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

// ---- Products in free sentences ----

const sentenceCases: [string, string | null, Record<string, string>][] = [
  ["我們的招牌是一款叫恆溫保溫杯的產品，每個售價680元，材質是304不鏽鋼", "恆溫保溫杯", {
    price: "680元",
    main_raw_materials: "304不鏽鋼",
  }],
  ["有一個品項叫手工皂，一塊150元", "手工皂", { price: "150元" }],
  ["主力產品是智慧插座，價格NT$799", "智慧插座", { price: "NT$799" }],
  ["桂圓紅棗茶這款一盒350元/盒", "桂圓紅棗茶", { price: "350元/盒" }],
  ["我們的產品叫木製砧板，用台灣檜木做的", "木製砧板", { main_raw_materials: "台灣檜木" }],
  ["我們有一個很棒的產品，大家都很喜歡，賣得很好", null, {}],
  ["我們公司主要生產各種螺絲，特色是耐腐蝕", null, { technical_advantages: "耐腐蝕" }],
  ["這個產品很好用", null, {}],
];

for (const [input, name, details] of sentenceCases) {
  Deno.test(`parseProductSentence(${JSON.stringify(input)})`, () => {
    assert.deepEqual(parseProductSentence(input), { name, details });
  });
}

Deno.test("parseProductSentence reads Simplified text once converted", async () => {
  const text = await toTraditional("我们的招牌是一款叫恒温保温杯的产品，每个售价680元");
  assert.deepEqual(parseProductSentence(text).details, { price: "680元" });
  assert.match(parseProductSentence(text).name ?? "", /保溫杯$/);
});

Deno.test("isPlainProductName: short replies are names, sentences and small talk are not", () => {
  for (const name of ["恆溫保溫杯", "Smart Plug", "有機肥料", "iPhone 15 Pro", "阿嬤的手工皂"]) {
    assert.ok(isPlainProductName(name), name);
  }
  for (
    const text of [
      "謝謝",
      "好的謝謝",
      "你好",
      "我們的產品很好",
      "名".repeat(21),
      "產品名稱是「陶瓷濾杯」",
      "手工皂150元",
      "we sell smart plugs",
      "這個不要了",
    ]
  ) {
    assert.ok(!isPlainProductName(text), text);
  }
});

Deno.test("parseDeleteCommand: the ways people ask to remove a product", () => {
  const cases: [string, string | null][] = [
    ["把保溫杯那項拿掉", "保溫杯"],
    ["第二個產品不要了", "第二個"],
    ["第2項刪掉", "第2項"],
    ["移除 A-3", "A-3"],
    ["刪除P001", "P001"],
    ["手工皂不要了", "手工皂"],
    ["不要賣保溫杯了，刪掉", "保溫杯"],
    ["最後一個刪掉", "最後一個"],
    ["delete P001", "P001"],
    ["不要了", null],
    ["我想刪除", null],
    ["這個不要了", null],
    ["我覺得資本額寫錯了不要了", null],
  ];
  for (const [text, key] of cases) assert.equal(parseDeleteCommand(text), key, text);
});

Deno.test("English labels map to their product fields", () => {
  const cases: [string, string][] = [
    ["Product Name", "product_name"],
    ["unit price", "price"],
    ["Raw Materials", "main_raw_materials"],
    ["Specifications", "product_standard"],
    ["USP", "technical_advantages"],
    ["SKU", "product_id"],
  ];
  for (const [label, field] of cases) assert.equal(productFieldForLabel(label), field, label);
  assert.equal(productFieldForLabel("priceless"), null);
});
