/**
 * The conversation engine folder's public surface: the only file that code outside
 * `shared/onboarding/engine/` imports (the AI engine in `../ai/`, the chatbot function).
 *
 * It holds three things:
 *
 * - **the engine interface**: {@link ConversationEngine}, what it gets ({@link EngineInput},
 *   with the {@link ChatTurn} history) and what it decides ({@link EngineTurn});
 * - **the turn kit**, the pieces every chat turn is made of whichever engine reads the
 *   message: the working memory ({@link TurnContext}), what is pending ({@link pendingItem}),
 *   the whole-message commands ({@link isConfirmWord} …), the product flow, the state
 *   helpers, the texts, and the reply ({@link buildReply}, {@link nextQuestion}) with which
 *   {@link endTurn} closes every turn;
 * - **the rule engine** ({@link ruleEngine}) and the document turn of an upload
 *   ({@link documentTurn}), plus what the chatbot needs around a turn (the welcome,
 *   {@link applyTurn}).
 *
 * Every other file of the folder is private to it (its module doc says `@module private`);
 * `tests/unit/structure_test.ts` checks both rules.
 *
 * @module
 */

// The engine interface.
export type { ChatTurn, ConversationEngine, EngineInput, EngineTurn } from "./types.ts";

// The turn kit.
export { TurnContext } from "./turn_context.ts";
export { type AskedItem, askedItem, type Pending, pendingItem } from "./pending.ts";
export { buildReply, nextQuestion } from "./reply.ts";
export { endTurn } from "./end_turn.ts";
export * from "./texts.ts";
export {
  isAddProductRequest,
  isConfirmWord,
  isCorrection,
  isFinishWord,
  isRejectWord,
  parseDeleteCommand,
} from "./commands.ts";
export { isNoWord, isYesWord, requestFinish } from "./steps.ts";
export {
  closeDraft,
  deleteProduct,
  draftProduct,
  findById,
  findProduct,
  keepFittingFields,
  productFromDraft,
  recordDraft,
  saveProduct,
  updateStoredProduct,
} from "./product_flow.ts";
export { type FieldReading, readBareAnswer, settleEsg } from "./company_answer.ts";
export { companyFieldOf, readFacts } from "./facts_reading.ts";
export {
  type ConversationState,
  initialState,
  nextDraftField,
  parseState,
  PRODUCT_FIELD_ORDER,
  type ProductDraft,
  type ProductFieldKey,
} from "./state.ts";
export { applyTurn } from "./apply.ts";

// The engines' turns and the chatbot's welcome.
export { ruleEngine } from "./rule_engine.ts";
export { type DocumentFile, type DocumentTurn, documentTurn } from "./document_turn.ts";
export { welcomeMessage } from "./welcome.ts";
