/**
 * Finding the numbers inside a sentence, with enough context (sign, neighbours, what follows)
 * for the amount and count parsers to pick the one the user meant.
 */

import { parseChineseNumber } from "./numbers.ts";

const DIGIT_CLASS = "0-9零〇一二兩两三四五六七八九十百千萬万億亿兆壹貳贰參参叁肆伍陸陆柒捌玖拾佰仟";
const UNIT_CLASS = "十百千萬万億亿兆拾佰仟";

// A run of number characters; `.`/`,` only between digits, spaces only before a unit (5 萬).
const SPAN_RE = new RegExp(
  `[${DIGIT_CLASS}](?:[${DIGIT_CLASS}]|(?<=[0-9])[.,](?=[0-9])|\\s+(?=[${UNIT_CLASS}]))*`,
  "g",
);

// Words that contain number characters but are not numbers (一些, 一起, 第一, 統一, 十分…).
const WORD_AFTER =
  /^(?:些|共|直|起|樣|样|般|定|下|切|點|点|律|再|同|致|旦|向|邊|边|方|面|分|心|手|口|氣|番|毛|度|概|連|來|貫|元化|味|身|舉|流|級|體|明治|處)/;
const WORD_BEFORE = /(?:第|唯|統|统|星期|禮拜|礼拜|週|周|其|之|初)$/;

/** Currency words that may stand before an amount: NT$, $, NTD, TWD, 新台幣, 新臺幣, 台幣. */
export const CURRENCY_PREFIX_RE = /(?:NT\$|NT|NTD|TWD|\$|新台幣|新臺幣|台幣|臺幣)\s*$/i;

/** One number found in a sentence. Offsets refer to the (already normalised) input. */
export interface NumberSpan {
  /** Offset of the first number character. */
  start: number;
  /** Offset just after the last number character. */
  end: number;
  /** The number characters as written. */
  raw: string;
  /** The value, or null when the run looks numeric but is malformed (`1,2`, `二十三四`). */
  value: number | null;
  /** Whether the run contains a unit character (十百千萬億…). */
  hasUnit: boolean;
  /** Whether the run contains Arabic digits. */
  arabic: boolean;
  /** Whether a vagueness word follows (十幾件, 100多萬, 二十餘件), so no exact value was given. */
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
 * `value: null` when malformed so callers can refuse them rather than ignore them.
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
    if (!arabic) {
      if (value === null) continue;
      if (raw.length === 1 && (WORD_AFTER.test(after) || WORD_BEFORE.test(before))) continue;
    }
    spans.push({
      start,
      end,
      raw,
      value,
      hasUnit: new RegExp(`[${UNIT_CLASS}]`).test(raw),
      arabic,
      approximate: /^\s*(?:幾|几|多|餘|余|來|来)/.test(after),
      negative: isNegated(before),
      before,
      after,
    });
  }
  return spans;
}

/**
 * Whether the text between two numbers makes them a range (`500~600`, `500萬到1000萬`,
 * `500-600萬`, `5百或6百萬`): only range words, currency words and spaces. Returns true if so.
 */
export function isRangeGap(gap: string): boolean {
  const g = gap
    .replace(/^\s*(?:k|m|元|塊|块|圓|萬元)?\s*/i, "")
    .replace(/\s*(?:NT\$|\$|新台幣|新臺幣|台幣|臺幣)?\s*$/i, "");
  return /^(?:-|~|到|至|或|或是|或者|to|~~|-~|～)$/i.test(g.trim());
}

// A minus or 負 right before the number (currency words may sit on either side of the sign),
// unless a number or unit stands before that sign, which makes it a range dash (500-600).
function isNegated(before: string): boolean {
  const m = before.match(/(-|負|负)\s*(?:NT\$|NTD|TWD|\$|新台幣|新臺幣|台幣|臺幣)?\s*$/i);
  if (!m) return false;
  const head = before.slice(0, m.index).trimEnd();
  if (m[1] === "-" && new RegExp(`[${DIGIT_CLASS}元塊kKmM]$`).test(head)) return false;
  return true;
}
