/**
 * The words that tell what a help question is about (`什麼是新型專利？` → utility_patent).
 *
 * @module
 */

/** The topics a user may ask about. */
export type HelpTopic =
  | "patents_compared"
  | "invention_patent"
  | "utility_patent"
  | "design_patent"
  | "patent"
  | "esg"
  | "certification"
  | "capital"
  | "industry"
  | "product_id"
  | "product_standard"
  | "technical_advantages"
  | "main_raw_materials"
  | "price"
  | "upload"
  | "edit";

// Most specific first: both patent kinds before either, 發明專利 before 專利, ESG names before
// generic 認證.
/** Each topic and the words that name it, most specific first. */
export const HELP_TOPIC_PATTERNS: readonly [HelpTopic, RegExp][] = [
  ["patents_compared", /發明.*新型|新型.*發明/],
  ["invention_patent", /發明專利/],
  ["utility_patent", /新型專利/],
  ["design_patent", /設計專利/],
  ["esg", /esg|永續|碳足跡|溫室氣體|iso\s*14(064|067|046)|\bgri\b|issb|ifrs/i],
  ["certification", /認證|證書|\biso\b/i],
  ["capital", /資本/],
  ["industry", /產業|行業/],
  ["product_id", /產品\s*id|產品編號|料號/i],
  ["product_standard", /規格|尺寸|精度/],
  ["technical_advantages", /優勢/],
  ["main_raw_materials", /原料/],
  ["price", /價格|售價/],
  ["upload", /上傳|檔案|文件/],
  ["patent", /專利/],
  ["edit", /修改|更正|刪除|刪掉/],
];
