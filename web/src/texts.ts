/// <reference no-default-lib="true" />
/// <reference lib="dom" />
/// <reference lib="esnext" />
/**
 * Every sentence the page shows, in one place (Traditional Chinese), so the page speaks with
 * one voice and a translation touches one file.
 *
 * @module
 */

/** The six company fields of the checklist: the `/data` key and its label. */
export const COMPANY_FIELDS = [
  ["industry", "產業別"],
  ["capital_amount", "資本總額"],
  ["invention_patent_count", "發明專利數量"],
  ["utility_patent_count", "新型專利數量"],
  ["certification_count", "公司認證資料數量"],
  ["esg_certification", "ESG 相關認證"],
] as const;

/** The labels of a product's fields in the data panel. */
export const PRODUCT_FIELDS = [
  ["product_id", "產品 ID"],
  ["price", "價格"],
  ["main_raw_materials", "主要原料"],
  ["product_standard", "產品規格"],
  ["technical_advantages", "技術優勢"],
] as const;

/** The contract's upload refusals (§5.10), said in Chinese; others are shown as sent. */
const UPLOAD_REFUSALS: Record<string, string> = {
  "Unsupported file type. Supported: PDF, DOCX, JPG, PNG, TXT":
    "不支援此檔案類型，請上傳 PDF、DOCX、JPG、PNG 或 TXT。",
  "File too large. Maximum size: 10MB": "檔案太大，上限為 10 MB。",
  "No text could be extracted from the file": "無法從檔案中讀出文字。",
};

/** The page's sentences. */
export const TEXT = {
  title: "企業資料填寫助手",
  subtitle: "參考頁面：以聊天或上傳文件填寫公司資料",
  apiUrl: "API 位址",
  token: "存取權杖（token）",
  useToken: "使用此權杖",
  devToken: "使用開發用權杖",
  tokenHint: "貼上主系統核發的 JWT，或以網址 #token=… 帶入。",
  messagePlaceholder: "輸入訊息…（Enter 送出，Shift+Enter 換行）",
  messageLabel: "訊息",
  send: "送出",
  upload: "上傳文件",
  uploadHint: "或把檔案拖曳到對話區（PDF、DOCX、JPG、PNG、TXT，最大 10 MB）",
  dropHere: "放開以上傳檔案",
  progress: "填寫進度",
  products: (n: number) => `產品：${n} 項`,
  fieldsDone: (n: number, total: number) => `公司資料 ${n}/${total}`,
  data: "已收集的資料",
  noData: "尚未收集到資料。",
  yes: "有",
  no: "無",
  exportDownload: "下載匯出資料（JSON）",
  newSession: "開始新的對話",
  sessions: "對話紀錄",
  noSessions: "尚無對話紀錄。",
  sessionActive: "進行中",
  sessionCompleted: "已完成",
  open: "開啟",
  readOnly: "此對話已完成，僅供檢視。若要修改資料，請開始新的對話（會帶入目前資料）。",
  you: "您",
  assistant: "助理",
  uploading: (name: string) => `📎 上傳文件：${name}`,
  thinking: "…",
  errors: {
    noToken: "請先貼上存取權杖。",
    401: "存取權杖無效或已過期，請重新取得後再試。",
    403: "此帳號目前無法使用（已停用），請聯絡管理員。",
    404: "找不到這個對話，請開始新的對話。",
    409: "此對話已完成，無法再修改。請開始新的對話（會帶入目前資料）。",
    429: (seconds: string | null) =>
      seconds ? `操作太頻繁，請於 ${seconds} 秒後再試。` : "操作太頻繁，請稍後再試。",
    server: "服務暫時無法使用，請稍後再試。",
    network: "無法連線到伺服器，請確認網路或 API 位址。",
    upload: (detail: string) => `上傳失敗：${UPLOAD_REFUSALS[detail] ?? detail}`,
  },
} as const;
