import assert from "node:assert/strict";
import {
  isNoneAnswer,
  isSkipAnswer,
  parseYesNo,
} from "../../../shared/onboarding/parsing/yes_no.ts";

const yesNoCases: [string, "yes" | "no" | null][] = [
  ["有", "yes"],
  ["是", "yes"],
  ["對", "yes"],
  ["好", "yes"],
  ["要", "yes"],
  ["正確", "yes"],
  ["確認", "yes"],
  ["沒錯", "yes"],
  ["好的", "yes"],
  ["是的", "yes"],
  ["有的", "yes"],
  ["沒問題", "yes"],
  ["沒有問題", "yes"],
  ["確認無誤", "yes"],
  ["有的，ISO 14064", "yes"],
  ["沒錯，我們沒有", "no"],
  ["不好", "no"],
  ["yes", "yes"],
  ["Y", "yes"],
  ["ok", "yes"],
  ["Yes, we do", "yes"],
  ["我們有ISO 14064", "yes"],
  ["沒有", "no"],
  ["沒有。", "no"],
  ["沒", "no"],
  ["無", "no"],
  ["否", "no"],
  ["不是", "no"],
  ["不要", "no"],
  ["不用", "no"],
  ["沒有了", "no"],
  ["不需要", "no"],
  ["我們沒有ESG認證", "no"],
  ["no", "no"],
  ["N", "no"],
  ["none", "no"],
  ["N/A", "no"],
  ["-", "no"],
  ["是否", null],
  ["有沒有？", null],
  ["know", null],
  ["yesterday", null],
  ["I don't know", null],
  ["不知道", null],
  ["不確定", null],
  ["", null],
  ["你好", null],
  ["好像沒有", null],
];

for (const [input, expected] of yesNoCases) {
  Deno.test(`parseYesNo(${JSON.stringify(input)}) = ${expected}`, () => {
    assert.equal(parseYesNo(input), expected);
  });
}

const noneCases: [string, boolean][] = [
  ["無", true],
  ["沒有", true],
  ["没有", true],
  ["目前沒有", true],
  ["無認證", true],
  ["沒有認證", true],
  ["沒有ESG認證", true],
  ["none", true],
  ["N/A", true],
  ["-", true],
  ["nil", true],
  ["應該沒有", true],
  ["好像沒有吧", true],
  ["ISO 9001", false],
  ["有", false],
  ["沒有錢但有認證", false],
];

for (const [input, expected] of noneCases) {
  Deno.test(`isNoneAnswer(${JSON.stringify(input)}) = ${expected}`, () => {
    assert.equal(isNoneAnswer(input), expected);
  });
}

const skipCases: [string, boolean][] = [
  ["-", true],
  ["無", true],
  ["跳過", true],
  ["略過", true],
  ["skip", true],
  ["不填", true],
  ["N/A", true],
  ["沒有", true],
  ["1000元", false],
  ["無鉛焊錫", false],
];

for (const [input, expected] of skipCases) {
  Deno.test(`isSkipAnswer(${JSON.stringify(input)}) = ${expected}`, () => {
    assert.equal(isSkipAnswer(input), expected);
  });
}
