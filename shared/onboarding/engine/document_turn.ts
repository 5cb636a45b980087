/**
 * A turn made from an uploaded document rather than a chat message: the fields and products
 * the document states are merged into the data, and the reply (contract §5.10) lists exactly
 * what was filled or changed, what is still missing, and asks the next question.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */
import { MAX_PRODUCT_FIELD_LENGTH, MAX_PRODUCTS } from "../limits.ts";
import { COMPANY_FIELDS, missingCompanyFields } from "../progress.ts";
import type {
  CompanyProfile,
  DocumentFacts,
  OnboardingSnapshot,
  ProductChange,
  ProductFields,
  StoredProduct,
} from "../types.ts";
import { applyProductChange, applyTurn } from "./apply.ts";
import { settleEsg } from "./company_answer.ts";
import { findById } from "./product_flow.ts";
import { nextQuestion } from "./reply.ts";
import type { ConversationState } from "./state.ts";
import { DOCUMENT_TEXTS, FIELD_LABELS } from "./texts.ts";
import type { EngineTurn } from "./types.ts";

/** The uploaded file, as the reply describes it. */
export interface DocumentFile {
  name: string;
  typeLabel: string;
  characters: number;
}

/** A document turn: an engine turn plus what the upload response reports. */
export interface DocumentTurn extends EngineTurn {
  dataUpdated: boolean;
  productsAdded: number;
}

/**
 * Merges `facts` into `snapshot`: a stated field is written only when it differs from what is
 * stored; a product whose ID (or, without an ID, whose exact name) is already there is updated
 * with the values the document states, others are added (up to the product limit).
 */
export function documentTurn(
  state: ConversationState,
  snapshot: OnboardingSnapshot,
  facts: DocumentFacts,
  file: DocumentFile,
): DocumentTurn {
  const stated: Partial<CompanyProfile> = {};
  for (const [key, value] of Object.entries(facts.profile) as [keyof CompanyProfile, never][]) {
    if (value !== undefined && value !== null && !sameValue(snapshot.profile[key], value)) {
      stated[key] = value;
    }
  }
  const { patch } = settleEsg(stated, snapshot.profile);
  const changes = productChanges(snapshot.products, facts.products);
  const after = applyTurn(snapshot, { profile: patch, productChanges: changes });

  const lines = [
    ...COMPANY_FIELDS.filter((f) => fieldChanged(snapshot.profile, after.profile, f))
      .map((f) => DOCUMENT_TEXTS.fieldLine(f, after.profile)),
    ...changes.map((c) => DOCUMENT_TEXTS.productLine(c, snapshot.products)),
  ];
  const missing = missingCompanyFields(after.profile).map((f) => FIELD_LABELS[f]);
  const reply = [
    DOCUMENT_TEXTS.header(file),
    lines.length > 0 ? DOCUMENT_TEXTS.extracted(lines) : DOCUMENT_TEXTS.nothingFound,
    missing.length > 0 ? DOCUMENT_TEXTS.stillMissing(missing) : "",
    nextQuestion(after, state),
  ].filter((part) => part !== "").join("\n\n");

  return {
    profile: patch,
    productChanges: changes,
    reply,
    completed: false,
    state,
    dataUpdated: Object.keys(patch).length > 0 || changes.length > 0,
    productsAdded: changes.filter((c) => c.kind === "insert").length,
  };
}

function productChanges(
  stored: readonly StoredProduct[],
  proposed: readonly ProductFields[],
): ProductChange[] {
  const changes: ProductChange[] = [];
  let current = [...stored];
  for (const raw of proposed) {
    const fields = withinLimits(raw);
    if (!fields) continue;
    const existing = fields.product_id
      ? findById(current, fields.product_id)
      : current.find((p) => p.product_id === null && p.product_name === fields.product_name);
    let change: ProductChange | undefined;
    if (existing) {
      const update = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) =>
          v !== null && v !== existing[k as keyof ProductFields]
        ),
      ) as Partial<ProductFields>;
      if (Object.keys(update).length > 0) {
        change = { kind: "update", id: existing.id, fields: update };
      }
    } else if (current.length < MAX_PRODUCTS) {
      change = { kind: "insert", fields };
    }
    if (change) {
      changes.push(change);
      current = applyProductChange(current, change);
    }
  }
  return changes;
}

// A product needs a name, and no value may exceed the database's limits: such a product is
// left out rather than cut, so nothing half-true is stored.
function withinLimits(product: ProductFields): ProductFields | undefined {
  if (!product.product_name?.trim()) return undefined;
  for (const [key, limit] of Object.entries(MAX_PRODUCT_FIELD_LENGTH)) {
    const value = product[key as keyof ProductFields];
    if (typeof value === "string" && value.length > limit) return undefined;
  }
  return product;
}

function fieldChanged(before: CompanyProfile, after: CompanyProfile, field: keyof CompanyProfile) {
  if (field === "esg_certification") {
    return !sameValue(before.esg_certification, after.esg_certification) ||
      !sameValue(before.esg_certifications, after.esg_certifications);
  }
  return !sameValue(before[field], after[field]);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
