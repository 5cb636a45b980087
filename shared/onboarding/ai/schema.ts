/**
 * The structured results the model must return, as zod schemas compatible with OpenAI's strict
 * structured outputs (every key required; "absent" is `null`, never `.optional()`). Values are
 * raw strings on purpose: the server parses them with the same parsers as the rule engine, so
 * `300萬` and `3000000` end up the same and `-5` is refused whoever read it.
 */

import { z } from "zod";

const text = (description: string) => z.string().nullable().describe(description);

/** Company facts as the model read them, as the user wrote them; null = not mentioned. */
export const CompanyReadingSchema = z.object({
  industry: text("產業別，例如：電子業、食品業；未提到則為 null"),
  capital_amount: text("資本總額原文，例如：500萬、5,000,000元；未提到則為 null"),
  invention_patent_count: text("發明專利數量原文，例如：10件、沒有；未提到則為 null"),
  utility_patent_count: text("新型專利數量原文，例如：5、五件；未提到則為 null"),
  certifications: text(
    "公司認證（不含ESG）：數量或名稱清單原文，例如：3、ISO 9001、HACCP、沒有；未提到則為 null",
  ),
  esg_certifications: text(
    "ESG相關認證：名稱清單原文，例如：ISO 14064、ISO 14067；沒有則為「無」；未提到則為 null",
  ),
});

/** One company reading. */
export type CompanyReading = z.infer<typeof CompanyReadingSchema>;

const productFields = {
  product_id: text("產品ID，例如：P001；未提到則為 null"),
  product_name: text("產品名稱；未提到則為 null"),
  price: text("價格原文，例如：1000元；未提到則為 null"),
  main_raw_materials: text("主要原料；未提到則為 null"),
  product_standard: text("產品規格（尺寸、精度）；未提到則為 null"),
  technical_advantages: text("技術優勢；未提到則為 null"),
};

/** A product the user's message adds, updates (same product_id or name) or asks to delete. */
export const ProductProposalSchema = z.object({
  action: z.enum(["upsert", "delete"]).describe(
    "upsert：新增或更新產品；delete：僅在使用者明確要求刪除某個既有產品時",
  ),
  ...productFields,
});

/** One product proposal. */
export type ProductProposal = z.infer<typeof ProductProposalSchema>;

/** What the model returns for one conversation turn. */
export const TurnResultSchema = z.object({
  company: CompanyReadingSchema,
  products: z.array(ProductProposalSchema).describe("本則訊息提供的產品資料；沒有則為空陣列"),
  asked_question: text("使用者在本則訊息中提出的問題（原文）；沒有則為 null"),
  wants_finish: z.boolean().describe("使用者表示資料都提供完了、想結束"),
  confirmed: z.boolean().describe("使用者確認摘要資料正確"),
  reply: z.string().describe(
    "給使用者的簡短回覆（繁體中文，1–2 句）：回應使用者的話或回答問題；不要複述已記錄的數值，也不要詢問下一個欄位",
  ),
});

/** One turn result. */
export type TurnResult = z.infer<typeof TurnResultSchema>;

/**
 * What the model returns for one chunk of an uploaded document: raw strings, which
 * `ai/document.ts` checks and merges into `DocumentFacts`.
 */
export const DocumentModelOutputSchema = z.object({
  company: CompanyReadingSchema,
  products: z.array(z.object(productFields)).describe("文件中的產品；沒有則為空陣列"),
});

/** One document chunk as the model read it. */
export type DocumentModelOutput = z.infer<typeof DocumentModelOutputSchema>;
