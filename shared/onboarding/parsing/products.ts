/**
 * Reading product fields from labelled text (`產品名稱：智能晶片`) and from table rows. Labels
 * are matched as whole keys, never as substrings, so `公司名稱` is not taken for a product name
 * as it was in the old system.
 */

import { PRODUCT_FIELD_LABELS } from "../lexicon/mod.ts";
import type { ProductFields } from "../types.ts";
import { normalizeText, normalizeValueText } from "./normalize.ts";
import { isSkipAnswer } from "./yes_no.ts";

const FIELDS = Object.keys(PRODUCT_FIELD_LABELS) as (keyof ProductFields)[];

// A label as compared: lower case, no spaces (`Unit Price` → `unitprice`).
function labelKey(label: string): string {
  return label.toLowerCase().replace(/\s+/g, "");
}

// Every label, longest first so 產品名稱 is tried before 產品 and `product name` before `name`.
const ALL_LABELS = FIELDS.flatMap((field) =>
  PRODUCT_FIELD_LABELS[field].map((label) => ({ field, label, key: labelKey(label) }))
).sort((a, b) => b.key.length - a.key.length);

// A label in a pattern: spaces inside it optional, and an English label never part of a
// longer word (`price` is not read in `priceless`, `id` not in `idea`).
const LABEL_ALTERNATION = ALL_LABELS.map(({ label }) => {
  const body = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s*");
  return /^[a-z]/i.test(label) ? `(?<![a-z])${body}(?![a-z])` : body;
}).join("|");
// Where a labelled pair may start: the line start, a separator (，;、|/), or a space.
const SEGMENT_START = "(?<=^|[,，;；、|｜/／]|\\s)";
// A label at the start of a segment, an optional note in parentheses (產品規格（尺寸、精度）),
// then a colon.
const LABELLED_RE = new RegExp(
  `${SEGMENT_START}(${LABEL_ALTERNATION})\\s*(?:[(（][^)）]*[)）])?\\s*[:：]`,
  "gi",
);
// A label without a colon, followed by a space (`品名 桂圓紅棗茶 售價 350元`).
const BARE_LABEL_RE = new RegExp(`${SEGMENT_START}(${LABEL_ALTERNATION})(?=\\s+\\S)`, "gi");
// Bullets, numbering, and emoji or symbols decorating a label (`🍵品名：`, `💰價格：`, `▶ 規格：`).
const BULLET_RE =
  /^(?:[-*•·‧]+|\d+[.)、]|[(（]\d+[)）]|[\p{Extended_Pictographic}\p{So}\u2190-\u21ff\u25a0-\u25ff\ufe0f\u200d]+)\s*/u;

/**
 * Maps a label or table header (`產品名稱`, `产品ID`, ` 價格（元） `, `產品規格(尺寸、精度)`,
 * `Unit Price`) to its product field; returns the field, or null when the text is not a product
 * label.
 */
export function productFieldForLabel(label: string): keyof ProductFields | null {
  const key = normalizeText(label).replace(BULLET_RE, "").replace(/\([^)]*\)/g, "")
    .replace(/\s+/g, "").replace(/[:*]+$/, "").toLowerCase();
  return ALL_LABELS.find((l) => l.key === key)?.field ?? null;
}

/**
 * Reads a labelled product block: one `標籤：值` per line (bullets such as ` - ` or `1.` allowed),
 * or several labelled pairs on one line separated by `，` `;` `、` `|` `/` or spaces
 * (`品名：桂圓紅棗茶 售價：350元/盒`, `Name: Smart Plug | Price: NT$799`). Labels may be English
 * or Simplified. A line may leave out the colons (`品名 桂圓紅棗茶 售價 350元`) only when it
 * has at least two labels, so that an ordinary sentence is not misread. A line must start with
 * a label; others are ignored, and a later label for the same field wins. Values are trimmed; a
 * skip word (`-`, `無`, `跳過`) sets an optional field to null and never sets `product_name`.
 * Returns the fields found, or null when the text has no product label.
 */
export function parseProductBlock(text: string): Partial<ProductFields> | null {
  const fields: Partial<ProductFields> = {};
  let labelled = false;
  for (const rawLine of normalizeValueText(text).split("\n")) {
    const line = rawLine.replace(BULLET_RE, "");
    const matches = labelMatches(line);
    if (matches === null) continue;
    labelled = true;
    matches.forEach((m, i) => {
      const field = productFieldForLabel(m[1])!;
      const valueStart = m.index! + m[0].length;
      const valueEnd = i + 1 < matches.length ? matches[i + 1].index! : line.length;
      assign(fields, field, line.slice(valueStart, valueEnd));
    });
  }
  return labelled ? fields : null;
}

// The labels of a line that starts with one: with colons, or, failing that, at least two
// bare labels each followed by a value. Null when the line is not labelled.
function labelMatches(line: string): RegExpMatchArray[] | null {
  const colon = [...line.matchAll(LABELLED_RE)];
  if (colon.length > 0) return colon[0].index === 0 ? colon : null;
  const bare = [...line.matchAll(BARE_LABEL_RE)];
  if (bare.length < 2 || bare[0].index !== 0) return null;
  const hasValues = bare.every((m, i) => {
    const end = i + 1 < bare.length ? bare[i + 1].index! : line.length;
    return line.slice(m.index! + m[0].length, end).trim() !== "";
  });
  return hasValues ? bare : null;
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
    /^[,，;；、。|｜/／\s]+|[,，;；、。|｜/／\s]+$/g,
    "",
  );
  if (value === "") return;
  if (isSkipAnswer(value)) {
    if (field !== "product_name") fields[field] = null;
    return;
  }
  fields[field] = value;
}
