/**
 * The little a conversation must remember between turns that cannot be derived from the
 * collected data. Everything else (which company field to ask next, whether the ESG answer
 * still needs names, whether to ask "more products?") is recomputed from the snapshot on every
 * turn, so the state cannot fall out of step with the data. Stored as jsonb per session.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import type { ProductFields } from "../types.ts";

/** The product fields, in the order a product is collected field by field. */
export const PRODUCT_FIELD_ORDER = [
  "product_name",
  "product_id",
  "price",
  "main_raw_materials",
  "product_standard",
  "technical_advantages",
] as const satisfies readonly (keyof ProductFields)[];

/** One product field key. */
export type ProductFieldKey = typeof PRODUCT_FIELD_ORDER[number];

/**
 * A product being collected field by field. A key that is present has been answered (null =
 * skipped); the next field to ask is the first key of `PRODUCT_FIELD_ORDER` that is absent.
 */
export type ProductDraft = Partial<Record<ProductFieldKey, string | null>>;

/** The per-session conversation state (JSON-serialisable). */
export interface ConversationState {
  /** Bumped if the shape ever changes, so an old stored state can be recognised. */
  version: 1;
  /** The product being collected field by field, or null when none is in progress. */
  draft: ProductDraft | null;
  /**
   * Set while the summary awaits confirmation: `digest` fingerprints the data the summary
   * showed, so a confirmation only completes the session for the data the user actually saw.
   */
  confirm: { digest: string } | null;
  /**
   * A value read clearly but unlikely (a capital under NT$1,000), not stored: the reply asked
   * the user to confirm it. A yes on the next turn stores it; any other message is read as
   * usual and clears it. Absent when nothing awaits confirmation.
   */
  pendingValue?: PendingValue;
}

/** A value awaiting the user's confirmation (only the capital is ever confirmed). */
export interface PendingValue {
  field: "capital_amount";
  value: number;
}

/** The state of a new session: nothing in progress. */
export function initialState(): ConversationState {
  return { version: 1, draft: null, confirm: null };
}

/**
 * Reads a stored state defensively (jsonb written by an older version, or hand-edited rows):
 * anything unrecognised falls back to the initial state, which is always safe because the
 * rest is derived from data.
 */
export function parseState(raw: unknown): ConversationState {
  const state = initialState();
  if (typeof raw !== "object" || raw === null) return state;
  const r = raw as Record<string, unknown>;
  if (r.version !== 1) return state;
  if (typeof r.draft === "object" && r.draft !== null && !Array.isArray(r.draft)) {
    const draft: ProductDraft = {};
    for (const key of PRODUCT_FIELD_ORDER) {
      const value = (r.draft as Record<string, unknown>)[key];
      if (typeof value === "string" || value === null) draft[key] = value;
    }
    state.draft = draft;
  }
  const confirm = r.confirm as Record<string, unknown> | null | undefined;
  if (typeof confirm === "object" && confirm !== null && typeof confirm.digest === "string") {
    state.confirm = { digest: confirm.digest };
  }
  const pending = r.pendingValue as Record<string, unknown> | null | undefined;
  if (
    typeof pending === "object" && pending !== null && pending.field === "capital_amount" &&
    typeof pending.value === "number" && Number.isSafeInteger(pending.value) && pending.value > 0
  ) {
    state.pendingValue = { field: pending.field, value: pending.value };
  }
  return state;
}

/** The next field to ask for a draft, or null when every field has been answered. */
export function nextDraftField(draft: ProductDraft): ProductFieldKey | null {
  return PRODUCT_FIELD_ORDER.find((key) => !(key in draft)) ?? null;
}
