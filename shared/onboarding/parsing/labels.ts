/**
 * The words that label a company fact in free text (資本額, 發明專利, ESG認證…), shared by the
 * clause splitter and the fact extractor.
 */

import type { CompanyProfile } from "../types.ts";

/** The facts a message can label; certifications and ESG map onto several profile fields. */
export type FactField =
  | "industry"
  | "capital_amount"
  | "invention_patent_count"
  | "utility_patent_count"
  | "certification_count"
  | "esg_certification";

/** Label patterns per fact, longest alternatives first so the whole label is consumed. */
export const FACT_LABELS: Readonly<Record<FactField, RegExp>> = {
  esg_certification:
    /ESG\s*(?:相關|相关)?\s*(?:的)?\s*(?:認證|认证|證書|证书)?(?:資料|资料)?|永續認證|永续认证/gi,
  certification_count:
    /公司認證(?:資料)?(?:數量|数量)?|公司认证(?:资料)?(?:数量)?|認證(?:資料)?(?:數量|数量)?|认证(?:资料)?(?:数量)?|證書|证书/g,
  invention_patent_count: /發明專利(?:數量|件數)?|发明专利(?:数量|件数)?|發明|发明/g,
  utility_patent_count: /新型專利(?:數量|件數)?|新型专利(?:数量|件数)?|新型/g,
  capital_amount: /實收資本(?:總)?額?|实收资本(?:总)?额?|資本(?:總)?額|资本(?:总)?额|資本|资本/g,
  industry: /所屬產業|所属产业|產業類別|产业类别|產業別|产业别|行業別|行业别|產業|产业|行業|行业/g,
};

/** The profile fields each fact may set (used to clear a field when a problem replaces it). */
export const FACT_PROFILE_FIELDS: Readonly<Record<FactField, (keyof CompanyProfile)[]>> = {
  industry: ["industry"],
  capital_amount: ["capital_amount"],
  invention_patent_count: ["invention_patent_count"],
  utility_patent_count: ["utility_patent_count"],
  certification_count: ["certification_count", "certifications"],
  esg_certification: ["esg_certification", "esg_certifications"],
};

/**
 * Finds the first position of each labelled fact in a clause. Certification words inside an
 * ESG label (`ESG認證`) belong to ESG, and a bare 產業 inside `X產業` (半導體產業) is a value, not
 * a label. Returns `{ field, index, length }` entries sorted by position.
 */
export function findLabels(clause: string): { field: FactField; index: number; length: number }[] {
  const found: { field: FactField; index: number; length: number }[] = [];
  // Mask ESG phrases with spaces so their 認證 is not read as a company-certification label.
  let masked = clause;
  for (const m of clause.matchAll(FACT_LABELS.esg_certification)) {
    masked = masked.slice(0, m.index) + " ".repeat(m[0].length) +
      masked.slice(m.index! + m[0].length);
  }
  for (const field of Object.keys(FACT_LABELS) as FactField[]) {
    const text = field === "certification_count" ? masked : clause;
    for (const m of text.matchAll(FACT_LABELS[field])) {
      if (
        field === "industry" && /^(產業|产业)$/.test(m[0]) && m.index! > 0 &&
        /[\u4e00-\u9fff]/.test(clause[m.index! - 1]) && !/[的是為]/.test(clause[m.index! - 1])
      ) {
        continue;
      }
      found.push({ field, index: m.index!, length: m[0].length });
      break;
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Removes every label of `field` from a clause, leaving the value words around it. */
export function removeLabels(clause: string, field: FactField): string {
  return clause.replace(FACT_LABELS[field], " ").replace(/(?:數量|数量|件數|件数)/g, " ");
}
