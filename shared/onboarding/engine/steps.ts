/**
 * Reading an unlabelled message against what is pending: a company field, a product field,
 * the products question, or the summary awaiting confirmation. Called only when the message
 * stated no labelled fact, product block, command or help question.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import {
  isQuestion,
  NO_MORE_PRODUCTS_PATTERN,
  NO_PRODUCTS_PATTERN,
  NO_WORDS,
  SMALL_TALK_WORDS,
  YES_WORDS,
} from "../lexicon/mod.ts";
import { isNoneAnswer, isSkipAnswer, parseYesNo } from "../parsing/yes_no.ts";
import { missingCompanyFields } from "../progress.ts";
import type { CompanyField } from "../progress.ts";
import { readBareAnswer, settleEsg } from "./company_answer.ts";
import {
  compact,
  isAddProductRequest,
  isConfirmWord,
  isFinishWord,
  isNotFinished,
} from "./commands.ts";
import type { Pending } from "./pending.ts";
import {
  answerDraftDetails,
  answerDraftField,
  closeDraft,
  startDraft,
  takeProductMessage,
} from "./product_flow.ts";
import { FIELD_LABELS, FINISH_TEXTS, GENERAL_TEXTS } from "./texts.ts";
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
      return answerProducts(ctx, text, value);
    case "confirm":
      ctx.notices.push(FINISH_TEXTS.nothingToFix);
      return;
  }
}

/**
 * Whether a message asks to finish rather than answer: a finish phrase that is not also a
 * "none" answer (`沒有了`, `不用` answer a count or the ESG question with no).
 */
function isFinishRequest(text: string): boolean {
  return isFinishWord(text) && !isNoneAnswer(text) && parseYesNo(text) !== "no";
}

function answerCompany(ctx: TurnContext, field: CompanyField, text: string): void {
  // `好了，完成` must not be read as a yes to ESG; `還沒結束` is neither a finish nor a 0.
  if (isFinishRequest(text)) return requestFinish(ctx);
  if (isNotFinished(text)) return ctx.refuse(field, "missing");
  const reading = readBareAnswer(field, text, ctx.current.profile);
  const settled = settleEsg(reading.patch, ctx.current.profile);
  ctx.setProfile(settled.patch);
  ctx.notices.push(...reading.hints);
  ctx.askEsgNames ||= settled.askEsgNames || reading.askEsgNames === true;
  if (reading.hedged) ctx.hedged.add(field);
  if (reading.failure === undefined) return;
  if (isFinishWord(text)) return requestFinish(ctx); // `沒有了` where 沒有 answers nothing
  if (isQuestion(text)) {
    ctx.notices.push(GENERAL_TEXTS.offTopic);
    return;
  }
  ctx.refuse(field, reading.failure, reading.value);
}

// A product field is awaited. The name accepts a plain name or a sentence naming the product
// (never the sentence itself); another field takes the sentence's cues when they state it
// (`一盒350元` → 350元), else the message as typed.
function answerProductField(ctx: TurnContext, isName: boolean, text: string, value: string): void {
  // A whole-message finish word ends the product (kept if it has a name); 完成 inside a value
  // (完成度高) is just a value.
  if (isFinishWord(text)) {
    closeDraft(ctx);
    return requestFinish(ctx);
  }
  if (isName && isYesWord(text)) return; // "yes, a product": the name question is asked again
  if (isName) {
    // Skipping the name drops the product; anything else must hold a name.
    if (isSkipAnswer(text) || isNoneAnswer(text)) {
      if (answerDraftField(ctx, value) === "dropped") requestFinish(ctx);
      return;
    }
    return takeProductMessage(ctx, value);
  }
  if (answerDraftDetails(ctx, value)) return;
  if (answerDraftField(ctx, value) === "dropped") requestFinish(ctx);
}

// The products question (first, or "more?"): no (`沒有，就這三個` too), a confirmation of what
// is there, yes, a question, or a product's name.
function answerProducts(ctx: TurnContext, text: string, value: string): void {
  const whole = compact(text);
  if (isNoWord(text) || NO_PRODUCTS_PATTERN.test(whole) || NO_MORE_PRODUCTS_PATTERN.test(whole)) {
    return requestFinish(ctx);
  }
  if (isConfirmWord(text) && !isYesWord(text)) return requestFinish(ctx);
  if (isYesWord(text) || isAddProductRequest(text)) return startDraft(ctx);
  if (isQuestion(text)) {
    ctx.notices.push(GENERAL_TEXTS.offTopic);
    return;
  }
  if (SMALL_TALK_WORDS.has(compact(text))) {
    ctx.notices.push(GENERAL_TEXTS.notUnderstood);
    return;
  }
  takeProductMessage(ctx, value);
}
