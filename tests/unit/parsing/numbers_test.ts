import assert from "node:assert/strict";
import { parseChineseNumber } from "../../../shared/onboarding/parsing/numbers.ts";
import { normalizeText } from "../../../shared/onboarding/parsing/normalize.ts";
import { findNumberSpans, isRangeGap } from "../../../shared/onboarding/parsing/spans.ts";

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
  // Two Chinese digits side by side are a range (three or four), never 34; three or more are
  // read digit by digit like a year.
  ["三四", null],
  ["五六", null],
  ["一二三", 123],
  // Scientific notation is not a number a user types for money or counts.
  ["2e6", null],
  ["1e99", null],
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

const spanCases: [string, { raw: string; value: number | null; range: boolean }[]][] = [
  ["大概三四件", [{ raw: "三四", value: null, range: true }]],
  ["兩三百萬", [{ raw: "兩三百萬", value: null, range: true }]],
  ["2e6", [{ raw: "2e6", value: null, range: false }]],
  ["5~6件", [{ raw: "5", value: 5, range: false }, { raw: "6", value: 6, range: false }]],
  ["第一次申請3件", [{ raw: "3", value: 3, range: false }]],
];

for (const [input, expected] of spanCases) {
  Deno.test(`findNumberSpans(${JSON.stringify(input)})`, () => {
    const spans = findNumberSpans(input).map(({ raw, value, range }) => ({ raw, value, range }));
    assert.deepEqual(spans, expected);
  });
}

Deno.test("a range word between two numbers makes them a range; other gaps do not", () => {
  for (const gap of ["~", "-", "到", "或", " or ", "件到", "萬元到", " to "]) {
    assert.ok(isRangeGap(gap), gap);
  }
  for (const gap of ["，", "、還有", " and "]) assert.ok(!isRangeGap(gap), gap);
});
