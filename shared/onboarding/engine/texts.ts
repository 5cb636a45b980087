/**
 * Every Chinese text the conversation says, in one place (help answers are in `help.ts`,
 * beside their topic detection). Traditional Chinese as used in Taiwan, friendly and short.
 * The AI engine reuses these, so both engines sound the same.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import type { ParseFailure } from "../parsing/outcome.ts";
import type { CompanyField } from "../progress.ts";
import type { CompanyProfile, ProductChange, StoredProduct } from "../types.ts";
import { formatTwd, withSeparators } from "./format.ts";
import type { ProductFieldKey } from "./state.ts";

/** Short names of the company fields, used in acknowledgements, re-asks and summaries. */
export const FIELD_LABELS: Readonly<Record<CompanyField, string>> = {
  industry: "產業別",
  capital_amount: "資本總額",
  invention_patent_count: "發明專利數量",
  utility_patent_count: "新型專利數量",
  certification_count: "公司認證資料數量",
  esg_certification: "ESG相關認證",
};

/** The question for each company field (the capital one is the contract's own example). */
export const COMPANY_QUESTIONS: Readonly<Record<CompanyField, string>> = {
  industry: "請問貴公司所屬的產業別是什麼？（例如：食品業、鋼鐵業、電子業等）",
  capital_amount: "請問貴公司的資本總額是多少？（請以臺幣為單位）",
  invention_patent_count: "請問貴公司擁有多少件發明專利？（請輸入數字，沒有請回答 0）",
  utility_patent_count: "請問貴公司擁有多少件新型專利？（請輸入數字，沒有請回答 0）",
  certification_count:
    "請問貴公司擁有多少份公司認證資料？（不含ESG認證；可輸入數量，或直接列出名稱，例如：ISO 9001、HACCP）",
  esg_certification:
    "請問貴公司是否有ESG相關認證？有的話請列出名稱（例如：ISO 14064、ISO 14067）；沒有請回答「無」。",
};

/** Asked after a bare "有" to the ESG question: the names are needed, not just yes. */
export const ESG_WHICH_QUESTION =
  "請問是哪些ESG相關認證呢？請列出名稱（例如：ISO 14064、ISO 14067、GRI）；如果其實沒有，請回答「無」。";

/** How to answer each company field, said after a value was refused: one example each. */
export const FORMAT_HINTS: Readonly<Record<CompanyField, string>> = {
  industry: "請告訴我產業別，例如：電子業。",
  capital_amount: "請輸入數字，例如：500萬。",
  invention_patent_count: "請輸入件數，例如：10件；沒有的話請回答「0」。",
  utility_patent_count: "請輸入件數，例如：5件；沒有的話請回答「0」。",
  certification_count:
    "請輸入數量（例如：3），或直接列出名稱（例如：ISO 9001、ISO 14001）；沒有的話請回答「沒有」。",
  esg_certification: "請列出ESG相關認證的名稱，例如：ISO 14064、ISO 14067；沒有的話請回答「無」。",
};

/**
 * Why a value was refused, phrased for the field it was meant for. `value` is the value read
 * when the reason is `implausible` (then the text asks the user to confirm it).
 */
export function failureText(field: CompanyField, reason: ParseFailure, value?: number): string {
  const label = FIELD_LABELS[field];
  switch (reason) {
    case "negative":
      return `抱歉，${label}不能是負數喔。`;
    case "range":
      return `抱歉，${label}需要大於 0 喔。`;
    case "too_large":
      return `抱歉，這個${label}似乎太大了，請再確認一下。`;
    case "invalid":
      return field === "industry" || field === "esg_certification"
        ? `抱歉，我沒有看懂您的${label}。`
        : `抱歉，我無法確定${label}是多少（請提供一個明確的數字）。`;
    case "ambiguous":
      return `抱歉，${label}需要一個確定的數字，您提供的是範圍或不只一個數字。`;
    case "foreign_currency":
      return `抱歉，${label}請以新臺幣（NT$）計算，麻煩換算成新臺幣後再告訴我。`;
    case "implausible":
      return value === undefined
        ? `這個${label}似乎偏低，請再確認一下。`
        : confirmValueText(field, value);
    case "missing":
      return `抱歉，我沒有看懂您的${label}。`;
  }
}

