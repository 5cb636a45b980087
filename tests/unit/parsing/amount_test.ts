import assert from "node:assert/strict";
import { parseAmount } from "../../../shared/onboarding/parsing/amount.ts";
import type { ParseOutcome } from "../../../shared/onboarding/parsing/outcome.ts";

const ok = (value: number): ParseOutcome<number> => ({ ok: true, value });
const no = (reason: "missing" | "negative" | "range" | "too_large" | "invalid") =>
  ({ ok: false, reason }) as const;

const cases: [string, ParseOutcome<number>][] = [
  ["資本額500萬", ok(5_000_000)],
  ["NT$5,000,000元", ok(5_000_000)],
  ["新台幣五百萬元", ok(5_000_000)],
  ["新臺幣 5,000 萬元", ok(50_000_000)],
  ["5000000", ok(5_000_000)],
  ["５００萬", ok(5_000_000)],
  ["1億2千萬", ok(120_000_000)],
  ["一千五百萬元整", ok(15_000_000)],
  ["$3,000,000", ok(3_000_000)],
  ["1.5億", ok(150_000_000)],
  ["1.1億", ok(110_000_000)],
  ["五百萬", ok(5_000_000)],
  ["3百萬", ok(3_000_000)],
  ["2千萬", ok(20_000_000)],
  ["3千5百萬", ok(35_000_000)],
  ["500k", ok(500_000)],
  ["1.2K", ok(1_200)],
  ["3M", ok(3_000_000)],
  ["3 million", ok(3_000_000)],
  ["資本額是一千萬", ok(10_000_000)],
  ["資本額500萬，2023年成立", ok(5_000_000)],
  ["5,000,000元（500萬）", ok(5_000_000)],
  ["資本額500萬,有2個發明專利", ok(5_000_000)],
  ["1000000000000000", ok(1e15)],
  ["0", no("range")],
  ["0元", no("range")],
  ["零", no("range")],
  ["-5", no("negative")],
  ["負五百萬", no("negative")],
  ["NT$-500", no("negative")],
  ["-NT$500萬", no("negative")],
  ["10000000000000000", no("too_large")],
  ["2000兆", no("too_large")],
  ["500萬到1000萬", no("invalid")],
  ["500-600萬", no("invalid")],
  ["約500~600萬", no("invalid")],
  ["500萬或600萬", no("invalid")],
  ["1.5元", no("invalid")],
  ["資本額500萬，也可能是600萬", no("invalid")],
  ["1,2", no("invalid")],
  ["500多萬", no("invalid")],
  ["資本額五百萬元，員工三十人", ok(5_000_000)],
  ["約 2.5 億元", ok(250_000_000)],
  ["壹億元整", ok(100_000_000)],
  ["abc", no("missing")],
  ["", no("missing")],
  ["沒有", no("missing")],
  ["ISO 9001", no("missing")],
];

for (const [input, expected] of cases) {
  Deno.test(`parseAmount(${JSON.stringify(input)})`, () => {
    assert.deepEqual(parseAmount(input), expected);
  });
}
