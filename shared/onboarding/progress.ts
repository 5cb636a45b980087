/**
 * The progress object of contract §6, derived from the collected data only (never from the
 * conversation), so it cannot drift from what is stored.
 */

import type { CompanyProfile, OnboardingSnapshot, Progress } from "./types.ts";

/** The six company fields of contract §6, in the order the conversation asks for them. */
export const COMPANY_FIELDS = [
  "industry",
  "capital_amount",
  "invention_patent_count",
  "utility_patent_count",
  "certification_count",
  "esg_certification",
] as const;

/** One of the six company fields counted by `fields_completed`. */
export type CompanyField = typeof COMPANY_FIELDS[number];

/** True when `field` counts as collected in `profile`. */
export function isFieldSet(profile: CompanyProfile, field: CompanyField): boolean {
  const value = profile[field];
  // An empty industry is as good as none: the database refuses "" anyway.
  if (field === "industry") return typeof value === "string" && value.trim() !== "";
  return value !== null && value !== undefined;
}

/** The company fields still missing, in asking order (empty when the company part is done). */
export function missingCompanyFields(profile: CompanyProfile): CompanyField[] {
  return COMPANY_FIELDS.filter((field) => !isFieldSet(profile, field));
}

/** Computes contract §6's progress object for a snapshot. */
export function computeProgress(snapshot: OnboardingSnapshot): Progress {
  const p = snapshot.profile;
  const set = (field: CompanyField) => isFieldSet(p, field);
  const fieldsCompleted = COMPANY_FIELDS.filter(set).length;
  return {
    industry: set("industry"),
    capital_amount: set("capital_amount"),
    patents: set("invention_patent_count") && set("utility_patent_count"),
    certifications: set("certification_count") && set("esg_certification"),
    products: snapshot.products.length > 0,
    fields_completed: fieldsCompleted,
    total_fields: COMPANY_FIELDS.length,
    company_info_complete: fieldsCompleted === COMPANY_FIELDS.length,
    products_count: snapshot.products.length,
  };
}
