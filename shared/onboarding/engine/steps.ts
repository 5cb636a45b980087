/**
 * Reading an unlabelled message against what is pending: a company field, a product field,
 * the products question, or the summary awaiting confirmation. Called only when the message
 * stated no labelled fact, product block, command or help question.
 */

import { isQuestion, NO_WORDS, SMALL_TALK_WORDS, YES_WORDS } from "../lexicon/mod.ts";
import { isNoneAnswer } from "../parsing/yes_no.ts";
import { missingCompanyFields } from "../progress.ts";
import type { CompanyField } from "../progress.ts";
import { readBareAnswer, settleEsg } from "./company_answer.ts";
import { compact, isAddProductRequest, isFinishWord } from "./commands.ts";
import type { Pending } from "./pending.ts";
import { answerDraftField, closeDraft, startDraft } from "./product_flow.ts";
import { FIELD_LABELS, FINISH_TEXTS, GENERAL_TEXTS, PRODUCT_STEP_TEXTS } from "./texts.ts";
import type { TurnContext } from "./turn_context.ts";

/** Whether the whole message is a plain yes (`有`, `是`, `好`…), strictly: `有機肥料` is not. */
export function isYesWord(text: string): boolean {
  return YES_WORDS.has(compact(text));
}

/** Whether the whole message is a plain no or a finish word (`沒有`, `無`, `不用`, `完成`…). */
export function isNoWord(text: string): boolean {
  return NO_WORDS.has(compact(text)) || isNoneAnswer(text) || isFinishWord(text);
}

/**
 * The user wants to finish: summary and confirmation when the company fields are complete,
 * otherwise a refusal that names what is missing (the next question asks for it).
 */
export function requestFinish(ctx: TurnContext): void {
  const missing = missingCompanyFields(ctx.current.profile);
  if (missing.length > 0) {
    ctx.notices.push(FINISH_TEXTS.cannotFinish(missing.map((f) => FIELD_LABELS[f]).join("、")));
    return;
  }
  ctx.confirming = true;
}

/**
 * Reads the message against the pending item. `text` is the normalised message used for
 * recognition; `value` keeps the user's punctuation and is what a product field stores.
 */
export function answerPending(
  ctx: TurnContext,
  pending: Pending,
  text: string,
  value: string,
): void {
  switch (pending.kind) {
    case "company":
      return answerCompany(ctx, pending.field, text);
    case "product_field":
      return answerProductField(ctx, pending.field === "product_name", text, value);
    case "products":
      return answerProducts(ctx, text, value, pending.first);
    case "confirm":
      ctx.notices.push(FINISH_TEXTS.nothingToFix);
      return;
  }
}

function answerCompany(ctx: TurnContext, field: CompanyField, text: string): void {
  const reading = readBareAnswer(field, text, ctx.current.profile);
  const settled = settleEsg(reading.patch, ctx.current.profile);
  ctx.setProfile(settled.patch);
  ctx.notices.push(...reading.hints);
  ctx.askEsgNames ||= settled.askEsgNames || reading.askEsgNames === true;
  if (reading.hedged) ctx.hedged.add(field);
  if (reading.failure === undefined) return;
  if (isFinishWord(text)) return requestFinish(ctx);
  if (isQuestion(text)) {
    ctx.notices.push(GENERAL_TEXTS.offTopic);
    return;
  }
  ctx.refuse(field, reading.failure, reading.value);
}

function answerProductField(ctx: TurnContext, isName: boolean, text: string, value: string): void {
  // A whole-message finish word ends the product (kept if it has a name); 完成 inside a value
  // (完成度高) is just a value.
  if (isFinishWord(text)) {
    closeDraft(ctx);
    return requestFinish(ctx);
  }
  if (isName && isYesWord(text)) return; // "yes, a product": the name question is asked again
  if (answerDraftField(ctx, value) === "dropped") requestFinish(ctx);
}

function answerProducts(ctx: TurnContext, text: string, value: string, first: boolean): void {
  if (isNoWord(text)) return requestFinish(ctx);
  if (isYesWord(text) || isAddProductRequest(text)) return startDraft(ctx);
  if (isQuestion(text)) {
    ctx.notices.push(GENERAL_TEXTS.offTopic);
    return;
  }
  const name = value.trim();
  // A short single line is taken as the next product's name; a long unlabelled line with
  // several parts (P001 智能晶片 1000元 …) cannot be split reliably, so the format is shown.
  if (
    name.includes("\n") || name.split(/\s+/).length > 3 || name.length > 200 ||
    SMALL_TALK_WORDS.has(compact(name))
  ) {
    // The first products question already shows the format; the "more?" one does not.
    ctx.notices.push(GENERAL_TEXTS.notUnderstood + (first ? "" : PRODUCT_STEP_TEXTS.useFormat));
    return;
  }
  startDraft(ctx, name);
}
