import assert from "node:assert/strict";
import { extractIndustry } from "../../../shared/onboarding/parsing/industry.ts";

const cases: [string, string | null][] = [
  ["我的公司是電子業", "電子業"],
  ["我們屬於食品業。", "食品業"],
  ["電子業", "電子業"],
  ["產業別：半導體業", "半導體業"],
  ["產業別應該是食品業", "食品業"],
  ["我們是做軟體的", "軟體業"],
  ["資訊服務業", "資訊服務業"],
  ["生技醫療業", "生技醫療業"],
  ["金融業", "金融業"],
  ["半導體", "半導體業"],
  ["製造業", "製造業"],
  ["紡織", "紡織業"],
  ["我們是半導體產業", "半導體業"],
  ["我們是文化創意產業", "文化創意產業"],
  ["我們公司是一家電子業的公司", "電子業"],
  ["IC設計業", "IC設計業"],
  ["產業別：醫美診所", "醫美診所"],
  ["電子業，資本額500萬", "電子業"],
  ["做汽車零件的，算是汽車零組件業", "汽車零組件業"],
  ["我們是做汽車零件的", "汽車零組件業"],
  ["餐飲 / 連鎖咖啡", "餐飲業"],
  ["半導體封測(OSAT)", "半導體封測業"],
  ["半導體封測", "半導體封測業"],
  ["資訊服務 IT services", "資訊服務業"],
  ["我們做精密機械", "精密機械業"],
  ["應該算是食品業吧", "食品業"],
  ["算電子業", "電子業"],
  ["電子 (PCB)", "電子業"],
  ["目前主要是紡織", "紡織業"],
  ["我們是做軟體開發的", "軟體業"],
  ["industry - food", "食品業"],
  ["software", "軟體業"],
  ["Industry: IT services", "資訊服務業"],
  ["we are in the food industry", "食品業"],
  ["我們是軟件公司", "軟體業"],
  ["銀行", "銀行業"],
  // A stem followed by another word is a different industry, not the stem's.
  ["我們是做汽車美容的", null],
  ["我們是企業", null],
  ["很專業", null],
  ["hello", null],
  ["你好", null],
  ["500萬", null],
  ["什麼是新型專利？", null],
  ["我們是電子業嗎", null],
  ["我們是中小企業", null],
  ["我想問電子發票", null],
  ["產業別：123", null],
  ["沒有", null],
  ["", null],
];

for (const [input, expected] of cases) {
  Deno.test(`extractIndustry(${JSON.stringify(input)}) = ${expected}`, () => {
    assert.equal(extractIndustry(input), expected);
  });
}
