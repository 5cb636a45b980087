/**
 * The contract's example company (docs/api.md §5.7, §5.8): the conversation that collects it and
 * the export it must produce. Shared by the API document's examples, the benchmark and the tests.
 */

/** The messages of the example company, one answer per question, then finish and confirm. */
export const EXAMPLE_CONVERSATION = [
  "我的公司是電子業",
  "500萬",
  "10",
  "5",
  "3",
  "有，ISO 14064、ISO 14067",
  "產品ID：P001\n產品名稱：智能晶片\n價格：1000元\n主要原料：矽晶圓\n產品規格：10nm製程\n技術優勢：低功耗、高效能",
  "沒有了",
  "確認",
];

/** The example company's product, as stored fields. */
export const EXAMPLE_PRODUCT = {
  product_id: "P001",
  product_name: "智能晶片",
  price: "1000元",
  main_raw_materials: "矽晶圓",
  product_standard: "10nm製程",
  technical_advantages: "低功耗、高效能",
};

/** The export of contract §5.8, parsed from its text copied character for character. */
export const EXAMPLE_EXPORT = JSON.parse(`{
  "產業別": "電子業",
  "資本總額（以臺幣為單位）": 5000000,
  "發明專利數量": 10,
  "新型專利數量": 5,
  "公司認證資料數量": 3,
  "ESG相關認證資料": "有",
  "產品": [
    {"產品ID":"P001","產品名稱":"智能晶片","價格":"1000元","主要原料":"矽晶圓",
     "產品規格(尺寸、精度)":"10nm製程","技術優勢":"低功耗、高效能"}
  ]
}`);