/**
 * The whole re-ask for a refused value: why, then how to answer (one example). A value to
 * confirm is a question of its own, so it gets no format hint.
 */
export function refusalText(field: CompanyField, reason: ParseFailure, value?: number): string {
  const text = failureText(field, reason, value);
  return reason === "implausible" ? text : text + FORMAT_HINTS[field];
}

/**
 * Asks the user to confirm a value that reads clearly but is unlikely (a capital under
 * NT$1,000: usually 萬 was left out). A yes stores it; anything else is read as a new answer.
 */
export function confirmValueText(field: CompanyField, value: number): string {
  const label = FIELD_LABELS[field];
  const shown = field === "capital_amount" ? `${withSeparators(value)} 元` : `${value}`;
  const example = field === "capital_amount" ? "500萬" : "10";
  return `${label} ${shown}似乎偏低，請確認：是 ${shown}嗎？` +
    `正確請回答「是」，或輸入正確${
      field === "capital_amount" ? "金額" : "數字"
    }（例如：${example}）。`;
}

/** Said when the user declines a value they were asked to confirm: nothing is stored. */
export const VALUE_NOT_CONFIRMED = "好的，這個數值先不記錄。";

/**
 * Added to the acknowledgement of a value the user hedged (`大約12件`): it is stored, and the
 * user is told it can be changed later.
 */
export const HEDGED_NOTE = "（您說大約，之後可以再修改）";

/** Short names of the product fields (the standard one keeps the contract's wording). */
export const PRODUCT_LABELS: Readonly<Record<ProductFieldKey, string>> = {
  product_name: "產品名稱",
  product_id: "產品ID",
  price: "價格",
  main_raw_materials: "主要原料",
  product_standard: "產品規格",
  technical_advantages: "技術優勢",
};

/** The question for each product field; `name` is the product's name once known. */
export function productQuestion(field: ProductFieldKey, name: string | null): string {
  const of = name ? `「${name}」的` : "這個產品的";
  switch (field) {
    case "product_name":
      return "請問產品名稱是什麼？";
    case "product_id":
      return `請問${of}產品ID是什麼？（例如：P001；沒有的話請回答「跳過」）`;
    case "price":
      return `請問${of}價格是多少？（例如：1000元；可回答「跳過」）`;
    case "main_raw_materials":
      return `請問${of}主要原料是什麼？（可回答「跳過」）`;
    case "product_standard":
      return `請問${of}產品規格（尺寸、精度）是什麼？（可回答「跳過」）`;
    case "technical_advantages":
      return `請問${of}技術優勢是什麼？（可回答「跳過」）`;
  }
}

/** A labelled block the user can copy to give a whole product at once. */
export const PRODUCT_BLOCK_EXAMPLE = [
  "產品ID：P001",
  "產品名稱：智能晶片",
  "價格：1000元",
  "主要原料：矽晶圓",
  "產品規格：10nm製程",
  "技術優勢：低功耗、高效能",
].join("\n");

/** Asked once the company fields are complete and there is no product yet. */
export const PRODUCTS_FIRST_QUESTION = "接下來是產品資料。請問貴公司有要登錄的產品嗎？" +
  "有的話請告訴我第一個產品的名稱，我會逐項詢問；也可以依下列格式一次提供：\n\n" +
  `${PRODUCT_BLOCK_EXAMPLE}\n\n沒有產品的話，請回答「沒有」。`;

/** Asked after each product: whether there are more. */
export function moreProductsQuestion(count: number): string {
  return `目前已登錄 ${count} 個產品。還有其他產品嗎？有的話請告訴我下一個產品的名稱` +
    "（或一次提供完整資料）；沒有的話請回答「沒有了」。";
}

