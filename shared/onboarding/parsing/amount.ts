/**
 * Reading a capital amount in New Taiwan dollars out of a free-form answer.
 */

import { MAX_CAPITAL } from "../limits.ts";
import { normalizeText } from "./normalize.ts";
import { failure, type ParseOutcome, success } from "./outcome.ts";
import { CURRENCY_PREFIX_RE, findNumberSpans, isRangeGap, type NumberSpan } from "./spans.ts";

// English multipliers written after the number (500k, 3M, 1.2 million).
const MULTIPLIER_RE = /^\s*(k|thousand|m|mn|million|b|bn|billion)(?![a-z])/i;
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};
const CURRENCY_SUFFIX_RE = /^\s*(?:元|塊|块|圓|台幣|臺幣|NTD|TWD|dollars?)/i;
// Numbers followed by these are dates, counts, percentages… never the amount.
const NOT_MONEY_SUFFIX_RE =
  /^\s*(?:年|月|日|號|号|個|个|件|項|项|張|张|份|人|名|家|%|歲|岁|次|位|條|条|樓|楼|天|週|周|小時|種|种|款|筆|笔|篇|支|組|组|套|倍|成|間|间|坪|公斤|kg|噸|吨)/i;

interface Candidate {
  span: NumberSpan;
  multiplier: number;
  marked: boolean;
}

/**
 * Finds the TWD amount in a sentence: `資本額500萬`, `NT$5,000,000元`, `新臺幣 5,000 萬元`,
 * `一千五百萬元整`, `1.5億`, `500k`, `3M`, `$3,000,000`. Numbers that carry a money mark (a unit,
 * thousands separators, a currency word, `元`) win over bare ones; dates and counts (`2023年`,
 * `2個`) are ignored. Returns the whole-dollar value, or a failure: `negative` (minus or 負),
 * `range` (0), `too_large` (> 10^15), `invalid` (a range like `500~600萬`, a fraction of a
 * dollar, several different amounts, a malformed number) or `missing` (no number).
 */
export function parseAmount(text: string): ParseOutcome<number> {
  const t = normalizeText(text);
  const spans = findNumberSpans(t);
  for (let i = 0; i + 1 < spans.length; i++) {
    if (isRangeGap(t.slice(spans[i].end, spans[i + 1].start))) return failure("invalid");
  }
  if (spans.some((s) => s.approximate)) return failure("invalid");
  const candidates = spans.map((s) => toCandidate(s, s.raw === t)).filter((c): c is Candidate =>
    c !== null
  );
  if (candidates.length === 0) return failure("missing");
  const marked = candidates.filter((c) => c.marked);
  const pool = marked.length > 0 ? marked : candidates;
  const values = pool.map(amountOf);
  if (values.some((v) => v === null)) return failure("invalid");
  if (new Set(values).size > 1) return failure("invalid");
  const chosen = pool[0];
  const value = values[0]!;
  if (chosen.span.negative) return failure("negative");
  if (value > MAX_CAPITAL) return failure("too_large");
  if (!Number.isInteger(value)) return failure("invalid");
  if (value < 1) return failure("range");
  return success(value);
}

function toCandidate(span: NumberSpan, alone: boolean): Candidate | null {
  const multiplierMatch = span.after.match(MULTIPLIER_RE);
  const multiplier = multiplierMatch ? MULTIPLIERS[multiplierMatch[1].toLowerCase()] : 1;
  const currencyAfter = CURRENCY_SUFFIX_RE.test(span.after);
  const currencyBefore = CURRENCY_PREFIX_RE.test(span.before.replace(/[-負负]\s*$/, ""));
  if (!currencyAfter && !currencyBefore && NOT_MONEY_SUFFIX_RE.test(span.after)) return null;
  // Standard codes and names such as ISO 9001, RE100, S1 are not amounts.
  if (!currencyBefore && /[A-Za-z][\s-]?$/.test(span.before)) return null;
  // A single Chinese digit inside a sentence (是一家…) is a word far more often than an amount.
  if (!span.arabic && span.raw.length === 1 && !alone && !currencyAfter && !currencyBefore) {
    return null;
  }
  const marked = span.hasUnit || span.raw.includes(",") || multiplier !== 1 || currencyAfter ||
    currencyBefore;
  return { span, multiplier, marked };
}

// The value with its multiplier applied, snapped to an integer when float error is the only
// reason it is not one (1.1 × 1000 = 1100.0000000000002).
function amountOf(c: Candidate): number | null {
  if (c.span.value === null) return null;
  const v = c.span.value * c.multiplier;
  const r = Math.round(v);
  return Math.abs(v - r) < 1e-6 ? r : v;
}
