/**
 * Recognising the few whole-message commands of the conversation: finishing, confirming,
 * deleting a product, asking to add one. Finish and confirm words only count as the *whole*
 * message (after punctuation and particles are stripped): the old system matched substrings,
 * so `尚未完成` finished a session and `產品名稱：完成品` did too.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import {
  ADD_PRODUCT_PATTERN,
  CONFIRM_WORDS,
  CORRECTION_PATTERN,
  DELETE_VERBS,
  FINISH_PHRASES,
  FINISH_WORDS,
  NOT_FINISHED_PATTERN,
  REJECT_WORDS,
  SMALL_TALK_WORDS,
} from "../lexicon/mod.ts";
import { normalizeText, stripEdgeNoise } from "../parsing/normalize.ts";

/** A message reduced for whole-message comparison: normalised, edges stripped, no spaces. */
export function compact(text: string): string {
  return stripEdgeNoise(normalizeText(text)).toLowerCase().replace(/\s+/g, "");
}

// Longest first, so 就這些了 is consumed whole rather than as 就這些 + a stray 了.
const FINISH_PIECES = [...new Set([...FINISH_PHRASES, ...FINISH_WORDS])]
  .sort((a, b) => b.length - a.length);

/**
 * Whether the whole message says "I am done": one finish word (`完成`, `沒有了`, `就這樣`,
 * `done`…) or several finish phrases with punctuation (`就這些了，結束`, `好了，完成`,
 * `就這樣，謝謝`). Thanks alone are not a finish, and neither is `尚未完成` or `還沒結束`.
 */
export function isFinishWord(text: string): boolean {
  const whole = compact(text);
  if (FINISH_WORDS.has(whole)) return true;
  let finish = false;
  for (const piece of whole.split(/[,.;:!?~、。…]+/)) {
    let rest = stripEdgeNoise(piece);
    while (rest !== "") {
      const phrase = FINISH_PIECES.find((p) => rest.startsWith(p));
      if (phrase === undefined) return false;
      if (!SMALL_TALK_WORDS.has(phrase)) finish = true;
      rest = stripEdgeNoise(rest.slice(phrase.length).replace(/^[吧啦喔囉了呢啊]+/, ""));
    }
  }
  return finish;
}

/** Whether the whole message says "not finished yet" (`尚未完成`, `還沒結束`). */
export function isNotFinished(text: string): boolean {
  return NOT_FINISHED_PATTERN.test(compact(text));
}

/** Whether the whole message confirms the summary (`確認`, `正確`, `是`, `沒錯`, `ok`…). */
export function isConfirmWord(text: string): boolean {
  return CONFIRM_WORDS.has(compact(text));
}

/** Whether the whole message rejects the summary without saying what to change (`不對`). */
export function isRejectWord(text: string): boolean {
  return REJECT_WORDS.has(compact(text));
}

/** Whether the whole message asks to add another product (`新增產品`, `還有產品`). */
export function isAddProductRequest(text: string): boolean {
  return ADD_PRODUCT_PATTERN.test(compact(text));
}

const DELETE_VERB = `(?:${DELETE_VERBS.join("|")})`;
const DELETE_RE = new RegExp(
  `^(?:請|麻煩)?(?:幫我)?${DELETE_VERB}(?:掉)?(?:產品|产品)?\\s*(?:ID)?\\s*[:=]?\\s*(.+?)(?:這個產品|這項產品|產品)?$`,
  "i",
);
const DELETE_BA_RE = new RegExp(
  `^(?:請|麻煩)?(?:幫我)?把(?:產品|产品)?\\s*(.+?)\\s*${DELETE_VERB}(?:掉)?$`,
);

/**
 * The product a delete command names (`刪除產品 P001` → `P001`, `把智能晶片刪掉` → `智能晶片`),
 * without quotes; null when the message is not a delete command.
 */
export function parseDeleteCommand(text: string): string | null {
  const t = stripEdgeNoise(normalizeText(text));
  if (t.includes("\n")) return null;
  const m = t.match(DELETE_RE) ?? t.match(DELETE_BA_RE);
  if (!m) return null;
  const key = m[1].replace(/^[「『"']+|[」』"']+$/g, "").trim();
  return key === "" ? null : key;
}

/** Whether a message reads as a correction of earlier data (`資本額改成600萬`). */
export function isCorrection(text: string): boolean {
  return CORRECTION_PATTERN.test(normalizeText(text));
}