/** Acknowledgements and notices about products. */
export const PRODUCT_TEXTS = {
  added: (name: string, id: string | null) => `已新增產品「${name}」${id ? `（${id}）` : ""}。`,
  /** After a product read from a sentence: what was understood, so a misreading shows. */
  addedWith: (name: string, details: string) => `已新增產品「${name}」（${details}）。`,
  detail: (label: string, value: string) => `${label}：${value}`,
  updated: (name: string, id: string | null) => `已更新產品「${name}」${id ? `（${id}）` : ""}。`,
  deleted: (name: string, id: string | null) => `已刪除產品「${name}」${id ? `（${id}）` : ""}。`,
  fieldsRecorded: (items: string) => `好的，${items}。`,
  skippedItem: (label: string) => `${label}先略過`,
  fieldUpdated: (product: string, label: string, value: string | null) =>
    value === null
      ? `已將「${product}」的${label}清除。`
      : `已將「${product}」的${label}更新為 ${value}。`,
  ambiguousUpdate: (key: string, names: string) =>
    `有好幾個產品都符合「${key}」：${names}。請告訴我要修改哪一個，例如：P001的價格改成1200元。`,
  draftDropped: "好的，這個產品先不新增。",
  idTaken: (id: string, name: string) =>
    `產品ID「${id}」已經用在「${name}」了，請換一個產品ID，或回答「跳過」。`,
  notFound: (key: string) => `找不到產品「${key}」。`,
  notFoundSaid: "找不到您說的產品。",
  positionNotFound: (n: number, count: number) =>
    count === 0 ? "目前還沒有任何產品。" : `目前只有 ${count} 個產品，沒有第 ${n} 個。`,
  ambiguous: (key: string, names: string) =>
    `有好幾個產品都符合「${key}」：${names}。請告訴我要刪除哪一個，例如：刪除第1個。`,
  whichOne: (names: string) => `請告訴我要刪除哪一個產品（${names}），例如：刪除第1個。`,
  existing: (names: string) => `目前的產品有：${names}。`,
  none: "目前還沒有任何產品。",
  tooLong: (label: string, max: number) => `抱歉，${label}最多 ${max} 個字，請精簡後再提供。`,
  nameNeeded: "產品名稱是必填的，請告訴我產品名稱。",
  /** A sentence in which no product name can be told apart: nothing is stored. */
  nameUnclear: "抱歉，我看不出產品名稱是哪幾個字。請只回覆產品名稱（例如：恆溫保溫杯），" +
    "或寫成「品名：恆溫保溫杯 售價：680元」；沒有要登錄的產品請回答「沒有」。",
  tooMany: (max: number) => `抱歉，每次最多可登錄 ${max} 個產品，這個產品沒有新增。`,
} as const;

/** Texts of the finishing steps: summary, confirmation and completion. */
export const FINISH_TEXTS = {
  summaryHeading: "以下是您提供的資料，請確認：",
  summaryChanged: "資料有更新，請再確認一次：",
  confirmPrompt: "資料正確的話，請回答「確認」；需要修改的話，直接告訴我要改的內容即可" +
    "（例如：資本額改成600萬、刪除產品 P001）。",
  askWhatToFix: "好的，請告訴我要修改的內容，例如：資本額改成600萬、產業別應該是食品業。",
  nothingToFix: "我沒有找到要修改的內容。",
  completed: "✅ 資料已確認完成，感謝您的協助！您的公司資料已儲存；之後如需更新，" +
    "可以開始新的對話，我會帶入這次的資料。",
  cannotFinish: (missing: string) => `還不能完成喔，基本資料還缺少：${missing}。`,
  notProvided: "尚未提供",
} as const;

/** Acknowledgements and general phrases. */
export const GENERAL_TEXTS = {
  next: "接下來，",
  ok: "好的，",
  recordedMany: "好的，已記錄 ",
  updated: (label: string, value: string) => `已將${label}更新為 ${value}。`,
  companyDone: "公司基本資料已全部完成 🎉",
  remaining: (n: number) => n === 1 ? "只剩最後 1 項基本資料了！" : `再 ${n} 項就完成基本資料了！`,
  notUnderstood: "抱歉，我沒有看懂您的回答。",
  offTopic: "這個問題我可能無法回答，我主要協助您建立公司資料。",
} as const;

/** The welcome texts (see `welcome.ts`). */
export const WELCOME_TEXTS = {
  greeting: "您好！我是企業導入 AI 助理 🤖",
  intro: "我會協助您建立公司資料，包括產業別、資本總額、專利、認證與產品資訊。",
  tips: "您可以一次提供多項資訊（例如：我們是食品業，資本額500萬，有2個發明專利），" +
    "也可以直接上傳文件（PDF、Word、圖片或文字檔），我會自動讀取。",
  first: "首先，",
  copiedHeading: "歡迎回來！我已帶入您上次填寫的資料：",
  copiedHow: "如需更新，直接告訴我要改的內容即可（例如：資本額改成600萬），" +
    "也可以一次提供多項資訊或上傳文件。",
  stillMissing: (labels: string) => `目前還缺少：${labels}。`,
  allThere: "資料都在這裡了。還有其他產品要新增或需要修改的地方嗎？" +
    "沒有的話請回答「沒有了」，我會列出完整摘要請您確認。",
} as const;

