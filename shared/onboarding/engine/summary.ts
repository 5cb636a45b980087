/**
 * The summary of everything collected (shown before confirmation and in the welcome of a
 * session with copied data) and the fingerprint that ties a confirmation to what was shown.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { COMPANY_FIELDS, type CompanyField } from "../progress.ts";
import type { CompanyProfile, OnboardingSnapshot, StoredProduct } from "../types.ts";
import { formatTwd, joinNames } from "./format.ts";
import { FIELD_LABELS, FINISH_TEXTS, PRODUCT_LABELS, VALUE_TEXTS } from "./texts.ts";

/** How one company field's value reads (`5,000,000 元（500萬元）`, `10 件`, `有（ISO 14064）`). */
export function fieldValueText(profile: CompanyProfile, field: CompanyField): string | null {
  switch (field) {
    case "industry":
      return profile.industry;
    case "capital_amount":
      return profile.capital_amount === null ? null : formatTwd(profile.capital_amount);
    case "invention_patent_count":
    case "utility_patent_count": {
      const n = profile[field];
      return n === null ? null : VALUE_TEXTS.patents(n);
    }
    case "certification_count": {
      const n = profile.certification_count;
      const names = profile.certifications?.length ? joinNames(profile.certifications) : null;
      return n === null ? null : VALUE_TEXTS.certifications(n, names);
    }
    case "esg_certification":
      if (profile.esg_certification === null) return null;
      return profile.esg_certification
        ? VALUE_TEXTS.esgYes(joinNames(profile.esg_certifications ?? []))
        : VALUE_TEXTS.esgNo;
  }
}

/** The bullet lines of the company fields; missing ones read 尚未提供. */
export function companyLines(profile: CompanyProfile): string[] {
  return COMPANY_FIELDS.map((field) =>
    VALUE_TEXTS.bullet(
      FIELD_LABELS[field],
      fieldValueText(profile, field) ?? FINISH_TEXTS.notProvided,
    )
  );
}

/** The product lines: a count, then one numbered line (plus details) per product. */
export function productLines(products: readonly StoredProduct[]): string[] {
  const lines = [
    VALUE_TEXTS.bullet(VALUE_TEXTS.productsLabel, VALUE_TEXTS.products(products.length)),
  ];
  products.forEach((p, i) => {
    lines.push(VALUE_TEXTS.productLine(i + 1, p.product_name, p.product_id));
    const details =
      (["price", "main_raw_materials", "product_standard", "technical_advantages"] as const)
        .filter((key) => p[key])
        .map((key) => `${PRODUCT_LABELS[key]}：${p[key]}`);
    if (details.length > 0) lines.push(VALUE_TEXTS.productDetails(details.join("；")));
  });
  return lines;
}

/** Every line of the summary: company fields, then products. */
export function summaryLines(snapshot: OnboardingSnapshot): string[] {
  return [...companyLines(snapshot.profile), ...productLines(snapshot.products)];
}

/** The summary shown before confirmation: heading, lines, and the confirmation prompt. */
export function summaryWithPrompt(snapshot: OnboardingSnapshot, changed = false): string {
  const heading = changed ? FINISH_TEXTS.summaryChanged : FINISH_TEXTS.summaryHeading;
  return `${heading}\n${summaryLines(snapshot).join("\n")}\n\n${FINISH_TEXTS.confirmPrompt}`;
}

/**
 * A short fingerprint of the data a summary shows (FNV-1a over its JSON, product row ids left
 * out because inserted products get their real ids only when stored).
 */
export function snapshotDigest(snapshot: OnboardingSnapshot): string {
  const products = snapshot.products.map(({ id: _id, ...fields }) => fields);
  const json = JSON.stringify([snapshot.profile, products]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) {
    hash ^= json.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}
