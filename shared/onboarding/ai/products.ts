/**
 * Applying the products the model proposed, through the rule engine's product functions (save
 * by repeated ID, the per-session cap, deletion messages). The model cannot delete on its own:
 * a deletion needs a delete verb in the user's own message and the product's ID or name there
 * too. Identifiers (ID, name) must also appear in the user's message, so the model cannot
 * invent a product the user never named, and so must every other value (no value without
 * evidence): a field the message does not state is left out.
 */

import { DELETE_VERB_PATTERN } from "../lexicon/mod.ts";
import { normalizeText, normalizeValueText, squash } from "../parsing/normalize.ts";
import { isNoneAnswer, isSkipAnswer } from "../parsing/yes_no.ts";
import type { ProductFields } from "../types.ts";
import {
  closeDraft,
  deleteProduct,
  draftProduct,
  findById,
  findProduct,
  keepFittingFields,
  PRODUCT_FIELD_ORDER,
  type ProductDraft,
  recordDraft,
  saveProduct,
  type TurnContext,
  updateStoredProduct,
} from "../engine/mod.ts";
import { Evidence } from "./evidence.ts";
import type { ProductProposal } from "./schema.ts";

/** Product proposals read per turn at most (a message rarely names more). */
export const MAX_PROPOSALS_PER_TURN = 20;

/** Why a proposal was ignored, for the log. */
export type RejectedProposal = { action: string; reason: string };

/** A proposal's fields as the text states them, and the fields it does not state. */
export interface StatedFields {
  fields: ProductDraft;
  unsupported: (keyof ProductFields)[];
}

/**
 * Cleans one proposal into draft fields: one line each, skip words mean "skipped" (null) for
 * optional fields. Every value must be found in `source` (the user's message or a document's
 * text, see evidence.ts); a field it does not state is left out and listed as unsupported.
 * Returns null when the proposal names a product (ID or name) that the text does not contain:
 * the whole proposal is then about a product the user never named.
 */
export function proposalFields(
  p: Omit<ProductProposal, "action">,
  source: Evidence,
): StatedFields | null {
  const out: StatedFields = { fields: {}, unsupported: [] };
  for (const key of PRODUCT_FIELD_ORDER) {
    const raw = p[key];
    if (typeof raw !== "string") continue;
    const value = normalizeValueText(raw).replace(/\s*\n\s*/g, " ").trim();
    if (value === "") continue;
    const skipped = isSkipAnswer(value) || isNoneAnswer(value);
    if (key === "product_name" || key === "product_id") {
      if (skipped) continue;
      if (!source.mentions(value)) return null;
    } else if (!(skipped ? source.mentions(value) || source.saysSkip() : source.mentions(value))) {
      out.unsupported.push(key);
      continue;
    }
    out.fields[key] = skipped ? null : value;
  }
  return out;
}

/**
 * Continues (or starts) the product being collected field by field, as a field-by-field answer
 * in the rule engine does (`recordDraft`): once it has a name the product is stored, each
 * later answer updates it, and the next missing field is asked.
 */
function continueDraft(ctx: TurnContext, fields: ProductDraft): void {
  if (ctx.draft === null) ctx.draft = {};
  recordDraft(ctx, fields);
}

// Whether proposed fields are about the stored product being collected (its name, or none).
function forDraft(ctx: TurnContext, fields: ProductDraft): boolean {
  const stored = draftProduct(ctx.current.products, ctx.draft);
  if (!stored) return false;
  if (fields.product_id && findById(ctx.current.products, fields.product_id) !== stored) {
    return false;
  }
  return !fields.product_name || squash(fields.product_name) === squash(stored.product_name);
}

// Updates an existing product named by ID (or, without an ID, by its exact name).
function updateExisting(ctx: TurnContext, fields: ProductDraft): boolean {
  const existing = fields.product_id
    ? findById(ctx.current.products, fields.product_id)
    : fields.product_name
    ? findProduct(ctx.current.products, fields.product_name)
    : undefined;
  if (!existing) return false;
  // Found by name, the product's own ID is written too, as a repeated ID would write it.
  const id = existing.product_id;
  updateStoredProduct(ctx, existing, id ? { ...fields, product_id: id } : fields);
  return true;
}

function deleteProposed(ctx: TurnContext, p: ProductProposal, message: string): string | null {
  const key = p.product_id?.trim() || p.product_name?.trim();
  if (!key) return "no_key";
  if (!DELETE_VERB_PATTERN.test(normalizeText(message))) return "no_delete_word";
  const product = findProduct(ctx.current.products, key);
  if (!product) return "unknown_product";
  const said = squash(message);
  const named = (product.product_id && said.includes(squash(product.product_id))) ||
    said.includes(squash(product.product_name));
  if (!named) return "not_named_by_user";
  deleteProduct(ctx, key);
  return null;
}

/**
 * Applies the proposals of one turn. A single new product continues the field-by-field flow
 * (missing fields are asked); several new products in one message are each saved as given.
 * Returns whether anything was applied, and the proposals that were ignored.
 */
export function applyProductProposals(
  ctx: TurnContext,
  proposals: readonly ProductProposal[],
  message: string,
): { applied: boolean; rejected: RejectedProposal[] } {
  const rejected: RejectedProposal[] = [];
  let applied = false;
  const upserts: ProductDraft[] = [];
  const source = new Evidence(message);
  for (const p of proposals.slice(0, MAX_PROPOSALS_PER_TURN)) {
    if (p.action === "delete") {
      const reason = deleteProposed(ctx, p, message);
      if (reason === null) applied = true;
      else rejected.push({ action: "delete", reason });
      continue;
    }
    const proposed = proposalFields(p, source);
    if (proposed === null) {
      rejected.push({ action: "upsert", reason: "not_named_by_user" });
      continue;
    }
    for (const key of proposed.unsupported) {
      rejected.push({ action: `upsert:${key}`, reason: "no_evidence" });
    }
    const fields = keepFittingFields(ctx, proposed.fields);
    if (Object.keys(fields).length === 0) rejected.push({ action: "upsert", reason: "empty" });
    else upserts.push(fields);
  }
  const fresh = upserts.filter((fields) => forDraft(ctx, fields) || !updateExisting(ctx, fields));
  applied ||= fresh.length < upserts.length;
  if (fresh.length === 1) {
    const [fields] = fresh;
    const draftName = ctx.draft?.product_name;
    // A different product named while one is in progress: the first is kept (if named).
    if (fields.product_name && draftName && fields.product_name !== draftName) closeDraft(ctx);
    continueDraft(ctx, fields);
    applied = true;
  } else if (fresh.length > 1) {
    closeDraft(ctx);
    for (const fields of fresh) {
      if (saveProduct(ctx, fields)) applied = true;
      else rejected.push({ action: "upsert", reason: "no_name" });
    }
  }
  return { applied, rejected };
}
