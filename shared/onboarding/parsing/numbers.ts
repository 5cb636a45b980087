/**
 * Reading one number token written the ways Taiwanese users write numbers: Arabic digits
 * (with thousands separators or a decimal point), full-width digits, Chinese and financial
 * numerals, and mixtures such as `1億2千萬` or `12萬3456`.
 */

import { normalizeText } from "./normalize.ts";

/** Chinese digit characters (incl. financial and Simplified forms) and their values. */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  兩: 2,
  两: 2,
  貳: 2,
  贰: 2,
  三: 3,
  參: 3,
  参: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陸: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

/** Units that multiply the digit before them within a 萬-section (十, 百, 千). */
export const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};

/** Units that close a section and multiply everything smaller before them (萬, 億, 兆). */
export const BIG_UNITS: Readonly<Record<string, number>> = {
  萬: 1e4,
  万: 1e4,
  億: 1e8,
  亿: 1e8,
  兆: 1e12,
};

// Decimal places kept exactly; more than this is not a plausible user-typed number.
const MAX_DECIMALS = 6;

type Piece =
  | { kind: "num"; value: bigint; arabic: boolean; digits: number }
  | { kind: "small"; unit: bigint }
  | { kind: "big"; unit: bigint };

/**
 * Parses a token that is entirely one number: `5000000`, `5,000,000`, `1.5`, `５００`, `五百萬`,
 * `十二`, `兩千`, `一千零五`, `1億2千萬`, `1.5億`, `3千5百萬`, `12萬3456`, `二〇二四`, and the
 * colloquial `兩萬五` (25000); `三四` (a range) is not a number. Spaces next to a unit are
 * ignored (`5,000 萬`). Returns the value, or null when the token is not a number (signs are
 * not accepted: callers decide what a minus means). Arithmetic is done on scaled bigints, so
 * `1.1億` is exactly 110000000.
 */
export function parseChineseNumber(token: string): number | null {
  const t = normalizeText(token).replace(/\s+(?=\D)|(?<=\D)\s+/g, "");
  if (t === "" || /\s/.test(t)) return null;
  if (!/[0-9]/.test(t) && !Object.keys(CHINESE_DIGITS).some((d) => t.includes(d))) {
    // Without any digit only a leading 十 (十, 十二, 十萬) is a number; 百/千/萬 alone are words.
    if (!/^[十拾]/.test(t)) return null;
  }
  const decimals = Math.max(0, ...[...t.matchAll(/\.(\d+)/g)].map((m) => m[1].length));
  if (decimals > MAX_DECIMALS) return null;
  const scale = 10n ** BigInt(decimals);
  const pieces = tokenize(t, decimals);
  if (pieces === null) return null;
  const scaled = evaluate(pieces, scale);
  if (scaled === null) return null;
  if (scaled % scale === 0n) return Number(scaled / scale);
  return Number(scaled) / Number(scale);
}

/** Splits a token into digit runs and units; digits are scaled by 10^decimals. */
function tokenize(t: string, decimals: number): Piece[] | null {
  const pieces: Piece[] = [];
  const scale = 10n ** BigInt(decimals);
  let i = 0;
  while (i < t.length) {
    const rest = t.slice(i);
    const arabic = rest.match(/^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/);
    if (arabic) {
      // A comma is accepted only as a proper thousands separator (5,000,000), never 1,2.
      if (/^,\d/.test(rest.slice(arabic[0].length))) return null;
      const intPart = BigInt(arabic[1].replaceAll(",", ""));
      const frac = (arabic[2] ?? "").padEnd(decimals, "0");
      const value = intPart * scale + (decimals > 0 ? BigInt(frac) : 0n);
      pieces.push({ kind: "num", value, arabic: true, digits: arabic[1].length });
      i += arabic[0].length;
      continue;
    }
    const ch = t[i];
    if (ch in CHINESE_DIGITS) {
      pieces.push({
        kind: "num",
        value: BigInt(CHINESE_DIGITS[ch]) * scale,
        arabic: false,
        digits: 1,
      });
    } else if (ch in SMALL_UNITS) {
      pieces.push({ kind: "small", unit: BigInt(SMALL_UNITS[ch]) });
    } else if (ch in BIG_UNITS) {
      pieces.push({ kind: "big", unit: BigInt(BIG_UNITS[ch]) });
    } else {
      return null;
    }
    i++;
  }
  return pieces;
}

/** Evaluates the pieces; returns the value scaled by `scale`, or null if malformed. */
function evaluate(pieces: Piece[], scale: bigint): bigint | null {
  if (pieces.every((p) => p.kind === "num")) return positional(pieces, scale);
  // Finished big sections, each remembering its unit so a larger unit can absorb the smaller
  // ones before it (一萬億 = 10^12).
  const sections: { unit: bigint; value: bigint }[] = [];
  let section = 0n; // the value of the current section (below the last big unit)
  let current: bigint | null = null; // the number waiting for a unit
  let zeroSeen = false; // 零 after a unit: the next digit is a plain units digit (一千零五)
  let afterZero = false;
  let lastUnit: bigint | null = null;
  let prev: Piece | null = null;
  for (const p of pieces) {
    if (p.kind === "num") {
      if (current !== null) return null; // two numbers in a row: 二十三四, 12三
      if (!p.arabic && p.value === 0n && prev !== null && prev.kind !== "num") {
        zeroSeen = true;
      } else {
        current = p.value;
        afterZero = zeroSeen;
        zeroSeen = false;
      }
    } else if (p.kind === "small") {
      section += (current ?? scale) * p.unit;
      current = null;
      zeroSeen = false;
      lastUnit = p.unit;
    } else {
      const value = section + (current ?? 0n);
      if (value === 0n && sections.length === 0) return null; // 萬 with nothing before it
      let absorbed = value;
      while (sections.length > 0 && sections[sections.length - 1].unit < p.unit) {
        absorbed += sections.pop()!.value;
      }
      sections.push({ unit: p.unit, value: absorbed * p.unit });
      section = 0n;
      current = null;
      zeroSeen = false;
      lastUnit = p.unit;
    }
    prev = p;
  }
  let tail = current ?? 0n;
  // 兩萬五 / 三千五 / 一百五: one trailing digit right after a unit, with no 零, stands for the
  // next lower place (25000, 3500, 150), which is how these amounts are said aloud.
  const last = pieces[pieces.length - 1];
  const beforeLast = pieces[pieces.length - 2];
  if (
    current !== null && !afterZero && last.kind === "num" && last.digits === 1 &&
    beforeLast !== undefined && beforeLast.kind !== "num" && lastUnit !== null && lastUnit > 10n
  ) {
    tail = current * (lastUnit / 10n);
  }
  return sections.reduce((sum, s) => sum + s.value, 0n) + section + tail;
}

/**
 * Digits without units: Arabic as written, Chinese read digit by digit (二〇二四 = 2024) only
 * from three digits on. Two Chinese digits side by side (三四, 五六) are said for a range
 * ("three or four"), never for 34, so they are not a number.
 */
function positional(pieces: Piece[], scale: bigint): bigint | null {
  if (pieces.length === 1) return (pieces[0] as { value: bigint }).value;
  if (pieces.some((p) => p.kind === "num" && p.arabic)) return null;
  if (pieces.length < 3) return null;
  let v = 0n;
  for (const p of pieces) v = v * 10n + (p as { value: bigint }).value / scale;
  return v * scale;
}
