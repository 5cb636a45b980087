/**
 * Questions asked mid-form (`什麼是新型專利？`, `ESG是什麼？`): recognising the topic and the
 * short answer for it. A help question stores nothing; the form resumes with the pending
 * question.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { HELP_TOPIC_PATTERNS, type HelpTopic, isQuestion } from "../lexicon/mod.ts";

/** Short answers, one per topic. */
export const HELP_ANSWERS: Readonly<Record<HelpTopic, string>> = {
  patents_compared: "💡 發明專利保護「技術方案」（新材料、新裝置、新製程或配方），審查較嚴，" +
    "保護期限 20 年；新型專利保護產品的「形狀、構造」（機構改良、零件設計），審查較快，" +
    "保護期限 10 年。兩種請分別提供件數，沒有可以填 0。",
  invention_patent: "💡 發明專利是針對「技術方案」的專利，例如新材料、新裝置，或新的製程、配方；" +
    "保護期限 20 年，是技術創新能力的重要指標。",
  utility_patent: "💡 新型專利是針對產品「形狀、構造」的創作，例如機構改良、零件設計；" +
    "保護期限 10 年，審查較快。",
  design_patent:
    "💡 設計專利保護的是產品外觀，這裡不需要填寫；我們只統計發明專利和新型專利的件數。",
  patent:
    "💡 專利分為發明、新型、設計三種；這裡請分別提供已取得的發明專利和新型專利件數，沒有可以填 0。",
  esg: "💡 ESG 指環境（Environmental）、社會（Social）與公司治理（Governance）。" +
    "ESG相關認證例如：ISO 14064（溫室氣體盤查）、ISO 14067（碳足跡）、ISO 14046（水足跡）、" +
    "GRI 準則永續報告書、ISSB / IFRS S1、S2。ISO 9001、ISO 14001 等管理系統認證請算在公司認證。",
  certification:
    "💡 公司認證是指ESG以外的認證或證書，例如：ISO 9001（品質管理）、ISO 14001（環境管理）、" +
    "ISO 45001（職安衛）、HACCP、ISO 22000（食品安全）、IATF 16949（車用）、ISO 27001（資安）。" +
    "可以提供數量，或直接列出名稱。",
  capital: "💡 資本總額是公司登記的資本額（可在經濟部商工登記資料查到），請以新臺幣計算，" +
    "例如：500萬 或 5,000,000。",
  industry:
    "💡 產業別是公司主要營業的產業類別，例如：食品業、鋼鐵業、電子業、半導體業、資訊服務業。",
  product_id: "💡 產品ID是您用來識別產品的編號，例如：P001、SKU-001；再次提供同一個產品ID時，" +
    "我會更新那個產品。沒有編號的話可以跳過。",
  product_standard:
    "💡 產品規格是指尺寸、精度或製程等規格資訊，例如：10nm製程、長寬 10×5 公分、精度 ±0.01mm。",
  technical_advantages:
    "💡 技術優勢是產品相較同類產品的強項，例如：低功耗、高效能、耐高溫、成本較低。",
  main_raw_materials: "💡 主要原料是製作產品使用的主要材料，例如：矽晶圓、鋼材、麵粉。",
  price: "💡 價格可以用您習慣的寫法提供，例如：1000元、每件 NT$500、依規格報價。",
  upload: "💡 您可以上傳 PDF、Word（DOCX）、圖片（JPG、PNG）或文字檔（TXT），大小 10MB 以內，" +
    "我會自動讀取其中的公司與產品資料。",
  edit: "💡 要修改資料，直接告訴我即可，例如：資本額改成600萬、產業別應該是食品業；" +
    "要刪除產品請說：刪除產品 P001。",
};

/**
 * The topic of a help question, or null when the message is not a question about one of the
 * topics (`什麼是新型專利？` → utility_patent; `有2件` → null).
 */
export function detectHelpTopic(text: string): HelpTopic | null {
  if (!isQuestion(text)) return null;
  return HELP_TOPIC_PATTERNS.find(([, re]) => re.test(text))?.[0] ?? null;
}
