/**
 * What the conversation is waiting for, derived on every turn from the data and the small
 * stored state (never stored itself, so it cannot disagree with the data).
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { type CompanyField, missingCompanyFields } from "../progress.ts";
import type { OnboardingSnapshot } from "../types.ts";
import { nextDraftField, type ProductDraft, type ProductFieldKey } from "./state.ts";

/** The pending item an unlabelled answer is read against. */
export type Pending =
  | { kind: "confirm" }
  | { kind: "product_field"; field: ProductFieldKey }
  | { kind: "company"; field: CompanyField }
  | { kind: "products"; first: boolean };

/** Derives the pending item: confirmation, a draft's next field, a company field, products. */
export function pendingItem(
  snapshot: OnboardingSnapshot,
  draft: ProductDraft | null,
  confirming: boolean,
): Pending {
  if (confirming) return { kind: "confirm" };
  if (draft) {
    const field = nextDraftField(draft);
    if (field !== null) return { kind: "product_field", field };
  }
  const missing = missingCompanyFields(snapshot.profile);
  if (missing.length > 0) return { kind: "company", field: missing[0] };
  return { kind: "products", first: snapshot.products.length === 0 };
}

/**
 * What a user is asked for, by the names of the admin metrics' drop-off (contract §9): a
 * company field, `products` (a product or one of its fields) or `confirmation`.
 */
export type AskedItem = CompanyField | "products" | "confirmation";

/** The item {@link pendingItem} waits for, named as in {@link AskedItem}. */
export function askedItem(
  snapshot: OnboardingSnapshot,
  draft: ProductDraft | null,
  confirming: boolean,
): AskedItem {
  const pending = pendingItem(snapshot, draft, confirming);
  switch (pending.kind) {
    case "confirm":
      return "confirmation";
    case "company":
      return pending.field;
    case "product_field":
    case "products":
      return "products";
  }
}
