/**
 * Products in the rule engine: a labelled block, one field at a time through a draft, update
 * by a repeated product ID, and deletion by ID or name.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { MAX_PRODUCT_FIELD_LENGTH, MAX_PRODUCTS } from "../limits.ts";
import { isNoneAnswer, isSkipAnswer } from "../parsing/yes_no.ts";
import type { ProductFields, StoredProduct } from "../types.ts";
import { joinNames } from "./format.ts";
import { nextDraftField, PRODUCT_FIELD_ORDER, type ProductDraft } from "./state.ts";
import { PRODUCT_LABELS, PRODUCT_TEXTS } from "./texts.ts";
import type { TurnContext } from "./turn_context.ts";

/** The product whose ID equals `id` (case and surrounding spaces ignored), if any. */
export function findById(
  products: readonly StoredProduct[],
  id: string,
): StoredProduct | undefined {
  const key = id.trim().toLowerCase();
  return products.find((p) => p.product_id?.trim().toLowerCase() === key);
}

/** The product named by `key`: its ID first, then its exact name. */
export function findProduct(
  products: readonly StoredProduct[],
  key: string,
): StoredProduct | undefined {
  const name = key.trim().toLowerCase();
  return findById(products, key) ??
    products.find((p) => p.product_name.trim().toLowerCase() === name);
}

/** Refuses values longer than the database allows, saying so; returns the fields that fit. */
export function keepFittingFields(ctx: TurnContext, fields: ProductDraft): ProductDraft {
  const out: ProductDraft = {};
  for (const key of PRODUCT_FIELD_ORDER) {
    const value = fields[key];
    if (value === undefined) continue;
    if (value !== null && value.length > MAX_PRODUCT_FIELD_LENGTH[key]) {
      ctx.notices.push(PRODUCT_TEXTS.tooLong(PRODUCT_LABELS[key], MAX_PRODUCT_FIELD_LENGTH[key]));
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** A product's fields from a named draft; absent or skipped fields become null. */
export function productFromDraft(
  fields: ProductDraft & { product_name: string },
): ProductFields {
  return {
    product_id: fields.product_id ?? null,
    product_name: fields.product_name,
    price: fields.price ?? null,
    main_raw_materials: fields.main_raw_materials ?? null,
    product_standard: fields.product_standard ?? null,
    technical_advantages: fields.technical_advantages ?? null,
  };
}

/**
 * Stores a complete product: updates the product with the same ID when there is one (only
 * the values given; nothing is cleared), inserts otherwise. `fields` must have a name unless
 * it updates.
 */
export function saveProduct(ctx: TurnContext, fields: ProductDraft): boolean {
  const existing = fields.product_id
    ? findById(ctx.current.products, fields.product_id)
    : undefined;
  if (existing) {
    const update: Partial<ProductFields> = {};
    for (const key of PRODUCT_FIELD_ORDER) {
      const value = fields[key];
      if (typeof value === "string" && value !== "") update[key] = value;
    }
    ctx.changeProduct({ kind: "update", id: existing.id, fields: update });
    ctx.notes.push(
      PRODUCT_TEXTS.updated(update.product_name ?? existing.product_name, existing.product_id),
    );
    return true;
  }
  if (!fields.product_name) return false;
  if (ctx.current.products.length >= MAX_PRODUCTS) {
    ctx.notices.push(PRODUCT_TEXTS.tooMany(MAX_PRODUCTS));
    return true; // handled: the product is not kept, and not asked for again
  }
  const product = productFromDraft({ ...fields, product_name: fields.product_name });
  ctx.changeProduct({ kind: "insert", fields: product });
  ctx.notes.push(PRODUCT_TEXTS.added(product.product_name, product.product_id));
  return true;
}

/**
 * A labelled block (`產品ID：P001\n產品名稱：…`): merged into the draft in progress, if any,
 * then saved at once when it names a product (or repeats a known ID); otherwise it starts or
 * continues a draft and the missing fields are asked one by one.
 */
export function handleProductBlock(ctx: TurnContext, block: Partial<ProductFields>): void {
  const merged = keepFittingFields(ctx, { ...(ctx.draft ?? {}), ...block });
  if (saveProduct(ctx, merged)) {
    ctx.draft = null;
  } else {
    ctx.draft = merged;
    if (nextDraftField(merged) === null) ctx.notices.push(PRODUCT_TEXTS.nameNeeded);
  }
}

/** Starts collecting a product field by field, optionally with its name already given. */
export function startDraft(ctx: TurnContext, name?: string): void {
  ctx.draft = {};
  if (name !== undefined) answerDraftField(ctx, name);
}

/**
 * Takes the message as the value of the draft's pending field. Optional fields may be
 * skipped (`-`, `無`, `跳過`); skipping the name drops the product. Returns "dropped" when the
 * product was abandoned, "saved" when its last field completed it, else "asked".
 */
export function answerDraftField(ctx: TurnContext, text: string): "dropped" | "saved" | "asked" {
  const draft = ctx.draft ?? {};
  const field = nextDraftField(draft) ?? "product_name";
  const skip = isSkipAnswer(text) || isNoneAnswer(text);
  if (field === "product_name" && skip) {
    ctx.draft = null;
    ctx.notes.push(PRODUCT_TEXTS.draftDropped);
    return "dropped";
  }
  const value = skip ? null : text.trim();
  const accepted = keepFittingFields(ctx, { [field]: value });
  if (!(field in accepted)) return "asked";
  const next: ProductDraft = { ...draft, ...accepted };
  if (nextDraftField(next) === null) {
    ctx.draft = null;
    saveProduct(ctx, next);
    return "saved";
  }
  ctx.draft = next;
  const label = PRODUCT_LABELS[field];
  ctx.notes.push(
    value === null ? PRODUCT_TEXTS.fieldSkipped(label) : PRODUCT_TEXTS.fieldRecorded(label, value),
  );
  const known = field === "product_id" && value ? findById(ctx.current.products, value) : undefined;
  if (known) ctx.notes.push(PRODUCT_TEXTS.idExists(value!, known.product_name));
  return "asked";
}

/** Ends a draft because the user is done: saved when it has a name, dropped otherwise. */
export function closeDraft(ctx: TurnContext): void {
  if (ctx.draft === null) return;
  const draft = ctx.draft;
  ctx.draft = null;
  if (!saveProduct(ctx, draft)) ctx.notes.push(PRODUCT_TEXTS.draftDropped);
}

/** Deletes the product named by ID or name, or says it was not found (and lists the rest). */
export function deleteProduct(ctx: TurnContext, key: string): void {
  const product = findProduct(ctx.current.products, key);
  if (!product) {
    const names = ctx.current.products.map((p) =>
      p.product_id ? `${p.product_name}（${p.product_id}）` : p.product_name
    );
    ctx.notices.push(
      PRODUCT_TEXTS.notFound(key) +
        (names.length > 0 ? PRODUCT_TEXTS.existing(joinNames(names)) : PRODUCT_TEXTS.none),
    );
    return;
  }
  ctx.changeProduct({ kind: "delete", id: product.id });
  ctx.notes.push(PRODUCT_TEXTS.deleted(product.product_name, product.product_id));
}
