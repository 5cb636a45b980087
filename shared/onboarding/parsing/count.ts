/**
 * Reading a non-negative count (patents, certifications) out of a free-form answer.
 */

import {
  COUNT_CLASSIFIER_PATTERN,
  EMPHATIC_ZERO_PATTERN,
  HEDGE_PATTERN,
  NOT_COUNT_SUFFIX_PATTERN,
  NOT_ZERO_PATTERN,
  ZERO_WORD_PATTERN,
} from "../lexicon/mod.ts";
import { normalizeText } from "./normalize.ts";
import { failure, type ParseOutcome, success } from "./outcome.ts";
import { clauseAround, findNumberSpans, hasRange, isCodeBefore, type NumberSpan } from "./spans.ts";

/** The largest accepted count; a company with more than a million patents is a typo. */
export const MAX_COUNT = 1_000_000;

/**
 * Finds a count in a sentence: `10`, `10件`, `兩個`, `三份`, `十二項`, `共5張`, and zero for
 * `沒有` / `無` / `0` / `零件` / `一項也沒有` / `半件都沒有` / `none` / `N/A`. Numbers with a
 * measure word win over bare ones; dates, money and percentages are ignored. Returns the count
 * (marked `hedged` after 大約, 差不多, 應該, 左右…), or a failure: `ambiguous` (a range such as
 * `三四件`, `三、四件`, `5~6件`, `10或12件`, or several different counts), `invalid` (a fraction, an
 * approximation such as `十幾件` or `100件以上`, a malformed number), `negative`, `too_large`
 * (> 1,000,000) or `missing` (nothing count-like; `是否` is not read as anything).
 */
export function parseCount(text: string): ParseOutcome<number> {
  // `一項也沒有` holds a 一 that is not a count of one: the phrase is read as a plain 沒有.
  const t = normalizeText(text).replace(EMPHATIC_ZERO_PATTERN, " 沒有 ");
  const candidates = findNumberSpans(t).filter(isCountCandidate);
  if (candidates.length === 0) {
    return ZERO_WORD_PATTERN.test(t.replace(NOT_ZERO_PATTERN, " "))
      ? success(0)
      : failure("missing");
  }
  if (hasRange(t, candidates) || listsAlternatives(t, candidates)) return failure("ambiguous");
  if (candidates.some((s) => s.approximate)) return failure("invalid");
  const classified = candidates.filter((s) => COUNT_CLASSIFIER_PATTERN.test(s.after));
  const pool = classified.length > 0 ? classified : candidates;
  if (pool.some((s) => s.value === null)) return failure("invalid");
  if (new Set(pool.map((s) => s.value)).size > 1) return failure("ambiguous");
  const chosen = pool[0];
  const value = chosen.value!;
  if (chosen.negative) return failure("negative");
  if (value > MAX_COUNT) return failure("too_large");
  if (!Number.isInteger(value)) return failure("invalid");
  return success(value, value > 0 && HEDGE_PATTERN.test(clauseAround(chosen)));
}

// `三、四件` or `3,4件`: a bare number, a list mark, then another number with the measure word
// shared by both; said aloud this is "three or four", not 4.
function listsAlternatives(text: string, spans: readonly NumberSpan[]): boolean {
  for (let i = 0; i + 1 < spans.length; i++) {
    const gap = text.slice(spans[i].end, spans[i + 1].start);
    if (
      /^\s*[、,]\s*$/.test(gap) && spans[i].value !== spans[i + 1].value &&
      COUNT_CLASSIFIER_PATTERN.test(spans[i + 1].after)
    ) {
      return true;
    }
  }
  return false;
}

function isCountCandidate(span: NumberSpan): boolean {
  if (NOT_COUNT_SUFFIX_PATTERN.test(span.after)) return false;
  // Standard codes such as ISO 9001, RE100 or IFRS S2 are names, not counts.
  if (isCodeBefore(span.before)) return false;
  return true;
}
