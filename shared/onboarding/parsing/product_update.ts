/**
 * A change to one field of a stored product, said in one sentence: `恆溫保溫杯的價格改成720元`,
 * `P001的價格應該是1200元才對`, `把A-3的規格更新為500ml`. Which product the reference names is
 * decided by the engine against the stored products; this only reads the sentence.
 */

import { CORRECTION_WORDS, POLITE_TAIL_PATTERN } from "../lexicon/mod.ts";
import type { ProductFields } from "../types.ts";
import { normalizeValueText, stripEdgeNoise } from "./normalize.ts";
import { productFieldForLabel } from "./products.ts";

/** One product field to change, and how the user referred to the product. */
export interface ProductFieldUpdate {
  /** The product as the user named it (an ID, a name or part of one). */
  product: string;
  field: keyof ProductFields;
  value: string;
  /** Whether a correction word said it (改成, 應該是…) rather than a plain 是 or a colon. */
  corrects: boolean;
}

const CORRECTION = `${CORRECTION_WORDS.join("|")}|要改成|改`;
const VERB = `(${CORRECTION}|是|為|:|：)`;
const CORRECTION_RE = new RegExp(`^(?:${CORRECTION})$`);
// (請/幫我/把) <product> 的 <label> <verb> <value> (才對/喔…)
const UPDATE_RE = new RegExp(
  `^(?:請|麻煩)?(?:幫我|幫忙)?(?:把|將)?\\s*(.{1,40}?)\\s*(?:的|之|'s)\\s*([^\\s的:：]{1,12}?)\\s*${VERB}\\s*(.+)$`,
  "i",
);

/**
 * Reads `<product>的<product field label><correction verb><value>` from a one-line message.
 * Returns the update, or null when the message is not one (the label must be a product field
 * label, so `公司的資本額改成600萬` is not a product update). A plain `是` may also describe a
 * new product (`手工皂的價格是150元`), so `corrects` tells whether a correction word was used.
 */
export function parseProductUpdate(text: string): ProductFieldUpdate | null {
  const t = normalizeValueText(text).trim();
  if (t === "" || t.includes("\n")) return null;
  const m = t.match(UPDATE_RE);
  if (!m) return null;
  const field = productFieldForLabel(m[2]);
  if (field === null) return null;
  const product = stripEdgeNoise(m[1]).replace(/^(?:產品|产品)\s*/, "").trim();
  const value = stripEdgeNoise(m[4].replace(POLITE_TAIL_PATTERN, "")).trim();
  if (product === "" || value === "") return null;
  return { product, field, value, corrects: CORRECTION_RE.test(m[3]) || /才對|才对/.test(m[4]) };
}
