/**
 * Length and value limits of the collected data, shared by the engines (which re-ask when a
 * value is out of bounds) and mirrored by the database's check constraints.
 */

/** Longest user message, in characters after trimming (contract §5.3). */
export const MAX_MESSAGE_LENGTH = 4000;
/** Longest industry name. */
export const MAX_INDUSTRY_LENGTH = 100;
/** Largest capital accepted, in TWD. */
export const MAX_CAPITAL = 1_000_000_000_000_000;
/** Longest value of each product field. */
export const MAX_PRODUCT_FIELD_LENGTH = {
  product_id: 100,
  product_name: 200,
  price: 200,
  main_raw_materials: 1000,
  product_standard: 1000,
  technical_advantages: 2000,
} as const;
/** Most products one session may hold. */
export const MAX_PRODUCTS = 200;
