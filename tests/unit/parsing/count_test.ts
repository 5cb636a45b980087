import assert from "node:assert/strict";
import { parseCount } from "../../../shared/onboarding/parsing/count.ts";
import type { ParseOutcome } from "../../../shared/onboarding/parsing/outcome.ts";

const ok = (value: number): ParseOutcome<number> => ({ ok: true, value });
const no = (reason: "missing" | "negative" | "range" | "too_large" | "invalid") =>
  ({ ok: false, reason }) as const;

const cases: [string, ParseOutcome<number>][] = [
  ["10", ok(10)],
  ["10件", ok(10)],
  ["兩個", ok(2)],
  ["三份", ok(3)],
  ["十二項", ok(12)],
  ["共5張", ok(5)],
  ["一共有5張", ok(5)],
  ["有一個", ok(1)],
  ["１２件", ok(12)],
  ["2023年申請了3件", ok(3)],
  ["沒有", ok(0)],
  ["無", ok(0)],
  ["没有", ok(0)],
  ["目前沒有喔", ok(0)],
  ["0", ok(0)],
  ["零", ok(0)],
  ["none", ok(0)],
  ["no", ok(0)],
  ["N/A", ok(0)],
  ["1000000", ok(1_000_000)],
  ["-3", no("negative")],
  ["負2件", no("negative")],
  ["2.5件", no("invalid")],
  ["3~5件", no("invalid")],
  ["3到5件", no("invalid")],
  ["10件，還有5件", no("invalid")],
  ["2000000", no("too_large")],
  ["有十幾件", no("invalid")],
  ["二十多件", no("invalid")],
  ["是否", no("missing")],
  ["一些", no("missing")],
  ["我不知道", no("missing")],
  ["ISO 9001", no("missing")],
  ["十分感謝", no("missing")],
  ["沒錯", no("missing")],
  ["", no("missing")],
];

for (const [input, expected] of cases) {
  Deno.test(`parseCount(${JSON.stringify(input)})`, () => {
    assert.deepEqual(parseCount(input), expected);
  });
}
