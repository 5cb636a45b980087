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
  FINISH_LEAD_INS,
  FINISH_PHRASES,
  FINISH_WORDS,
  NOT_FINISHED_PATTERN,
  PRODUCT_DROP_PHRASES,
  PRODUCT_POSITION_PATTERN,
  PRODUCT_REFERENCE_SUFFIXES,
  REJECT_WORDS,
  REQUEST_POLITE_OPENINGS,
  REQUEST_POLITE_TAILS,
  SMALL_TALK_WORDS,
} from "../lexicon/mod.ts";
import { normalizeText, squash, stripEdgeNoise } from "../parsing/normalize.ts";
import { isPlainProductName } from "../parsing/product_sentence.ts";

/** A message reduced for whole-message comparison: normalised, edges stripped, no spaces. */
export function compact(text: string): string {
  return squash(stripEdgeNoise(normalizeText(text)));
}

// Longest first, so 就這些了 is consumed whole rather than as 就這些 + a stray 了.
const FINISH_PIECES = [...new Set([...FINISH_PHRASES, ...FINISH_WORDS])]
  .sort((a, b) => b.length - a.length);

/**
 * Whether the whole message says "I am done": one finish word (`完成`, `沒有了`, `就這樣`,
 * `done`…) or several finish phrases with punctuation (`就這些了，結束`, `好了，完成`,
 * `就這樣，謝謝`), possibly after an agreeing `OK`/`好`/`嗯` (`OK 就這樣，結束`). Thanks alone
 * are not a finish, and neither is `尚未完成` or `還沒結束`.
 */
export function isFinishWord(text: string): boolean {
  const whole = compact(text);
  return finishes(whole) ||
    FINISH_LEAD_INS.some((w) =>
      whole.startsWith(w) && finishes(stripEdgeNoise(whole.slice(w.length)))
    );
}

// Whether compacted text is made only of finish phrases, at least one of them more than thanks.
function finishes(whole: string): boolean {
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

const DELETE_VERB = `(?:${DELETE_VERBS.join("|")})(?:\\s*掉)?`;
const DROP = `(?:${PRODUCT_DROP_PHRASES.join("|")})`;
const REFERENCE = `(?:${PRODUCT_REFERENCE_SUFFIXES.join("|")})`;
const POLITE = `(?:(?:${REQUEST_POLITE_OPENINGS.join("|")})\\s*)*`;
// 刪除產品 P001, 請幫我移除「智能晶片」, delete P001.
const VERB_FIRST_RE = new RegExp(
  `^${POLITE}${DELETE_VERB}\\s*(?:產品|商品)?\\s*(?:ID)?\\s*[:=]?\\s*(.+)$`,
  "i",
);
// 把保溫杯那項拿掉, 把P002刪掉.
const BA_RE = new RegExp(`^${POLITE}把(?:產品)?\\s*(.+?)\\s*(?:給)?${DELETE_VERB}$`, "i");
// 第2項刪掉, 手工皂不要了, 第二個產品不要了, 保溫杯不賣了，幫我刪掉, P001 delete.
const VERB_AFTER_RE = new RegExp(
  `^(.+?)\\s*(?:可以|請|就)?(?:${DELETE_VERB}|${DROP}(?:\\s*[,，]?\\s*${POLITE}${DELETE_VERB})?)$`,
  "i",
);
// 不要恆溫保溫杯了: the product between 不要 and 了.
const DONT_WANT_RE = /^(?:我們|我们)?(?:不要|不用)(.+?)了$/;
// 不要賣保溫杯了，刪掉; 不再生產手工皂了.
const STOP_SELLING_RE = new RegExp(
  `^(?:我們|我们)?(?:不要再|不要|不再|沒有再|沒在)(?:賣|做|生產|販售)(.+?)了?` +
    `(?:\\s*,?\\s*(?:${DELETE_VERB}|${DROP}))?$`,
  "i",
);
const REFERENCE_RE = new RegExp(`\\s*${REFERENCE}$`);

/**
 * The product a delete command refers to, as said: an ID or a name (`刪除產品 P001` → `P001`,
 * `把保溫杯那項拿掉` → `保溫杯`, `手工皂不要了` → `手工皂`), or a position (`第二個產品不要了` →
 * `第二個`, `最後一個刪掉` → `最後一個`); without quotes. A verb placed after the product, or a
 * phrase such as 不要了 (or `不要X了`), counts only when what precedes it reads as a product (a
 * short name, an ID, a position), so `不要了` alone or `我想刪除` is not a deletion. Polite
 * openings and endings (`麻煩幫我…，謝謝`, `…好了`, `delete P001 please`) are not part of it. Returns null when the
 * message is not a delete command; which product is meant is settled against the stored
 * products (`resolveProducts` in product_flow.ts).
 */
export function parseDeleteCommand(text: string): string | null {
  const t = stripEdgeNoise(stripEdgeNoise(normalizeText(text)).replace(REQUEST_POLITE_TAILS, ""));
  if (t.includes("\n")) return null;
  const strong = t.match(VERB_FIRST_RE) ?? t.match(BA_RE);
  if (strong) {
    const key = cleanKey(strong[1]);
    return key === "" ? null : key;
  }
  const weak = t.match(STOP_SELLING_RE) ?? t.match(VERB_AFTER_RE) ?? t.match(DONT_WANT_RE);
  if (!weak) return null;
  const key = cleanKey(weak[1]);
  return isProductReference(key) ? key : null;
}

// A key without quotes, pointing words (那項, 這個產品) or a trailing 的.
function cleanKey(raw: string): string {
  const key = unquote(raw.trim().replace(/^(?:the|product)\s+/i, ""));
  const bare = unquote(key.replace(REFERENCE_RE, "").replace(/的$/, ""));
  return bare === "" ? key : bare;
}

function unquote(s: string): string {
  return s.replace(/^[「『"']+|[」』"']+$/g, "").trim();
}

/** Whether `key` reads as one product: a position (`第二個`, `最後一個`), an ID, or a short name. */
export function isProductReference(key: string): boolean {
  return PRODUCT_POSITION_PATTERN.test(key) || /^[A-Za-z0-9][A-Za-z0-9_\-.]*$/.test(key) ||
    isPlainProductName(key);
}

/** Whether a message reads as a correction of earlier data (`資本額改成600萬`). */
export function isCorrection(text: string): boolean {
  return CORRECTION_PATTERN.test(normalizeText(text));
}
