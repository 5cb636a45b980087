/**
 * Products in the rule engine: a labelled block, a free sentence, one field at a time through a
 * draft, update by a repeated product ID or by a sentence (`保溫杯的價格改成720元`), and deletion
 * by ID, name, part of a name or position.
 *
 * A product is stored as soon as it has a name, so that it shows in the product list at once;
 * while some of its fields are unanswered, the draft keeps the answers and refers to the stored
 * product (by its product ID when it has one, else by its exact name: a product inserted this
 * turn gets its database id only when saved), and each later answer updates it.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { PRODUCT_POSITION_PATTERN, PRODUCT_PRONOUNS } from "../lexicon/mod.ts";
import { MAX_PRODUCT_FIELD_LENGTH, MAX_PRODUCTS } from "../limits.ts";
import { squash, stripEdgeNoise } from "../parsing/normalize.ts";
import { parseChineseNumber } from "../parsing/numbers.ts";
import { productFieldForLabel } from "../parsing/products.ts";
import { isPlainProductName, parseProductSentence } from "../parsing/product_sentence.ts";
import { parseProductUpdate, type ProductFieldUpdate } from "../parsing/product_update.ts";
import { isNoneAnswer, isPutOffAnswer, isSkipAnswer } from "../parsing/yes_no.ts";
import type { ProductFields, StoredProduct } from "../types.ts";
import { isProductReference } from "./commands.ts";
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
 * it updates. `details` (what was read from a sentence) is said with a new product, so that a
 * misreading shows at once.
 */
export function saveProduct(ctx: TurnContext, fields: ProductDraft, details = ""): boolean {
  const existing = fields.product_id
    ? findById(ctx.current.products, fields.product_id)
    : undefined;
  if (existing) {
    updateStoredProduct(ctx, existing, fields);
    return true;
  }
  if (!fields.product_name) return false;
  if (ctx.current.products.length >= MAX_PRODUCTS) {
    ctx.notices.push(PRODUCT_TEXTS.tooMany(MAX_PRODUCTS));
    return true; // handled: the product is not kept, and not asked for again
  }
  const product = productFromDraft({ ...fields, product_name: fields.product_name });
  ctx.changeProduct({ kind: "insert", fields: product });
  ctx.notes.push(
    details === ""
      ? PRODUCT_TEXTS.added(product.product_name, product.product_id)
      : PRODUCT_TEXTS.addedWith(product.product_name, details),
  );
  return true;
}

/** Updates a stored product with the values given (nothing is cleared) and says so. */
export function updateStoredProduct(
  ctx: TurnContext,
  existing: StoredProduct,
  fields: ProductDraft,
): void {
  const update: Partial<ProductFields> = {};
  for (const key of PRODUCT_FIELD_ORDER) {
    const value = fields[key];
    if (typeof value === "string" && value !== "") update[key] = value;
  }
  ctx.changeProduct({ kind: "update", id: existing.id, fields: update });
  ctx.notes.push(
    PRODUCT_TEXTS.updated(update.product_name ?? existing.product_name, existing.product_id),
  );
}

/**
 * The stored product a draft refers to: the one with the draft's product ID when it has one,
 * else the latest one with its exact name (one without an ID first). Undefined while the draft
 * has no name, or once the product is gone (deleted, or a draft stored by an older version).
 */
export function draftProduct(
  products: readonly StoredProduct[],
  draft: ProductDraft | null,
): StoredProduct | undefined {
  if (!draft?.product_name) return undefined;
  if (draft.product_id) return findById(products, draft.product_id);
  const name = draft.product_name.trim().toLowerCase();
  const named = products.filter((p) => p.product_name.trim().toLowerCase() === name);
  return named.findLast((p) => !p.product_id) ?? named.at(-1);
}

/**
 * Records answered fields (already length-checked) of the product being collected, merged into
 * the draft. Once the draft has a name the product is stored: inserted the first time (`已新增
 * 產品「X」`, with the details a sentence gave), updated by every later answer (`好的，價格：
 * 680元。`). The draft stays while a field is unanswered and is closed when none is. An ID that
 * another product already has is refused (asked again), since IDs name one product.
 */
