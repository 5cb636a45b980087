/**
 * Finding the words that label a company fact in free text (資本額, capital, 發明專利, ESG認證…;
 * the words themselves are in lexicon/company_labels.ts), for the clause splitter and the fact
 * extractor.
 */

import {
  COMPANY_LEAD_IN_PATTERN,
  COUNT_LABEL_TAIL_PATTERN,
  FACT_LABELS,
  type FactField,
  LABEL_GROUP_PATTERN,
  LABEL_VALUE_START_PATTERN,
} from "../lexicon/mod.ts";
import type { CompanyProfile } from "../types.ts";

export type { FactField };

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
  const value = clause.replace(FACT_LABELS[field], " ").replace(COUNT_LABEL_TAIL_PATTERN, " ");
  // `patents: invention 4` names the group too; for a patent count the group word is no value.
  return field === "invention_patent_count" || field === "utility_patent_count"
    ? value.replace(LABEL_GROUP_PATTERN, " ")
    : value;
}

/**
 * Finds a bare patent word (`專利`, `patents`) that names no kind, as in `沒有專利` or
 * `專利都沒有`: meant only for text with no fact label, where it stands for both patent
 * counts. Returns its position, or null when there is none.
 */
export function findPatentGroup(text: string): number | null {
  const at = text.search(LABEL_GROUP_PATTERN);
  return at < 0 ? null : at;
}

/**
 * Whether a company label is the subject of the message: it comes first, after lead-ins such
 * as 不對/其實/另外/抱歉 and punctuation, and a value or a verb follows it (`不對，新型專利是6件`,
 * `公司認證其實是4張`, `ESG其實沒有`, `capital: 9,000,000`, `專利都沒有`). A description that
 * mentions a label later (`耐用，有發明專利保護`) or goes on with other words (`發明專利保護`)
 * is not about the company. Returns true when the message states a company fact.
 */
export function leadsWithLabel(text: string): boolean {
  const rest = text.replace(COMPANY_LEAD_IN_PATTERN, "");
  const first = findLabels(rest)[0];
  let end: number;
  if (first !== undefined && first.index === 0) end = first.length;
  else if (findPatentGroup(rest) === 0) end = rest.match(LABEL_GROUP_PATTERN)![0].length;
  else return false;
  const after = rest.slice(end).replace(COUNT_LABEL_TAIL_PATTERN, "");
  return LABEL_VALUE_START_PATTERN.test(after);
}
