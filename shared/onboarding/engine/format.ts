/**
 * Formatting collected values for replies: amounts with thousands separators and their
 * 萬/億 reading (so a user can see at a glance that `500萬` was understood), and lists joined
 * with the Chinese enumeration comma.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

/** Joins names with 、 (the Chinese enumeration comma). */
export function joinNames(names: readonly string[]): string {
  return names.join("、");
}

// One formatter for the isolate: `toLocaleString` with options builds a new one on every call,
// which showed in a message's profile.
const SEPARATED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `5000000` → `5,000,000`. */
export function withSeparators(n: number): string {
  return SEPARATED.format(n);
}

/**
 * The 萬/億 reading of a whole number of 萬: `5000000` → `500萬`, `120000000` → `1億2000萬`
 * (the way it is written in Chinese: digits within a 萬 group carry no thousands separator);
 * null when the amount is below 1萬 or not a whole number of 萬 (then the digits say it all).
 */
export function wanReading(n: number): string | null {
  if (!Number.isSafeInteger(n) || n < 10_000 || n % 10_000 !== 0) return null;
  const yi = Math.floor(n / 100_000_000);
  const wan = (n % 100_000_000) / 10_000;
  return (yi > 0 ? `${withSeparators(yi)}億` : "") + (wan > 0 ? `${wan}萬` : "");
}

/** An amount in TWD for a reply: `5,000,000 元（500萬元）`, or `8,500 元`. */
export function formatTwd(n: number): string {
  const wan = wanReading(n);
  return wan === null ? `${withSeparators(n)} 元` : `${withSeparators(n)} 元（${wan}元）`;
}
