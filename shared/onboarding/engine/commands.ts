/**
 * Recognising the few whole-message commands of the conversation: finishing, confirming,
 * deleting a product, asking to add one. Finish and confirm words only count as the *whole*
 * message (after punctuation and particles are stripped): the old system matched substrings,
 * so `尚未完成` finished a session and `產品名稱：完成品` did too.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { normalizeText, stripEdgeNoise } from "../parsing/normalize.ts";

/** A message reduced for whole-message comparison: normalised, edges stripped, no spaces. */
export function compact(text: string): string {
  return stripEdgeNoise(normalizeText(text)).toLowerCase().replace(/\s+/g, "");
}

const FINISH_WORDS = new Set([
  "完成",
  "完成了",
  "結束",
  "結束了",
  "沒有了",
  "没有了",
  "沒了",
  "没了",
  "沒有其他",
  "沒有其他了",
  "沒有其他產品",
  "沒有其他產品了",
  "沒有別的了",
  "沒有更多",
  "沒有更多了",
  "不用了",
  "不用",
  "不需要",
  "不需要了",
  "就這樣",
  "就這樣了",
  "就這些",
  "就這些了",
  "好了",
  "都好了",
  "填完了",
  "done",
  "finish",
  "finished",
  "nomore",
  "that'sall",
  "thatsall",
]);

/** Whether the whole message says "I am done" (`完成`, `沒有了`, `就這樣`, `done`…). */
export function isFinishWord(text: string): boolean {
  return FINISH_WORDS.has(compact(text));
}

const CONFIRM_WORDS = new Set([
  "確認",
  "确认",
  "確認無誤",
  "確認完成",
  "確認送出",
  "確定",
  "正確",
  "正确",
  "正確無誤",
  "都正確",
  "資料正確",
  "是",
  "是的",
  "對",
  "對的",
  "没错",
  "沒錯",
  "沒問題",
  "好",
  "好的",
  "可以",
  "ok",
  "okay",
  "yes",
  "y",
  "correct",
  "confirm",
]);

/** Whether the whole message confirms the summary (`確認`, `正確`, `是`, `沒錯`, `ok`…). */
export function isConfirmWord(text: string): boolean {
  return CONFIRM_WORDS.has(compact(text));
}

const REJECT_WORDS = new Set([
  "不",
  "否",
  "不是",
  "不對",
  "不正確",
  "不确认",
  "有錯",
  "錯了",
  "no",
]);

/** Whether the whole message rejects the summary without saying what to change (`不對`). */
export function isRejectWord(text: string): boolean {
  return REJECT_WORDS.has(compact(text));
}

const ADD_PRODUCT_RE =
  /^(?:我)?(?:要|想|想要|還要|再)?(?:新增|增加|加入|加)(?:一個|一項|其他)?產品$|^還有(?:產品|其他產品)?$/;

/** Whether the whole message asks to add another product (`新增產品`, `還有產品`). */
export function isAddProductRequest(text: string): boolean {
  return ADD_PRODUCT_RE.test(compact(text));
}

const DELETE_VERB = "(?:刪除|刪掉|删除|删掉|移除|去掉|拿掉)";
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

const CORRECTION_RE =
  /改成|改為|改为|更正|修正|修改|更改|更新|應該是|应该是|應為|换成|換成|變更|改一下|才對/;

/** Whether a message reads as a correction of earlier data (`資本額改成600萬`). */
export function isCorrection(text: string): boolean {
  return CORRECTION_RE.test(normalizeText(text));
}
