/**
 * Reading product fields from labelled text (`產品名稱：智能晶片`) and from table rows. Labels
 * are matched as whole keys, never as substrings, so `公司名稱` is not taken for a product name
 * as it was in the old system.
 */

import type { ProductFields } from "../types.ts";
import { normalizeText, normalizeValueText } from "./normalize.ts";
import { isSkipAnswer } from "./yes_no.ts";

/** For each product field, the labels users (and documents) write for it, incl. Simplified. */
export const PRODUCT_FIELD_LABELS: Readonly<Record<keyof ProductFields, readonly string[]>> = {
  product_id: [
    "產品ID",
    "产品ID",
    "產品編號",
    "产品编号",
    "產品代號",
    "产品代号",
    "產品代碼",
    "产品代码",
    "編號",
    "编号",
    "料號",
    "料号",
    "ID",
    "SKU",
  ],
  product_name: [
    "產品名稱",
    "产品名称",
    "產品名",
    "产品名",
    "名稱",
    "名称",
    "品名",
    "產品",
    "产品",
  ],
  price: ["價格", "价格", "售價", "售价", "單價", "单价", "定價", "定价", "價錢", "价钱"],
  main_raw_materials: [
    "主要原料",
    "主要原物料",
    "主要材料",
    "原物料",
    "原料",
    "材料",
    "材質",
    "材质",
  ],
  product_standard: [
    "產品規格",
    "产品规格",
    "規格",
    "规格",
    "尺寸",
    "精度",
    "尺寸精度",
    "尺寸、精度",
    "規格尺寸",
  ],
  technical_advantages: [
    "技術優勢",
    "技术优势",
    "技術特色",
    "技术特色",
    "產品特色",
    "产品特色",
    "優勢",
    "优势",
    "特色",
    "特點",
    "特点",
  ],
};

const FIELDS = Object.keys(PRODUCT_FIELD_LABELS) as (keyof ProductFields)[];

// Every label, longest first so 產品名稱 is tried before 產品.
const ALL_LABELS = FIELDS.flatMap((field) =>
  PRODUCT_FIELD_LABELS[field].map((label) => ({ field, label: label.toLowerCase() }))
).sort((a, b) => b.label.length - a.label.length);

const LABEL_ALTERNATION = ALL_LABELS.map((l) => l.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  .join("|");
// A label at the start of a segment (line start or after ，;、), an optional note in
// parentheses (產品規格（尺寸、精度）), then a colon.
const LABELLED_RE = new RegExp(
  `(^|[,，;；、]\\s*)(${LABEL_ALTERNATION})\\s*(?:[(（][^)）]*[)）])?\\s*[:：]`,
  "gi",
);
const BULLET_RE = /^(?:[-*•·‧]+|\d+[.)、]|[(（]\d+[)）])\s*/;

/**
 * Maps a label or table header (`產品名稱`, `产品ID`, ` 價格（元） `, `產品規格(尺寸、精度)`) to
 * its product field; returns the field, or null when the text is not a product label.
 */
export function productFieldForLabel(label: string): keyof ProductFields | null {
  const key = normalizeText(label).replace(BULLET_RE, "").replace(/\([^)]*\)/g, "")
    .replace(/\s+/g, "").replace(/[:*]+$/, "").toLowerCase();
  return ALL_LABELS.find((l) => l.label === key)?.field ?? null;
}

/**
 * Reads a labelled product block: one `標籤：值` per line (bullets such as ` - ` or `1.` allowed),
 * or several labelled pairs on one line separated by `，` `;` `、` when each pair has its own
 * label. Unlabelled lines are ignored; a later label for the same field wins. Values are
 * trimmed; a skip word (`-`, `無`, `跳過`) sets an optional field to null and never sets
 * `product_name`. Returns the fields found, or null when the text has no product label.
 */
export function parseProductBlock(text: string): Partial<ProductFields> | null {
  const fields: Partial<ProductFields> = {};
  let labelled = false;
  for (const rawLine of normalizeValueText(text).split("\n")) {
    const line = rawLine.replace(BULLET_RE, "");
    const matches = [...line.matchAll(LABELLED_RE)];
    if (matches.length === 0 || matches[0].index !== 0) continue;
    labelled = true;
    matches.forEach((m, i) => {
      const field = productFieldForLabel(m[2])!;
      const valueStart = m.index! + m[0].length;
      const valueEnd = i + 1 < matches.length ? matches[i + 1].index! : line.length;
      assign(fields, field, line.slice(valueStart, valueEnd));
    });
  }
  return labelled ? fields : null;
}

/**
 * Reads one table row whose header cells are product labels (same label lists as above);
 * unknown columns are ignored and empty cells leave the field out. Returns the fields found,
 * or null when no header is a product label.
 */
export function parseProductTableRow(
  headers: string[],
  cells: string[],
): Partial<ProductFields> | null {
  const fields: Partial<ProductFields> = {};
  let labelled = false;
  headers.forEach((header, i) => {
    const field = productFieldForLabel(header);
    if (field === null) return;
    labelled = true;
    assign(fields, field, cells[i] ?? "");
  });
  return labelled ? fields : null;
}

function assign(fields: Partial<ProductFields>, field: keyof ProductFields, raw: string): void {
  const value = normalizeValueText(raw).replace(/\n/g, " ").replace(
    /^[,，;；、。\s]+|[,，;；、。\s]+$/g,
    "",
  );
  if (value === "") return;
  if (isSkipAnswer(value)) {
    if (field !== "product_name") fields[field] = null;
    return;
  }
  fields[field] = value;
}
