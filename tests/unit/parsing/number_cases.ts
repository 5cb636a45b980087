/**
 * Table cases for the number readers (`tests/data/amount_cases.json`, `count_cases.json`):
 * one case per line, written the way people type. Simplified cases go through `toTraditional`
 * first, as every message will at the engine boundary.
 */

import assert from "node:assert/strict";
import {
  failure,
  type ParseFailure,
  type ParseOutcome,
  success,
} from "../../../shared/onboarding/parsing/outcome.ts";
import { toTraditional } from "../../../shared/onboarding/parsing/script.ts";

/** One line of a number case file. */
export interface NumberCase {
  id: string;
  form: "traditional" | "simplified" | "fullwidth" | "english" | "mixed";
  /** The message as typed. */
  in: string;
  /** The value read (or, with `reason: "implausible"`, the value to confirm). */
  value?: number;
  /** Why nothing may be stored. */
  reason?: ParseFailure;
  /** The value is kept but was hedged (大約, 左右…). */
  hedged?: boolean;
}

/** Registers one Deno test per case, checking `parse` against the expected outcome. */
export function runNumberCases(
  name: string,
  cases: readonly NumberCase[],
  parse: (text: string) => ParseOutcome<number>,
): void {
  for (const c of cases) {
    Deno.test(`${c.id} ${name}(${JSON.stringify(c.in)})`, async () => {
      const input = c.form === "simplified" ? await toTraditional(c.in) : c.in;
      const expected = c.reason !== undefined
        ? failure(c.reason, c.value)
        : success(c.value!, c.hedged === true);
      assert.deepEqual(parse(input), expected);
    });
  }
}
