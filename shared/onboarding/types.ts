/**
 * The onboarding domain's data shapes, shared by the engines, the parsers, the export mapping
 * and the database layer. Plain data only: no behaviour lives here.
 */

/** The six company fields of contract §1 plus the ESG list that backs `esg_certification`. */
export interface CompanyProfile {
  industry: string | null;
  /** New Taiwan dollars; may exceed 2^31 (stored as bigint). */
  capital_amount: number | null;
  invention_patent_count: number | null;
  utility_patent_count: number | null;
  /** Company (non-ESG) certifications, counted. */
  certification_count: number | null;
  /** Names of the company certifications when the user listed them (e.g. ["ISO 9001"]). */
  certifications: string[] | null;
  /** Whether the ESG question was answered yes (true), no (false) or not yet (null). */
  esg_certification: boolean | null;
  /** Names of the ESG certifications (e.g. ["ISO 14064","ISO 14067"]); [] when none. */
  esg_certifications: string[] | null;
}

/** The product fields of contract §1; `product_name` is required for a stored product. */
export interface ProductFields {
  product_id: string | null;
  product_name: string;
  price: string | null;
  main_raw_materials: string | null;
  product_standard: string | null;
  technical_advantages: string | null;
}

/** A stored product: its fields plus the database row id the engine uses to refer to it. */
export interface StoredProduct extends ProductFields {
  id: number;
}

/** Everything collected for one session so far. */
export interface OnboardingSnapshot {
  profile: CompanyProfile;
  products: StoredProduct[];
}

/**
 * What a document states: the company values and the products (each with a name) found in it,
 * before they are compared with the stored data. Both extractors return it (the rule-based one
 * in `documents/fields.ts`, the model in `ai/document.ts`); `documentTurn` merges it.
 */
export interface DocumentFacts {
  profile: Partial<CompanyProfile>;
  products: ProductFields[];
}

/** A change to the products of a session, decided by an engine and applied by the db layer. */
export type ProductChange =
  | { kind: "insert"; fields: ProductFields }
  | { kind: "update"; id: number; fields: Partial<ProductFields> }
  | { kind: "delete"; id: number };

/** The progress object of contract §6. */
export interface Progress {
  industry: boolean;
  capital_amount: boolean;
  patents: boolean;
  certifications: boolean;
  products: boolean;
  fields_completed: number;
  total_fields: number;
  company_info_complete: boolean;
  products_count: number;
}

/** An empty profile: every field not yet collected. */
export function emptyProfile(): CompanyProfile {
  return {
    industry: null,
    capital_amount: null,
    invention_patent_count: null,
    utility_patent_count: null,
    certification_count: null,
    certifications: null,
    esg_certification: null,
    esg_certifications: null,
  };
}
