/**
 * Reading yes/no answers, "none" answers and "skip this optional field" answers. The old
 * system read `沒有` as yes (it contains 有) and `know` as no (it contains `no`); here negatives
 * are checked before affirmatives and English is matched as whole words only.
 */

import {
  EN_NO_WORDS,
  EN_YES_WORDS,
  GREETING_PATTERN,
  isQuestion,
  NO_PATTERN,
  NONE_PATTERN,
  NONE_WORDS,
  PUT_OFF_ANSWER_PATTERN,
  SKIP_WORDS,
  UNDECIDED_PATTERN,
  YES_PATTERN,
  YES_WITH_NEGATIVE_PATTERN,
} from "../lexicon/mod.ts";
import { normalizeText, stripEdgeNoise } from "./normalize.ts";

/**
 * Reads a yes/no answer. Yes: 有, 是, 對, 好, 要, 正確, 確認, 沒錯, 好的, 是的, 有的, yes, y, ok…;
 * no: 沒有, 沒, 無, 否, 不是, 不要, 不用, 不需要, 沒有了, no, n, none, N/A, `-`. Questions and
 * hesitations (`是否`, `有沒有？`, `不知道`) and unrelated English (`know`, `yesterday`) give
 * null. Returns "yes", "no" or null.
 */
export function parseYesNo(text: string): "yes" | "no" | null {
  // Greetings contain 好 but answer nothing.
  const t = stripEdgeNoise(normalizeText(text).replace(GREETING_PATTERN, "")).toLowerCase();
  if (t === "") return null;
  if (/^-+$/.test(t) || t === "n/a") return "no";
  if (UNDECIDED_PATTERN.test(t) || isQuestion(t)) return null;
  const words = t.match(/[a-z/]+/g) ?? [];
  const hasCjk = /[\u3400-\u9fff]/.test(t);
  if (!hasCjk) {
    // English: the first word decides (yes we do / no thanks); anything else is not an answer.
    const first = words[0];
    if (first === undefined) return null;
    if (EN_YES_WORDS.has(first)) return "yes";
    if (EN_NO_WORDS.has(first)) return "no";
    return null;
  }
  const cleared = t.replace(YES_WITH_NEGATIVE_PATTERN, "");
  if (cleared !== t && !NO_PATTERN.test(cleared)) return "yes";
  if (NO_PATTERN.test(t)) return "no";
  if (YES_PATTERN.test(t)) return "yes";
  if (words.some((w) => EN_YES_WORDS.has(w))) return "yes";
  if (words.some((w) => EN_NO_WORDS.has(w))) return "no";
  return null;
}

/**
 * Whether the whole answer means "none" (無, 沒有, 没有, 目前沒有, 沒有認證, 無認證, none, N/A,
 * `-`, nil…). Returns true only for such an answer; a sentence that names something is false.
 */
export function isNoneAnswer(text: string): boolean {
  const t = stripEdgeNoise(normalizeText(text)).toLowerCase().replace(/\s+/g, "");
  if (NONE_WORDS.has(t) || /^-+$/.test(t) || t === "0" || t === "零") return true;
  return NONE_PATTERN.test(t);
}

/**
 * Whether the answer asks to leave an optional product field empty: `-`, `無`, `沒有`, `跳過`,
 * `略過`, `不填`, `skip`, `N/A`… Returns true for such an answer, false for a real value.
 */
export function isSkipAnswer(text: string): boolean {
  const t = stripEdgeNoise(normalizeText(text)).toLowerCase().replace(/\s+/g, "");
  return SKIP_WORDS.has(t) || /^[-/_]+$/.test(t);
}

/**
 * Whether the whole answer puts the question off (`不知道`, `還沒定耶`, `之後再說`): for an
 * optional product field it leaves the field empty, as a skip does; it is never a value.
 */
export function isPutOffAnswer(text: string): boolean {
  return PUT_OFF_ANSWER_PATTERN.test(stripEdgeNoise(normalizeText(text)).replace(/\s+/g, ""));
}
