/**
 * The rule-based conversation engine: deterministic, no network. Each turn reads, in order,
 * a confirmation, a delete command, labelled company facts (several per message, any order,
 * corrections), a labelled product block, a help question, and finally an unlabelled answer
 * to whatever is pending. The next question is always derived from the data.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { normalizeText, normalizeValueText } from "../parsing/normalize.ts";
import { toTraditional } from "../parsing/script.ts";
import { findLabels, leadsWithLabel } from "../parsing/labels.ts";
import { readsAsProduct } from "../parsing/product_sentence.ts";
import { parseProductBlock, productFieldForLabel } from "../parsing/products.ts";
import { type CompanyField, missingCompanyFields } from "../progress.ts";
import {
  isAddProductRequest,
  isConfirmWord,
  isCorrection,
  isFinishWord,
  isRejectWord,
  parseDeleteCommand,
} from "./commands.ts";
import { endTurn } from "./end_turn.ts";
import { readFacts } from "./facts_reading.ts";
import { detectHelpTopic, HELP_ANSWERS } from "./help.ts";
import { pendingItem } from "./pending.ts";
import {
  deleteProduct,
  handleProductBlock,
  readProductUpdate,
  startDraft,
  updateProductField,
} from "./product_flow.ts";
import { initialState } from "./state.ts";
import { answerPending, isYesWord } from "./steps.ts";
import { snapshotDigest } from "./summary.ts";
import { FINISH_TEXTS, VALUE_NOT_CONFIRMED } from "./texts.ts";
import { TurnContext } from "./turn_context.ts";
import type { ConversationEngine, EngineInput, EngineTurn } from "./types.ts";

/** Runs one rule-engine turn synchronously. */
export function runRuleTurn(input: EngineInput): EngineTurn {
  const text = normalizeText(input.message);
  const ctx = new TurnContext(input.snapshot, input.state);
  confirmValueStep(ctx, text);
  if (ctx.confirming && !ctx.handled) {
    const early = confirmationStep(ctx, input, text);
    if (early) return early;
  }
  if (!ctx.handled) readMessage(ctx, text, normalizeValueText(input.message));
  return endTurn(ctx, input.state);
}

/** The rule engine behind the common interface; it reads no history. */
export const ruleEngine: ConversationEngine = {
  name: "rule",
  historyLength: 0,
  remote: false,
  // Simplified Chinese is read (and stored) as Traditional: the parsers know one script.
  turn: async (input) => runRuleTurn({ ...input, message: await toTraditional(input.message) }),
};

// The previous reply asked to confirm an unlikely value (a capital under NT$1,000): a yes
// stores it, a no drops it; any other message is read as usual, which clears the question.
// Checked before the summary's confirmation, so `是` answers the question that was asked.
function confirmValueStep(ctx: TurnContext, text: string): void {
  const asked = ctx.askedToConfirm;
  if (asked === null) return;
  if (isYesWord(text) || isConfirmWord(text)) {
    ctx.setProfile({ [asked.field]: asked.value });
    ctx.handled = true;
  } else if (isRejectWord(text)) {
    ctx.notices.push(VALUE_NOT_CONFIRMED);
    ctx.handled = true;
  }
}

// At the summary: a confirmation completes the session only if the data is complete and is
// still what the summary showed; otherwise the message is read as a correction.
function confirmationStep(ctx: TurnContext, input: EngineInput, text: string): EngineTurn | null {
  if (isConfirmWord(text) || isFinishWord(text)) {
    const complete = missingCompanyFields(input.snapshot.profile).length === 0;
    if (complete && snapshotDigest(input.snapshot) === input.state.confirm?.digest) {
      return {
        profile: {},
        productChanges: [],
        reply: FINISH_TEXTS.completed,
        completed: true,
        state: initialState(),
      };
    }
    ctx.handled = true; // data changed since the summary: it is shown again
  } else if (isRejectWord(text)) {
    return {
      profile: {},
      productChanges: [],
      reply: FINISH_TEXTS.askWhatToFix,
      completed: false,
      state: input.state,
    };
  } else if (isAddProductRequest(text)) {
    ctx.confirming = false;
    startDraft(ctx);
    ctx.handled = true;
  }
  return null;
}

function readMessage(ctx: TurnContext, text: string, value: string): void {
  const pending = pendingItem(ctx.current, ctx.draft, ctx.confirming);
  const deleteKey = parseDeleteCommand(text);
  if (deleteKey !== null) {
    deleteProduct(ctx, deleteKey);
    return;
  }
  const update = readProductUpdate(ctx, value);
  if (update !== null) {
    updateProductField(ctx, update);
    return;
  }
  const block = parseProductBlock(value); // values keep the user's punctuation
  // While a product field is pending, its value may mention patents or certifications in
  // passing (`耐用，有發明專利保護`); company facts are then read only from a correction or
  // when a company label is the message's subject (`不對，新型專利是6件`), and only if they
  // give something. At the products question, a message that reads as a product is read for
  // company facts only when it labels one (`陶瓷濾杯` does not change the industry to 陶瓷業).
  const productLike = pending.kind === "products" && findLabels(text).length === 0 &&
    readsAsProduct(value);
  const duringProduct = pending.kind === "product_field";
  const aboutCompany = isCorrection(text) || (duringProduct && leadsWithLabel(text));
  if (aboutCompany || (!duringProduct && !productLike)) {
    const asked = pending.kind === "company" ? pending.field : undefined;
    const facts = block ? withoutProductLines(text) : text;
    readCompanyFacts(ctx, facts, asked, duringProduct);
  }
  if (block) {
    handleProductBlock(ctx, block);
    ctx.handled = true;
  }
  if (ctx.handled) return;
  const topic = detectHelpTopic(text);
  if (topic !== null) {
    ctx.notices.push(HELP_ANSWERS[topic]);
    return;
  }
  answerPending(ctx, pending, text, value);
}

// Reads the company facts of a message. During a product (`duringProduct`), facts that give
// nothing usable leave the message to the product field (`資本額很高` as a selling point).
function readCompanyFacts(
  ctx: TurnContext,
  text: string,
  asked: CompanyField | undefined,
  duringProduct: boolean,
): void {
  if (text === "") return;
  const facts = readFacts(text, ctx.current.profile, asked);
  if (!facts.found) return;
  const usable = Object.keys(facts.patch).length > 0 || facts.askEsgNames ||
    facts.problems.some((p) => p.reason !== "invalid" && p.reason !== "missing");
  if (duringProduct && !usable) return;
  ctx.handled = true;
  ctx.setProfile(facts.patch);
  ctx.askEsgNames ||= facts.askEsgNames;
  ctx.notices.push(...facts.hints);
  for (const field of facts.hedged) ctx.hedged.add(field);
  for (const problem of facts.problems) ctx.refuse(problem.field, problem.reason, problem.value);
}

// The lines of a message that are not `產品標籤：值`, for the company-fact reader.
function withoutProductLines(text: string): string {
  return text.split("\n")
    .filter((line) => {
      const label = line.match(/^([^:：]+)[:：]/);
      return !(label && productFieldForLabel(label[1]) !== null);
    })
    .join("\n");
}