/** How collected values read in acknowledgements and summaries. */
export const VALUE_TEXTS = {
  patents: (n: number) => `${n} 件`,
  certifications: (n: number, names: string | null) => `${n} 份${names ? `（${names}）` : ""}`,
  esgYes: (names: string) => names ? `有（${names}）` : "有",
  esgNo: "無",
  products: (n: number) => `${n} 個`,
  productLine: (i: number, name: string, id: string | null) =>
    `  ${i}. ${name}${id ? `（${id}）` : ""}`,
  productDetails: (parts: string) => `     ${parts}`,
  bullet: (label: string, value: string) => `• ${label}：${value}`,
  productsLabel: "產品",
} as const;

/** Hints for certifications given in the wrong category (contract §7). */
export const CATEGORY_HINTS = {
  esgAmongCompany: (names: string) =>
    `提醒您：${names} 屬於ESG相關認證，我已將它記錄在ESG認證中，不算在公司認證數量裡。`,
  companyAmongEsg: (names: string) =>
    `提醒您：${names} 屬於公司認證（管理系統或產品認證），不是ESG相關認證，所以沒有列入ESG認證；` +
    "如需更新公司認證數量，請直接告訴我（例如：公司認證改成4）。",
} as const;

/** The acknowledgement of one company field recorded for the first time. */
export const ACK_TEXTS = {
  industry: (v: string) => `好的，您的公司屬於${v}。`,
  capital_amount: (v: string) => `好的，資本總額為 ${v}。`,
  invention_patent_count: (v: string) => `好的，發明專利 ${v}。`,
  utility_patent_count: (v: string) => `好的，新型專利 ${v}。`,
  certification_count: (v: string) => `好的，公司認證資料 ${v}。`,
  esg_yes: (names: string) => `好的，ESG相關認證：${names}。`,
  esg_no: "好的，目前沒有ESG相關認證。",
  many: (items: string) => `好的，已記錄 ${items}。`,
  item: (label: string, value: string) => `${label}：${value}`,
} as const;

/** The reply to an uploaded document (contract §5.10's `✅ 文件處理成功！` format). */
export const DOCUMENT_TEXTS = {
  header: (file: { name: string; typeLabel: string; characters: number }) =>
    `✅ 文件處理成功！\n\n📄 文件資訊：\n- 文件名稱：${file.name}\n- 文件類型：${file.typeLabel}\n` +
    `- 提取字數：${file.characters} 字`,
  extracted: (lines: string[]) => `🤖 已自動提取以下資訊：\n${lines.join("\n")}`,
  nothingFound: "🤖 文件中沒有找到可以自動填入的資料（或資料與目前記錄相同）。",
  stillMissing: (labels: string[]) => `尚缺的基本資料：${labels.join("、")}`,
  fieldLine(field: CompanyField, p: CompanyProfile): string {
    switch (field) {
      case "industry":
        return `產業別：${p.industry}`;
      case "capital_amount":
        return `資本額：${formatTwd(p.capital_amount!)}`;
      case "invention_patent_count":
        return `發明專利：${p.invention_patent_count}件`;
      case "utility_patent_count":
        return `新型專利：${p.utility_patent_count}件`;
      case "certification_count":
        return `公司認證：${p.certification_count}份` +
          (p.certifications?.length ? `（${p.certifications.join("、")}）` : "");
      case "esg_certification":
        return `ESG認證：${p.esg_certification ? (p.esg_certifications ?? []).join("、") : "無"}`;
    }
  },
  productLine(change: ProductChange, before: readonly StoredProduct[]): string {
    if (change.kind === "insert") {
      const id = change.fields.product_id ? `（${change.fields.product_id}）` : "";
      return `新增產品：${change.fields.product_name}${id}`;
    }
    const existing = before.find((p) => p.id === change.id);
    return `更新產品：${existing?.product_name ?? ""}`;
  },
} as const;
