/**
 * The rule-mode field extractor for uploaded documents: reads the company facts and products
 * that a document states with labels (`資本額：新台幣5,000萬元`, `產品名稱：智能晶片`, a product
 * table), reusing the chat parsers. Unlabelled prose is not mined for facts, so a sentence that
 * merely mentions another industry cannot overwrite the company's.
 */

import {
  MAX_INDUSTRY_LENGTH,
  MAX_PRODUCT_FIELD_LENGTH,
  MAX_PRODUCTS,
} from "../onboarding/limits.ts";
import { extractFacts } from "../onboarding/parsing/facts.ts";
import { findLabels } from "../onboarding/parsing/labels.ts";
import { normalizeText } from "../onboarding/parsing/normalize.ts";
import { parseProductBlock, parseProductTableRow } from "../onboarding/parsing/products.ts";
import type { CompanyProfile, DocumentFacts, ProductFields } from "../onboarding/types.ts";
import { type ReadingSteps, runToEnd, runYielding } from "../loop_yield.ts";
import { isProductHeader, isSeparatorRow, rowAsLabelledText, splitTableRow } from "./table_rows.ts";

// Lines longer than this are prose or garbage, never a `label：value` fact; not reading facts
// from them keeps the fact parser cheap on a 300-page PDF. (Product rows may be longer.)
const MAX_LINE_LENGTH = 1000;
// Facts are read from at most this many labelled lines (~60 µs each): a company profile states
// them near the top, and a long report full of 資本/專利 mentions must not eat the CPU budget.
const MAX_FACT_LINES = 1000;
// A label with its value on the next lines (`認證：` then one name per line).
const DANGLING_LABEL_RE = /[:：]\s*$/;
// When the reader yields: a turn of the event loop every LOOP_SLICE_MS of parsing, and at least
// every LINES_PER_SLICE lines (a 300-page PDF's 10,000 lines take a few hundred milliseconds).
/** Most lines extractFieldsYielding reads between two turns of the event loop. */
export const LINES_PER_SLICE = 500;

/**
 * Extracts labelled company facts and products from document text. Facts come from lines that
 * carry a fact label (and from two-column table rows such as `產業別 | 電子業`), a later line
 * overriding an earlier one. Products come from labelled blocks (consecutive `產品名稱：…`
 * lines; a label already used in the current block starts the next product; a blank or other
 * line ends it) and from tables whose header row names product fields (`產品ID | 產品名稱 |
 * 價格 …`), each following row being a product until a non-row line. Products without a name
 * are dropped, a repeated product ID (or, without an ID, name) updates the earlier product,
 * values are cut to the limits of limits.ts, and at most MAX_PRODUCTS are returned. Facts are
 * read from the first MAX_FACT_LINES labelled lines only. Returns the profile and products.
 */
export function extractFieldsFromText(text: string): DocumentFacts {
  return runToEnd(fieldSteps(text));
}

/**
 * extractFieldsFromText for an upload being served: the same reading, handing the event loop
 * back every few milliseconds (and every LINES_PER_SLICE lines at most) so that a long
 * document does not hold other requests (loop_yield.ts). Resolves to the same facts.
 */
export function extractFieldsYielding(text: string): Promise<DocumentFacts> {
  return runYielding(fieldSteps(text), LINES_PER_SLICE);
}

// The reading itself, pausing (a bare `yield`) after every line.
function* fieldSteps(text: string): ReadingSteps<DocumentFacts> {
  const lines = text.split(/\r\n?|\n|\f/).map((line) => line.trim());
  const profile: Partial<CompanyProfile> = {};
  const products: Partial<ProductFields>[] = [];
  let block: Partial<ProductFields> | null = null;
  let headers: string[] | null = null;
  let factLines = 0;

  const closeBlock = () => {
    if (block !== null) products.push(block);
    block = null;
  };

  for (let i = 0; i < lines.length; i++) {
    if (i > 0) yield;
    const line = lines[i];
    if (line === "") {
      closeBlock();
      headers = null;
      continue;
    }
    const cells = splitTableRow(line);
    if (cells !== null && isProductHeader(cells)) {
      // A header repeated on the next page of a PDF table simply restarts the same table.
      closeBlock();
      headers = cells;
      continue;
    }
    if (headers !== null) {
      if (cells !== null) {
        const row = parseProductTableRow(headers, cells);
        if (row !== null) products.push(row);
        continue;
      }
      if (isSeparatorRow(line)) continue;
      headers = null;
    }
    const labelled = cells === null ? parseProductBlock(line) : null;
    if (labelled !== null) {
      const current: Partial<ProductFields> | null = block;
      if (current !== null && Object.keys(labelled).some((key) => key in current)) closeBlock();
      block = { ...(block ?? {}), ...labelled };
      continue;
    }
    closeBlock();
    let factText = cells !== null ? rowAsLabelledText(cells) : line;
    // `認證：` followed by one value per line: gather those lines (until a blank or labelled one).
    if (DANGLING_LABEL_RE.test(factText)) {
      const values: string[] = [];
      while (i + 1 < lines.length && isBareValue(lines[i + 1])) values.push(lines[++i]);
      factText += values.join("、");
    }
    if (
      factLines < MAX_FACT_LINES && factText.length <= MAX_LINE_LENGTH &&
      findLabels(normalizeText(factText)).length > 0
    ) {
      factLines++;
      Object.assign(profile, extractFacts(factText).profile);
    }
  }
  closeBlock();
  return { profile: boundProfile(profile), products: finishProducts(products) };
}

// A line that can continue a dangling label: not blank, no label of any kind, no colon.
function isBareValue(line: string): boolean {
  return line !== "" && line.length <= MAX_LINE_LENGTH && !/[:：|\t]/.test(line) &&
    findLabels(normalizeText(line)).length === 0 && parseProductBlock(line) === null;
}

function boundProfile(profile: Partial<CompanyProfile>): Partial<CompanyProfile> {
  if (typeof profile.industry === "string") {
    profile.industry = [...profile.industry].slice(0, MAX_INDUSTRY_LENGTH).join("");
  }
  return profile;
}

function finishProducts(found: Partial<ProductFields>[]): ProductFields[] {
  const byKey = new Map<string, ProductFields>();
  const products: ProductFields[] = [];
  for (const fields of found) {
    const name = cut(fields.product_name ?? null, "product_name");
    if (name === null) continue;
    const product: ProductFields = {
      product_id: cut(fields.product_id ?? null, "product_id"),
      product_name: name,
      price: cut(fields.price ?? null, "price"),
      main_raw_materials: cut(fields.main_raw_materials ?? null, "main_raw_materials"),
      product_standard: cut(fields.product_standard ?? null, "product_standard"),
      technical_advantages: cut(fields.technical_advantages ?? null, "technical_advantages"),
    };
    // A product is known by its ID, or by its name when it has none.
    const key = product.product_id !== null ? `id:${product.product_id}` : `name:${name}`;
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      // A repeated product updates the earlier one with the fields this occurrence states.
      for (const field of Object.keys(product) as (keyof ProductFields)[]) {
        if (product[field] !== null) Object.assign(earlier, { [field]: product[field] });
      }
      continue;
    }
    if (products.length >= MAX_PRODUCTS) continue;
    byKey.set(key, product);
    products.push(product);
  }
  return products;
}

function cut(value: string | null, field: keyof ProductFields): string | null {
  if (value === null) return null;
  const chars = [...value.trim()];
  return chars.length === 0 ? null : chars.slice(0, MAX_PRODUCT_FIELD_LENGTH[field]).join("");
}
