/**
 * The words that label a company fact in free text, in Chinese and English (`資本額`,
 * `capital`, `發明專利`, `invention patents`, `ESG認證`, `certs`…), for the clause splitter and
 * the fact extractor.
 *
 * @module
 */

/** The facts a message can label; certifications and ESG map onto several profile fields. */
export type FactField =
  | "industry"
  | "capital_amount"
  | "invention_patent_count"
  | "utility_patent_count"
  | "certification_count"
  | "esg_certification";

/**
 * Label patterns per fact (global, so every occurrence can be found or removed), longest
 * alternatives first so the whole label is consumed. English labels are whole words
 * (`certs` but not `concerts`).
 */
export const FACT_LABELS: Readonly<Record<FactField, RegExp>> = {
  esg_certification:
    /ESG\s*(?:相關|相关)?\s*(?:的)?\s*(?:認證|认证|證書|证书|certifications?\b|certificates?\b|certs?\b)?(?:資料|资料)?|永續認證|永续认证|\bsustainability\s+certifications?\b/gi,
  certification_count:
    /公司認證(?:資料)?(?:數量|数量)?|公司认证(?:资料)?(?:数量)?|認證(?:資料)?(?:數量|数量)?|认证(?:资料)?(?:数量)?|證書|证书|\b(?:company\s+)?(?:certifications?|certificates?|certs?)\b/gi,
  invention_patent_count:
    /發明專利(?:數量|件數)?|发明专利(?:数量|件数)?|發明|发明|\binvention(?:\s+patents?)?\b|\binvention\b/gi,
  utility_patent_count:
    /新型專利(?:數量|件數)?|新型专利(?:数量|件数)?|新型|\butility(?:\s+model)?(?:\s+patents?)?\b/gi,
  capital_amount:
    /實收資本(?:總)?額?|实收资本(?:总)?额?|資本(?:總)?額|资本(?:总)?额|資本|资本|\b(?:registered\s+|paid-in\s+|paid\s+in\s+)?capital(?:\s+amount)?\b/gi,
  industry:
    /所屬產業|所属产业|產業類別|产业类别|產業別|产业别|行業別|行业别|產業|产业|行業|行业|\bindustry\b|\bsector\b/gi,
};

/** Words around a label that name the group, not the fact (`patents: invention 4`). */
export const LABEL_GROUP_PATTERN = /\bpatents?\b|專利|专利/gi;

/** Words around a count that carry no value (`數量`, `件數`). */
export const COUNT_LABEL_TAIL_PATTERN = /數量|数量|件數|件数/g;
