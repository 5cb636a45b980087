/**
 * Reading a capital amount in New Taiwan dollars out of a free-form answer.
 */

import {
  AMOUNT_MULTIPLIER_PATTERN,
  AMOUNT_MULTIPLIERS,
  EXPLICIT_TWD_PATTERN,
  FOREIGN_CURRENCY_AFTER_PATTERN,
  FOREIGN_CURRENCY_BEFORE_PATTERN,
  FOREIGN_CURRENCY_PATTERN,
  HEDGE_PATTERN,
  MONEY_SUFFIX_PATTERN,
  NOT_MONEY_SUFFIX_PATTERN,
  TWD_PREFIX_PATTERN,
} from "../lexicon/mod.ts";
import { MAX_CAPITAL } from "../limits.ts";
import { normalizeText } from "./normalize.ts";
import { failure, type ParseOutcome, success } from "./outcome.ts";
import { clauseAround, findNumberSpans, hasRange, isCodeBefore, type NumberSpan } from "./spans.ts";

/**
 * The smallest capital taken without asking: a company registered with less than NT$1,000 is
 * far less likely than a unit left out (`500` meant as 500萬), so such a value is confirmed
 * with the user before it is stored.
 */
export const MIN_PLAUSIBLE_CAPITAL = 1_000;

interface Candidate {
  span: NumberSpan;
  multiplier: number;
  /** A unit, separator, multiplier or currency word marks it as money. */
  marked: boolean;
  /** A foreign currency word stands right before or after it. */
  foreign: boolean;
  /** NT$, NTD, TWD, 新臺幣 or 台幣 stands right before or after it. */
  explicitTwd: boolean;
}

/**
 * Finds the NT$ amount in a sentence: `資本額500萬`, `NT$5,000,000元`, `新臺幣 5,000 萬元`,
 * `一千五百萬元整`, `1.5億`, `8百萬`, `500k`, `1.8M`, `80w` (w = 萬), `TWD 3000000`. Numbers
 * that carry a money mark (a unit, thousands separators, a currency word, `元`) win over bare
 * ones; dates and counts (`2023年`, `2個`) are ignored. Returns the whole-dollar value (marked
 * `hedged` after 大約, 差不多, 左右…), or a failure: `foreign_currency` (美金, USD, 人民幣…
 * without an NT$ amount), `ambiguous` (a range such as `500~600萬` or `三四百萬`, or several
 * different amounts), `invalid` (an approximation such as `500多萬`, a fraction of a dollar,
 * scientific notation such as `2e6`, a malformed number), `negative` (minus or 負), `range`
 * (0), `too_large` (> 10^15), `implausible` (under NT$1,000, with the value, to be confirmed)
 * or `missing` (no number: `很多`, `NaN`).
 */
export function parseAmount(text: string): ParseOutcome<number> {
  const t = normalizeText(text);
  const all = findNumberSpans(t)
    .map((s) => toCandidate(s, s.raw === t))
    .filter((c): c is Candidate => c !== null);
  // A foreign currency anywhere leaves only amounts stated explicitly in NT$.
  const foreign = all.some((c) => c.foreign) || FOREIGN_CURRENCY_PATTERN.test(t);
  const candidates = foreign ? all.filter((c) => c.explicitTwd && !c.foreign) : all;
  if (candidates.length === 0) return failure(foreign ? "foreign_currency" : "missing");
  if (hasRange(t, candidates.map((c) => c.span))) return failure("ambiguous");
  if (candidates.some((c) => c.span.approximate)) return failure("invalid");
  const marked = candidates.filter((c) => c.marked);
  const pool = marked.length > 0 ? marked : candidates;
  const values = pool.map(amountOf);
  if (values.some((v) => v === null)) return failure("invalid");
  if (new Set(values).size > 1) return failure("ambiguous");
  const chosen = pool[0];
  const value = values[0]!;
  if (chosen.span.negative) return failure("negative");
  if (value > MAX_CAPITAL) return failure("too_large");
  if (!Number.isInteger(value)) return failure("invalid");
  if (value < 1) return failure("range");
  if (value < MIN_PLAUSIBLE_CAPITAL) return failure("implausible", value);
  return success(value, HEDGE_PATTERN.test(clauseAround(chosen.span)));
}

function toCandidate(span: NumberSpan, alone: boolean): Candidate | null {
  const multiplierMatch = span.after.match(AMOUNT_MULTIPLIER_PATTERN);
  const multiplier = multiplierMatch ? AMOUNT_MULTIPLIERS[multiplierMatch[1].toLowerCase()] : 1;
  const rest = span.after.slice(multiplierMatch?.[0].length ?? 0);
  const before = span.before.replace(/[-負负]\s*$/, "");
  const foreign = FOREIGN_CURRENCY_AFTER_PATTERN.test(rest) ||
    FOREIGN_CURRENCY_BEFORE_PATTERN.test(before);
  const prefix = foreign ? "" : before.match(TWD_PREFIX_PATTERN)?.[0] ?? "";
  const suffix = rest.match(MONEY_SUFFIX_PATTERN)?.[0] ?? "";
  const currency = prefix !== "" || suffix !== "";
  if (!foreign && !currency && NOT_MONEY_SUFFIX_PATTERN.test(span.after)) return null;
  // Standard codes and names such as ISO 9001, RE100, S1 are not amounts.
  if (!currency && !foreign && isCodeBefore(span.before)) return null;
  // A single Chinese digit inside a sentence (是一家…) is a word far more often than an amount.
  if (!span.arabic && span.raw.length === 1 && !alone && !currency) return null;
  return {
    span,
    multiplier,
    marked: span.hasUnit || span.raw.includes(",") || multiplier !== 1 || currency,
    foreign,
    explicitTwd: EXPLICIT_TWD_PATTERN.test(prefix + suffix),
  };
}

// The value with its multiplier applied, snapped to an integer when float error is the only
// reason it is not one (1.1 × 1000 = 1100.0000000000002).
function amountOf(c: Candidate): number | null {
  if (c.span.value === null) return null;
  const v = c.span.value * c.multiplier;
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-6 ? r : v;
}
