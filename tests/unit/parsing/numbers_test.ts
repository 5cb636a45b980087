import assert from "node:assert/strict";
import { parseChineseNumber } from "../../../shared/onboarding/parsing/numbers.ts";
import { normalizeText } from "../../../shared/onboarding/parsing/normalize.ts";

const numberCases: [string, number | null][] = [
  ["5000000", 5000000],
  ["5,000,000", 5000000],
  ["1.5", 1.5],
  ["５００", 500],
  ["五百萬", 5000000],
  ["十二", 12],
  ["兩千", 2000],
  ["一千零五", 1005],
  ["1億2千萬", 120000000],
  ["1.5億", 150000000],
  ["1.1億", 110000000],
  ["3千5百萬", 35000000],
  ["500萬", 5000000],
  ["12萬3456", 123456],
  ["壹仟貳佰參拾肆", 1234],
  ["二〇二四", 2024],
  ["兩萬五", 25000],
  ["一百零五萬", 1050000],
  ["一萬億", 1000000000000],
  ["5,000 萬", 50000000],
  ["零", 0],
  ["十", 10],
  ["百", null],
  ["千萬", null],
  ["萬一", null],
  ["1,2", null],
  ["二十三四", null],
  ["-5", null],
  ["abc", null],
  ["", null],
];

for (const [input, expected] of numberCases) {
  Deno.test(`parseChineseNumber(${JSON.stringify(input)}) = ${expected}`, () => {
    assert.equal(parseChineseNumber(input), expected);
  });
}

const normalizeCases: [string, string][] = [
  ["  ５００萬  ", "500萬"],
  ["產品ID：Ｐ００１", "產品ID:P001"],
  ["a  \t b", "a b"],
  ["（約）５，０００", "(約)5,000"],
  ["line1\r\n\r\n  line2  ", "line1\nline2"],
  ["500〜600", "500~600"],
  ["－５", "-5"],
];

for (const [input, expected] of normalizeCases) {
  Deno.test(`normalizeText(${JSON.stringify(input)})`, () => {
    assert.equal(normalizeText(input), expected);
  });
}
