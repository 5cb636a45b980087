/**
 * Finding the numbers inside a sentence, with enough context (sign, neighbours, what follows)
 * for the amount and count parsers to pick the one the user meant, and to notice when the
 * user gave no single number (a range such as `三四件` or `5~6件`, a bound such as `100件以上`).
 */

import {
  BOUND_AFTER_PATTERN,
  BOUND_BEFORE_PATTERN,
  ENGLISH_WORDS_BEFORE_NUMBER,
  NUMBER_WORD_AFTER_PATTERN,
  NUMBER_WORD_BEFORE_PATTERN,
  RANGE_GAP_LEADING_UNIT_PATTERN,
  RANGE_GAP_PATTERN,
  TWD_PREFIX_PATTERN,
  VAGUE_AFTER_NUMBER_PATTERN,
} from "../lexicon/mod.ts";
import { CHINESE_DIGITS, parseChineseNumber } from "./numbers.ts";

const DIGIT_CLASS = "0-9零〇一二兩两三四五六七八九十百千萬万億亿兆壹貳贰參参叁肆伍陸陆柒捌玖拾佰仟";
const UNIT_CLASS = "十百千萬万億亿兆拾佰仟";

// A run of number characters; `.`/`,` only between digits, spaces only before a unit (5 萬).
// An exponent (2e6, 1E+9) is kept in the run so the run is refused as a whole: read without
// it, `2e6` would become 2.
const SPAN_RE = new RegExp(
  `[${DIGIT_CLASS}](?:[${DIGIT_CLASS}]|(?<=[0-9])[.,](?=[0-9])|\\s+(?=[${UNIT_CLASS}]))*` +
    `(?:(?<=[0-9])[eE][+-]?[0-9]+)?`,
  "g",
);
const UNIT_RE = new RegExp(`[${UNIT_CLASS}]`);

/** One number found in a sentence. Offsets refer to the (already normalised) input. */
export interface NumberSpan {
  /** Offset of the first number character. */
  start: number;
  /** Offset just after the last number character. */
  end: number;
  /** The number characters as written. */
  raw: string;
  /**
   * The value, or null when the run looks numeric but is not one number: malformed (`1,2`,
   * `2e6`) or a range written as adjacent Chinese digits (`三四`, `兩三百`).
   */
  value: number | null;
  /** Whether the run is a range written as adjacent Chinese digits (`三四件`, `兩三百萬`). */
  range: boolean;
  /** Whether the run contains a unit character (十百千萬億…). */
  hasUnit: boolean;
  /** Whether the run contains Arabic digits. */
  arabic: boolean;
  /**
   * Whether no exact value was given: a vagueness word follows (十幾件, 100多萬) or a bound
   * stands around it (超過100件, 100件以上).
   */
  approximate: boolean;
  /** Whether a minus sign or 負 stands right before it (possibly around a currency prefix). */
  negative: boolean;
  /** All text before the span. */
  before: string;
  /** All text after the span. */
  after: string;
}

/**
 * Finds the numbers in normalised text, left to right. Chinese-only runs that are really words
 * (一些, 第一, 千萬 as "by all means", 萬一) are skipped; Arabic runs are always returned, with
 * `value: null` when malformed so callers can refuse them rather than ignore them, and so are
 * Chinese ranges (`三四`), marked `range`.
 */
export function findNumberSpans(text: string): NumberSpan[] {
  const spans: NumberSpan[] = [];
  for (const m of text.matchAll(SPAN_RE)) {
    const raw = m[0].trimEnd();
    const start = m.index!;
    const end = start + raw.length;
    const before = text.slice(0, start);
    const after = text.slice(end);
    const arabic = /[0-9]/.test(raw);
    const value = parseChineseNumber(raw);
    const range = !arabic && value === null && isChineseRange(raw);
    if (!arabic && !range) {
      if (value === null) continue;
      if (
        raw.length === 1 &&
        (NUMBER_WORD_AFTER_PATTERN.test(after) || NUMBER_WORD_BEFORE_PATTERN.test(before))
      ) {
        continue;
      }
    }
    spans.push({
      start,
      end,
      raw,
      value,
      range,
      hasUnit: UNIT_RE.test(raw),
      arabic,
      approximate: VAGUE_AFTER_NUMBER_PATTERN.test(after) || BOUND_BEFORE_PATTERN.test(before) ||
        BOUND_AFTER_PATTERN.test(after),
      negative: isNegated(before),
      before,
      after,
    });
  }
  return spans;
}

/**
 * Whether the text between two numbers makes them a range (`500~600`, `500萬到1000萬`,
 * `500-600萬`, `5件或6件`, `10 or 12`): only a range word, with units and currency words
 * around it. Returns true if so.
 */
export function isRangeGap(gap: string): boolean {
  const g = gap.replace(RANGE_GAP_LEADING_UNIT_PATTERN, "").replace(TWD_PREFIX_PATTERN, "");
  return RANGE_GAP_PATTERN.test(g.trim());
}

/**
 * Whether some number of the spans is not a single exact value: a range (`三四件`, `5~6件`,
 * `十到二十件`). Spans must come from one text, in order.
 */
export function hasRange(text: string, spans: readonly NumberSpan[]): boolean {
  if (spans.some((s) => s.range)) return true;
  for (let i = 0; i + 1 < spans.length; i++) {
    if (isRangeGap(text.slice(spans[i].end, spans[i + 1].start))) return true;
  }
  return false;
}

/**
 * The clause a number stands in (between commas, semicolons, full stops or line breaks), for
 * reading a hedge that qualifies this number (`大約12件`, `500萬左右`) and not another one.
 */
export function clauseAround(span: NumberSpan): string {
  const head = span.before.split(/[,;:\n。、!?]/).pop() ?? "";
  const tail = span.after.split(/[,;:\n。、!?]/)[0];
  return head + span.raw + tail;
}

/**
 * Whether the letters right before a number make it part of a code or standard name
 * (`ISO 9001`, `RE100`, `IFRS S2`, `A-3`) rather than a value; English words of a sentence
 * (`about 12`, `10 or 12`) do not.
 */
export function isCodeBefore(before: string): boolean {
  const word = before.match(/([A-Za-z]+)[\s-]?$/);
  if (!word) return false;
  return !(/\s$/.test(before) && ENGLISH_WORDS_BEFORE_NUMBER.has(word[1].toLowerCase()));
}

// Two different Chinese digits side by side (三四, 兩三百, 十三四, 一兩): said aloud this is a
// range ("three or four"); a positional number needs three digits or more (二〇二四).
function isChineseRange(raw: string): boolean {
  const chars = [...raw];
  return chars.some((ch, i) => {
    const next = chars[i + 1];
    if (next === undefined || !(ch in CHINESE_DIGITS) || !(next in CHINESE_DIGITS)) return false;
    const a = CHINESE_DIGITS[ch];
    const b = CHINESE_DIGITS[next];
    return a !== 0 && b !== 0 && a !== b;
  });
}

// A minus or 負 right before the number (currency words may sit on either side of the sign),
// unless a number or unit stands before that sign, which makes it a range dash (500-600).
function isNegated(before: string): boolean {
  const m = before.replace(TWD_PREFIX_PATTERN, "").match(/(-|負|负)\s*$/);
  if (!m) return false;
  const head = before.slice(0, m.index).trimEnd();
  if (m[1] === "-" && new RegExp(`[${DIGIT_CLASS}元塊kKmMwW]$`).test(head)) return false;
  return true;
}