export function recordDraft(ctx: TurnContext, given: ProductDraft): void {
  const fields = withoutTakenId(ctx, given);
  const stored = draftProduct(ctx.current.products, ctx.draft);
  const next: ProductDraft = { ...(ctx.draft ?? {}), ...fields };
  if (!next.product_name) {
    ctx.draft = next;
    return;
  }
  if (stored) {
    const update: Partial<ProductFields> = {};
    for (const key of PRODUCT_FIELD_ORDER) {
      const value = fields[key];
      if (typeof value === "string" && value !== stored[key]) update[key] = value;
    }
    if (Object.keys(update).length > 0) {
      ctx.changeProduct({ kind: "update", id: stored.id, fields: update });
    }
    const said = PRODUCT_FIELD_ORDER.filter((k) => k in fields).map((k) =>
      fields[k] == null
        ? PRODUCT_TEXTS.skippedItem(PRODUCT_LABELS[k])
        : PRODUCT_TEXTS.detail(PRODUCT_LABELS[k], fields[k]!)
    );
    if (said.length > 0) ctx.notes.push(PRODUCT_TEXTS.fieldsRecorded(joinNames(said)));
  } else {
    const details = PRODUCT_FIELD_ORDER.filter((k) =>
      k !== "product_name" && k !== "product_id" && fields[k]
    ).map((k) => PRODUCT_TEXTS.detail(PRODUCT_LABELS[k], fields[k]!));
    if (details.length > 0 && next.product_id) {
      details.unshift(PRODUCT_TEXTS.detail(PRODUCT_LABELS.product_id, next.product_id));
    }
    const inserted = saveProduct(
      ctx,
      { ...next, product_id: next.product_id || null },
      joinNames(details),
    );
    if (!inserted || draftProduct(ctx.current.products, next) === undefined) {
      ctx.draft = null; // not kept (the session's product cap)
      return;
    }
  }
  ctx.draft = nextDraftField(next) === null ? null : next;
}

// The fields without a product ID that names another stored product (said so; asked again).
function withoutTakenId(ctx: TurnContext, fields: ProductDraft): ProductDraft {
  const id = fields.product_id;
  if (!id) return fields;
  const owner = findById(ctx.current.products, id);
  if (owner === undefined || owner === draftProduct(ctx.current.products, ctx.draft)) {
    return fields;
  }
  ctx.notices.push(PRODUCT_TEXTS.idTaken(id, owner.product_name));
  const { product_id: _taken, ...rest } = fields;
  return rest;
}

/**
 * A labelled block (`產品ID：P001\n產品名稱：…`). A block that names a product (or repeats a
 * known ID) is saved at once and nothing more is asked; a block for the product being
 * collected (its name, or no name) updates it. A block without a name starts or continues a
 * draft, and its missing fields are asked one by one.
 */
