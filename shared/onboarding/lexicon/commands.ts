/**
 * Verbs that ask the conversation to do something: correct a value, delete or add a product.
 *
 * @module
 */

/**
 * Correction words, longest first, so that the value after the last one is what counts
 * (`資本額從500萬改成600萬` → 600萬). One list for every reader: the engine deciding that a
 * message corrects earlier data and the fact reader cutting out the corrected value.
 */
export const CORRECTION_WORDS: readonly string[] = [
  "更正為",
  "更正为",
  "更改為",
  "更改为",
  "修改為",
  "修改为",
  "修正為",
  "修正为",
  "更新為",
  "更新为",
  "應該是",
  "应该是",
  "改一下",
  "改成",
  "改為",
  "改为",
  "更正",
  "修正",
  "修改",
  "更改",
  "更新",
  "應為",
  "应为",
  "換成",
  "换成",
  "變成",
  "变成",
  "變更",
  "变更",
  "而是",
  "才對",
  "才对",
];

/** Any correction word. */
export const CORRECTION_PATTERN = new RegExp(CORRECTION_WORDS.join("|"));

/** Verbs that ask for a product to be removed. */
export const DELETE_VERBS: readonly string[] = [
  "刪除",
  "刪掉",
  "删除",
  "删掉",
  "移除",
  "去掉",
  "拿掉",
  "delete",
  "remove",
];

/** Any delete verb, case-insensitive. */
export const DELETE_VERB_PATTERN = new RegExp(DELETE_VERBS.join("|"), "i");

/** The whole message asks to add another product (`新增產品`, `還有產品`). */
export const ADD_PRODUCT_PATTERN =
  /^(?:我)?(?:要|想|想要|還要|再)?(?:新增|增加|加入|加)(?:一個|一項|其他)?產品$|^還有(?:產品|其他產品)?$/;
