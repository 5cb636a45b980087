/**
 * The export mapping of contract §5.8: one session's data as an object with Chinese keys, in a
 * fixed order. The keys are copied character for character from the contract (note the
 * full-width parentheses of the capital key and the ASCII ones of the product standard key).
 */

import type { OnboardingSnapshot, ProductFields } from "./types.ts";

/** One exported product (contract §5.8), keys in contract order. */
export interface ExportProduct {
  "產品ID": string | null;
  "產品名稱": string | null;
  "價格": string | null;
  "主要原料": string | null;
  "產品規格(尺寸、精度)": string | null;
  "技術優勢": string | null;
}

/** One exported session (contract §5.8), keys in contract order. */
export interface ExportRecord {
  "產業別": string | null;
  "資本總額（以臺幣為單位）": number | null;
  "發明專利數量": number | null;
  "新型專利數量": number | null;
  "公司認證資料數量": number | null;
  "ESG相關認證資料": "有" | "無" | null;
  "產品": ExportProduct[];
}

/** Maps one product to its export object; absent values become null. */
export function toExportProduct(product: ProductFields): ExportProduct {
  return {
    "產品ID": product.product_id ?? null,
    "產品名稱": product.product_name ?? null,
    "價格": product.price ?? null,
    "主要原料": product.main_raw_materials ?? null,
    "產品規格(尺寸、精度)": product.product_standard ?? null,
    "技術優勢": product.technical_advantages ?? null,
  };
}

/** Maps a snapshot to the export object of contract §5.8 (products in stored order). */
export function toExportRecord(snapshot: OnboardingSnapshot): ExportRecord {
  const p = snapshot.profile;
  const esg = p.esg_certification;
  return {
    "產業別": p.industry ?? null,
    "資本總額（以臺幣為單位）": p.capital_amount ?? null,
    "發明專利數量": p.invention_patent_count ?? null,
    "新型專利數量": p.utility_patent_count ?? null,
    "公司認證資料數量": p.certification_count ?? null,
    "ESG相關認證資料": esg === true ? "有" : esg === false ? "無" : null,
    "產品": snapshot.products.map(toExportProduct),
  };
}
