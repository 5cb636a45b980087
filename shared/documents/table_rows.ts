/**
 * Recognising table rows in extracted text. DOCX rows arrive as `a | b | c`, PDF rows as
 * tab-separated cells (pdf.ts puts a tab at wide horizontal gaps), Markdown and TXT rows as
 * `| a | b |` or tab/space-aligned columns.
 */

import { productFieldForLabel } from "../onboarding/parsing/products.ts";

// A Markdown header separator such as `|---|:---:|`.
const SEPARATOR_ROW_RE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

/**
 * Splits a line into table cells on ` | ` (with optional outer pipes), tabs, or runs of two or
 * more spaces, in that order of preference. Returns the trimmed cells, or null when the line
 * is not a row of at least two cells (or is a Markdown separator row).
 */
export function splitTableRow(line: string): string[] | null {
  const trimmed = line.trim();
  if (trimmed === "" || SEPARATOR_ROW_RE.test(trimmed)) return null;
  let cells: string[];
  if (trimmed.includes("|")) {
    cells = trimmed.replace(/^\|/, "").replace(/\|$/, "").split("|");
  } else if (trimmed.includes("\t")) {
    cells = trimmed.split(/\t+/);
  } else {
    cells = trimmed.split(/ {2,}|\u3000+/);
  }
  cells = cells.map((cell) => cell.trim());
  return cells.length >= 2 ? cells : null;
}

/** True when `line` is a Markdown separator row (`|---|---|`), which carries no data. */
export function isSeparatorRow(line: string): boolean {
  return SEPARATOR_ROW_RE.test(line.trim());
}

/**
 * True when the cells are a product table header: at least two cells name product fields
 * and one of them is the product name (products without a name cannot be stored).
 */
export function isProductHeader(cells: string[]): boolean {
  const fields = cells.map(productFieldForLabel).filter((f) => f !== null);
  return fields.length >= 2 && fields.includes("product_name");
}

/**
 * Rewrites a non-product table row as labelled text for the fact extractor: key/value pairs
 * (`資本額 | 5000萬` → `資本額：5000萬`) when the row alternates labels and values, otherwise
 * the cells joined by `；`. Returns the text.
 */
export function rowAsLabelledText(cells: string[]): string {
  const keysHaveNoColon = cells.every((cell, i) => i % 2 === 1 || !/[:：]/.test(cell));
  if (cells.length % 2 === 0 && keysHaveNoColon) {
    const pairs: string[] = [];
    for (let i = 0; i < cells.length; i += 2) pairs.push(`${cells[i]}：${cells[i + 1]}`);
    return pairs.join("；");
  }
  return cells.join("；");
}
