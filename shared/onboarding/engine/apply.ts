/**
 * Applying an engine turn to a snapshot in memory: what the database layer does for real, so
 * the route can compute progress after a turn and tests can drive whole conversations.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import type { CompanyProfile, OnboardingSnapshot, ProductChange, StoredProduct } from "../types.ts";
import type { EngineTurn } from "./types.ts";

/**
 * Returns a new snapshot with `turn.profile` merged in and `turn.productChanges` applied in
 * order. Inserted products get negative temporary ids (-1, -2, …) so they can never collide
 * with database ids; the input snapshot is not modified.
 */
export function applyTurn(
  snapshot: OnboardingSnapshot,
  turn: Pick<EngineTurn, "profile" | "productChanges">,
): OnboardingSnapshot {
  const profile: CompanyProfile = { ...snapshot.profile };
  for (const [key, value] of Object.entries(turn.profile)) {
    if (value !== undefined) (profile as unknown as Record<string, unknown>)[key] = value;
  }
  let products = snapshot.products.map((p) => ({ ...p }));
  for (const change of turn.productChanges) products = applyProductChange(products, change);
  return { profile, products };
}

/** Applies one product change to a list of products, returning a new list. */
export function applyProductChange(
  products: StoredProduct[],
  change: ProductChange,
): StoredProduct[] {
  switch (change.kind) {
    case "insert": {
      const lowest = Math.min(0, ...products.map((p) => p.id));
      return [...products, { ...change.fields, id: lowest - 1 }];
    }
    case "update":
      return products.map((p) => (p.id === change.id ? { ...p, ...defined(change.fields) } : p));
    case "delete":
      return products.filter((p) => p.id !== change.id);
  }
}

// An update never writes `undefined` over a value: absent means "leave as is".
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