export function handleProductBlock(ctx: TurnContext, block: Partial<ProductFields>): void {
  const stored = draftProduct(ctx.current.products, ctx.draft);
  if (stored && ctx.draft) {
    const sameName = block.product_name === undefined ||
      squash(block.product_name) === squash(ctx.draft.product_name ?? "");
    const owner = block.product_id ? findById(ctx.current.products, block.product_id) : undefined;
    if (sameName && (owner === undefined || owner === stored)) {
      recordDraft(ctx, keepFittingFields(ctx, block));
      if (block.product_name !== undefined) ctx.draft = null;
      return;
    }
    ctx.draft = null; // another product: the one in progress keeps what is stored
  }
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
 * Takes the message as the value of the draft's pending field (see `recordDraft`). Optional
 * fields may be skipped (`-`, `無`, `跳過`); skipping the name drops the product. Returns
 * "dropped" when the product was abandoned, "saved" when its last field completed it, else
 * "asked".
 */
export function answerDraftField(ctx: TurnContext, text: string): "dropped" | "saved" | "asked" {
  const draft = ctx.draft ?? {};
  const field = nextDraftField(draft) ?? "product_name";
  // `不知道` for an optional field leaves it empty; for the name it is no answer (asked again).
  const skip = isSkipAnswer(text) || isNoneAnswer(text) ||
    (field !== "product_name" && isPutOffAnswer(text));
  if (field === "product_name" && skip) {
    ctx.draft = null;
    ctx.notes.push(PRODUCT_TEXTS.draftDropped);
    return "dropped";
  }
  const value = skip ? null : text.trim();
  const accepted = keepFittingFields(ctx, { [field]: value });
  if (!(field in accepted)) return "asked";
  if (ctx.draft === null) ctx.draft = {};
  recordDraft(ctx, accepted);
  return ctx.draft === null ? "saved" : "asked";
}

/**
 * Ends a draft because the user is done: what is stored stays; a named draft that is not
 * stored yet (kept by an older version) is saved; one without a name is dropped.
 */
export function closeDraft(ctx: TurnContext): void {
  if (ctx.draft === null) return;
  const draft = ctx.draft;
  ctx.draft = null;
  if (draftProduct(ctx.current.products, draft)) return;
  if (!saveProduct(ctx, draft)) ctx.notes.push(PRODUCT_TEXTS.draftDropped);
}

/**
 * The stored products `key` refers to: the Nth or the last (`第二個`, `最後一個`), the one with
 * that ID, those with that exact name, else those whose name contains it (`保溫杯` →
 * 恆溫保溫杯). Case and spaces are ignored. Several results mean the key is ambiguous.
 */
export function resolveProducts(
  products: readonly StoredProduct[],
  key: string,
): StoredProduct[] {
  const position = key.trim().match(PRODUCT_POSITION_PATTERN);
  if (position) {
    const n = position[1] === undefined ? products.length : positionNumber(position[1]);
    const product = n === null ? undefined : products[n - 1];
    return product ? [product] : [];
  }
  const byId = findById(products, key);
  if (byId) return [byId];
  const wanted = squash(key);
  const exact = products.filter((p) => squash(p.product_name) === wanted);
  if (exact.length > 0 || wanted === "") return exact;
  const part = products.filter((p) => squash(p.product_name).includes(wanted));
  // One character (`皂`) is a reference only when it is a Chinese character one product has.
  if ([...wanted].length === 1 && (!/[\u3400-\u9fff]/.test(wanted) || part.length !== 1)) {
    return [];
  }
  return part;
}

// 第N個: Arabic or Chinese digits.
function positionNumber(digits: string): number | null {
  return /^[0-9]+$/.test(digits) ? Number(digits) : parseChineseNumber(digits);
}

// `智能晶片（P001）` for lists of products.
function productLabel(p: StoredProduct): string {
  return p.product_id ? `${p.product_name}（${p.product_id}）` : p.product_name;
}

/**
 * Deletes the one product `key` refers to (see `resolveProducts`). When several match or none
 * does, nothing is deleted and the products are listed so the user can say which. A bare
 * pronoun (`把這個刪掉`) drops the product being collected, if any, else asks which.
 */
export function deleteProduct(ctx: TurnContext, key: string): void {
  const products = ctx.current.products;
  const names = joinNames(products.map(productLabel));
  const inProgress = draftProduct(products, ctx.draft);
  if (PRODUCT_PRONOUNS.has(key.trim().toLowerCase())) {
    if (inProgress) {
      ctx.draft = null;
      ctx.changeProduct({ kind: "delete", id: inProgress.id });
      ctx.notes.push(PRODUCT_TEXTS.deleted(inProgress.product_name, inProgress.product_id));
    } else if (ctx.draft !== null) {
      ctx.draft = null;
      ctx.notes.push(PRODUCT_TEXTS.draftDropped);
    } else {
      ctx.notices.push(products.length > 0 ? PRODUCT_TEXTS.whichOne(names) : PRODUCT_TEXTS.none);
    }
    return;
  }
  const matches = resolveProducts(products, key);
  if (matches.length === 1) {
    const [product] = matches;
    if (product === inProgress) ctx.draft = null;
    ctx.changeProduct({ kind: "delete", id: product.id });
    ctx.notes.push(PRODUCT_TEXTS.deleted(product.product_name, product.product_id));
    return;
  }
  if (matches.length > 1) {
    ctx.notices.push(PRODUCT_TEXTS.ambiguous(key, joinNames(matches.map(productLabel))));
    return;
  }
  ctx.notices.push(notFoundText(products, key));
}

// Why nothing matched `key`, and which products there are.
function notFoundText(products: readonly StoredProduct[], key: string): string {
  const names = joinNames(products.map(productLabel));
  const position = key.trim().match(PRODUCT_POSITION_PATTERN);
  const n = position?.[1] === undefined ? null : positionNumber(position[1]);
  if (position && n !== null) {
    return PRODUCT_TEXTS.positionNotFound(n, products.length) +
      (products.length > 0 ? PRODUCT_TEXTS.existing(names) : "");
  }
  // A long key is not echoed: a product is never quoted as a sentence.
  const said = isProductReference(key) ? PRODUCT_TEXTS.notFound(key) : PRODUCT_TEXTS.notFoundSaid;
  return said + (products.length > 0 ? PRODUCT_TEXTS.existing(names) : PRODUCT_TEXTS.none);
}

/**
 * A change to one stored product's field said in the message (`恆溫保溫杯的價格改成720元`), or
 * null. Said with a plain 是 (`手工皂的價格是150元`), it is an update only when the reference
 * names a stored product; otherwise the message may be describing a new product.
 */
export function readProductUpdate(ctx: TurnContext, message: string): ProductFieldUpdate | null {
  const update = parseProductUpdate(message);
  if (update === null) return null;
  if (update.corrects) return update;
  return resolveProducts(ctx.current.products, update.product).length > 0 ? update : null;
}

/**
 * Changes one field of the stored product the update refers to (resolved like a deletion: ID,
 * exact name, a part of the name only one product has, or position). When several products
 * match or none does, nothing changes and the products are listed so the user can say which.
 * The product being collected keeps its draft in step, so an answered field is not asked again.
 */
export function updateProductField(ctx: TurnContext, update: ProductFieldUpdate): void {
  const products = ctx.current.products;
  const matches = resolveProducts(products, update.product);
  if (matches.length > 1) {
    ctx.notices.push(
      PRODUCT_TEXTS.ambiguousUpdate(update.product, joinNames(matches.map(productLabel))),
    );
    return;
  }
  if (matches.length === 0) {
    ctx.notices.push(notFoundText(products, update.product));
    return;
  }
  const [product] = matches;
  const { field } = update;
  const skip = isSkipAnswer(update.value) || isNoneAnswer(update.value);
  if (skip && field === "product_name") {
    ctx.notices.push(PRODUCT_TEXTS.nameNeeded);
    return;
  }
  const accepted = keepFittingFields(ctx, { [field]: skip ? null : update.value });
  if (!(field in accepted)) return;
  const value = accepted[field] ?? null;
  const owner = value && field === "product_id" ? findById(products, value) : undefined;
  if (owner && owner !== product) {
    ctx.notices.push(PRODUCT_TEXTS.idTaken(value!, owner.product_name));
    return;
  }
  const inProgress = draftProduct(products, ctx.draft) === product;
  ctx.changeProduct({ kind: "update", id: product.id, fields: { [field]: value } });
  if (inProgress && ctx.draft) {
    const draft: ProductDraft = { ...ctx.draft, [field]: value };
    ctx.draft = nextDraftField(draft) === null ? null : draft;
  }
  ctx.notes.push(
    PRODUCT_TEXTS.fieldUpdated(
      field === "product_name" ? product.product_name : productLabel(product),
      PRODUCT_LABELS[field],
      value,
    ),
  );
}

/**
 * Reads a message given while a product's name is awaited (the products question, first or
 * "more?", or the name of a product being collected): a plain short reply is the name; a
 * sentence gives its name and whatever its cues state (`有一個品項叫手工皂，一塊150元`), and a
 * sentence with a name and details is saved at once, like a labelled block. A sentence from
 * which no name can be told apart is never stored: the user is asked, with an example.
 */
export function takeProductMessage(ctx: TurnContext, message: string): void {
  // `品名 手工皂`: a name label without a colon before the name.
  const [first, ...rest] = message.trim().split(/\s+/);
  const value = rest.length > 0 && productFieldForLabel(first) === "product_name"
    ? rest.join(" ")
    : message;
  if (isPlainProductName(value)) return takeName(ctx, stripEdgeNoise(value.trim()));
  const sentence = parseProductSentence(value);
  if (sentence.name === null) {
    ctx.notices.push(PRODUCT_TEXTS.nameUnclear);
    ctx.reasked.add("product_name");
    return;
  }
  if (Object.keys(sentence.details).length === 0) return takeName(ctx, sentence.name);
  const named = keepFittingFields(ctx, { ...sentence.details, product_name: sentence.name });
  if (named.product_name === undefined) return; // too long: refused with a notice
  if (ctx.draft === null) ctx.draft = {};
  recordDraft(ctx, named);
}

// A name on its own: it starts the product (or names the one being collected).
function takeName(ctx: TurnContext, name: string): void {
  if (ctx.draft === null) startDraft(ctx, name);
  else answerDraftField(ctx, name);
}

/**
 * Reads a sentence given while a product field other than the name is awaited: when its cues
 * state that field (`一盒350元，原料是桂圓和紅棗` while the price is asked), every field they
 * state is taken and the next missing one is asked. Returns false when the sentence does not
 * state the awaited field; the caller then takes the message as the field's value.
 */
export function answerDraftDetails(ctx: TurnContext, value: string): boolean {
  const draft = ctx.draft;
  const field = draft ? nextDraftField(draft) : null;
  if (draft === null || field === null || field === "product_name") return false;
  const details = parseProductSentence(value).details;
  if (!(field in details)) return false;
  recordDraft(ctx, keepFittingFields(ctx, details));
  return true;
}
