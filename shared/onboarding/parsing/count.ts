/**
 * Reading a non-negative count (patents, certifications) out of a free-form answer.
 */

import { normalizeText } from "./normalize.ts";
import { failure, type ParseOutcome, success } from "./outcome.ts";
import { findNumberSpans, isRangeGap, type NumberSpan } from "./spans.ts";

/** The largest accepted count; a company with more than a million patents is a typo. */
export const MAX_COUNT = 1_000_000;

// Measure words that make a number a count (10件, 兩個, 三份, 十二項, 5張).
const CLASSIFIER_RE =
  /^\s*(?:件|個|个|項|项|張|张|份|種|种|款|筆|笔|篇|支|家|組|组|套|本|枚|類|类|樣|样|張)/;
// Numbers followed by these are dates, money or percentages, not the count.
const NOT_COUNT_SUFFIX_RE = /^\s*(?:年|月|日|號|号|%|元|塊|歲|岁|點|点|倍|成|天|小時|分鐘)/;
// Phrases that contain a "none" word without meaning zero (沒錯 = right, 無法 = cannot).
const NOT_ZERO_RE =
  /沒錯|没错|沒問題|没问题|沒關係|没关系|無法|无法|無論|无论|無所謂|有沒有|有没有|是否/g;
const ZERO_WORD_RE =
  /沒有|没有|沒|没|無|无|尚未|還未|还未|未曾|並未|零|\b(?:none|no|nil|zero|n\/a|na)\b/i;

/**
 * Finds a count in a sentence: `10`, `10件`, `兩個`, `三份`, `十二項`, `共5張`, and zero for
 * `沒有` / `無` / `0` / `零` / `none` / `no` / `N/A`. Numbers with a measure word win over bare
 * ones; dates, money and percentages are ignored. Returns the count, or a failure: `negative`,
 * `invalid` (a fraction, a range such as `3~5件`, several different counts, a malformed number),
 * `too_large` (> 1,000,000) or `missing` (nothing count-like; `是否` is not read as anything).
 */
export function parseCount(text: string): ParseOutcome<number> {
  const t = normalizeText(text);
  const spans = findNumberSpans(t);
  for (let i = 0; i + 1 < spans.length; i++) {
    if (isRangeGap(t.slice(spans[i].end, spans[i + 1].start))) return failure("invalid");
  }
  if (spans.some((s) => s.approximate)) return failure("invalid");
  const candidates = spans.filter(isCountCandidate);
  if (candidates.length === 0) {
    return ZERO_WORD_RE.test(t.replace(NOT_ZERO_RE, " ")) ? success(0) : failure("missing");
  }
  const classified = candidates.filter((s) => CLASSIFIER_RE.test(s.after));
  const pool = classified.length > 0 ? classified : candidates;
  if (pool.some((s) => s.value === null)) return failure("invalid");
  if (new Set(pool.map((s) => s.value)).size > 1) return failure("invalid");
  const chosen = pool[0];
  const value = chosen.value!;
  if (chosen.negative) return failure("negative");
  if (value > MAX_COUNT) return failure("too_large");
  if (!Number.isInteger(value)) return failure("invalid");
  return success(value);
}

function isCountCandidate(span: NumberSpan): boolean {
  if (NOT_COUNT_SUFFIX_RE.test(span.after)) return false;
  // Standard codes such as ISO 9001, RE100 or IFRS S2 are names, not counts.
  if (/[A-Za-z][\s-]?$/.test(span.before)) return false;
  return true;
}
