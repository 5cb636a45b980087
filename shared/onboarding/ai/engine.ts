/**
 * The AI conversation engine. The model only reads the user's message and writes a sentence;
 * the server keeps control: every value goes through the rule engine's parsers, progress and
 * the next question come from the data, finishing and confirming belong to the rule engine's
 * state machine, and any provider failure turns the turn over to the fallback engine.
 *
 * The fallback engine is given once, when the engine is created, and answers every turn the
 * model does not: messages the rule engine owns, provider failures, and readings where the
 * model found nothing but the fallback's parsers may (a bare `500萬`). The engine asks for the
 * last {@link HISTORY_LIMIT} messages (`historyLength`) and sends them to the model. With
 * `onReplyDelta` set (a streamed response), the model's sentence is sent while it is
 * generated, as far as it is certain to open the final reply (see `LiveReply` below).
 */

import {
  type ConversationEngine,
  type EngineInput,
  type EngineTurn,
  GENERAL_TEXTS,
  nextQuestion,
  pendingItem,
} from "../engine/mod.ts";
import { toTraditional } from "../parsing/script.ts";
import { callStructured, streamStructured } from "./call.ts";
import type { AiConfig } from "./client.ts";
import { type AiFailureReason, classifyFailure } from "./errors.ts";
import { buildTurnMessages, HISTORY_LIMIT, leaksPrompt, PROMPT_MARKER } from "./prompt.ts";
import { type TurnResult, TurnResultSchema } from "./schema.ts";
import { holdBackCut, replySoFar, safeCut } from "./partial_reply.ts";
import { claimsChange } from "./evidence.ts";
import { decideTurn, ruleOwnsMessage } from "./turn.ts";

/** What the AI engine reports for the route's log (which adds the request id). */
export type AiLogEvent =
  | {
    event: "ai_fallback";
    reason: AiFailureReason;
    status?: number;
    detail: string;
    elapsed_ms: number;
  }
  | { event: "ai_prompt_leak" }
  | { event: "ai_proposal_rejected"; action: string; reason: string };

/** Options of {@link createAiEngine}. */
export interface AiEngineOptions {
  /** The model endpoint (`config.openai`). */
  config: AiConfig;
  /** Answers any turn the model cannot (normally the rule engine). */
  fallback: ConversationEngine;
  /** A fetch for the SDK (tests, proxies); the global one otherwise. */
  fetch?: typeof fetch;
  /** Receives failures and refusals; never given user data beyond short provider details. */
  log?: (event: AiLogEvent) => void;
  /** Per-attempt timeout in ms (default 20 000). */
  timeoutMs?: number;
  /** Retries after a timeout, 429 or 5xx (default 1). */
  maxRetries?: number;
}

/** Longest model sentence kept in a reply. */
export const MAX_MODEL_TEXT = 600;

/** Creates the AI engine (name `ai`). It never throws for provider problems. */
export function createAiEngine(options: AiEngineOptions): ConversationEngine {
  return {
    name: "ai",
    historyLength: HISTORY_LIMIT,
    remote: true,
    turn: (input) => aiTurn(options, input),
  };
}

async function aiTurn(options: AiEngineOptions, said: EngineInput): Promise<EngineTurn> {
  // Simplified Chinese is read as Traditional, so values and their evidence are in one script.
  const input = { ...said, message: await toTraditional(said.message) };
  // Confirming, finishing and commands: the rule engine's own state machine, no model call.
  if (ruleOwnsMessage(input)) return options.fallback.turn(input);
  const started = Date.now();
  try {
    const result = await askModel(options, input);
    return { ...await answer(options, input, result), model: "answered" };
  } catch (err) {
    options.log?.({
      event: "ai_fallback",
      ...classifyFailure(err),
      elapsed_ms: Date.now() - started,
    });
    return { ...await options.fallback.turn(input), model: "failed" };
  }
}

async function askModel(options: AiEngineOptions, input: EngineInput): Promise<TurnResult> {
  const pending = pendingItem(input.snapshot, input.state.draft, input.state.confirm !== null);
  const messages = buildTurnMessages({
    snapshot: input.snapshot,
    state: input.state,
    pending,
    pendingQuestion: nextQuestion(input.snapshot, input.state),
    history: input.history,
    message: input.message,
  });
  const client = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
  };
  if (!input.onReplyDelta) {
    return callStructured(options.config, client, messages, TurnResultSchema, "onboarding_turn");
  }
  const live = new LiveReply(input, options.fallback, input.onReplyDelta);
  try {
    return await streamStructured(
      options.config,
      client,
      messages,
      TurnResultSchema,
      "onboarding_turn",
      (json) => live.update(json),
    );
  } finally {
    await live.settled(); // every preview is sent before the turn's answer (or fallback)
  }
}

/*
 * Streaming the model's sentence (when the route asked for it with `onReplyDelta`).
 *
 * The answer is JSON whose last key is `reply` (strict structured outputs keep the schema's key
 * order), so when `"reply":` appears, everything the server decides from is already known. The
 * sentence is sent while it arrives only when that decision puts it at the front of the final
 * reply ({@link modelTextLeads}), and only as far as it is certain to stay: leading and
 * trailing whitespace held back (the final text is trimmed, blank-line runs collapsed), at most
 * {@link MAX_MODEL_TEXT} characters, and the last {@link LEAK_WINDOW} non-space characters held
 * back until the sentence is complete so that a prompt leak is caught (and streaming stopped)
 * before any part of it is sent. What is sent is only a preview: the returned reply is
 * authoritative, and the route reconciles (a failure after some text was sent, a fallback,
 * or an answer that differs from its beginning makes it start the text over).
 */

/** The longest leak marker {@link leaksPrompt} looks for, in non-space characters. */
const LEAK_WINDOW = Math.max(24, PROMPT_MARKER.replace(/\s+/g, "").length, "導入助理規則".length);

class LiveReply {
  #leads: boolean | null = null;
  #deciding: Promise<void> | null = null;
  #json = "";
  #sent = "";

  constructor(
    private readonly input: EngineInput,
    private readonly fallback: ConversationEngine,
    private readonly emit: (text: string) => void,
  ) {}

  /** Takes the answer's JSON so far; sends whatever new part of the sentence is certain. */
  update(json: string): void {
    this.#json = json;
    if (this.#leads === false) return;
    try {
      const found = replySoFar(json);
      if (!found) return;
      if (this.#leads === null) {
        // Decided once, asynchronously (it may ask the fallback engine); sent when known.
        this.#deciding ??= modelTextLeads(
          this.input,
          this.fallback,
          json.slice(0, found.keyStart),
        ).catch(() => false).then((leads) => {
          this.#leads = leads;
          this.update(this.#json);
        });
        return;
      }
      const known = found.text.trim().replace(/\n{3,}/g, "\n\n");
      if (leaksPrompt(known) || claimsChange(known)) {
        this.#leads = false; // the final reply drops the sentence; the engine logs it then
        return;
      }
      let safe = found.closed ? known : known.slice(0, holdBackCut(known, LEAK_WINDOW));
      safe = safe.slice(0, safeCut(safe, MAX_MODEL_TEXT));
      if (safe.length > this.#sent.length && safe.startsWith(this.#sent)) {
        const piece = safe.slice(this.#sent.length);
        this.#sent = safe;
        this.emit(piece);
      }
    } catch {
      this.#leads = false; // a preview problem must never cost the turn
    }
  }

  /** Resolves once the decision {@link update} started (if any) is made and acted on. */
  settled(): Promise<void> {
    return this.#deciding ?? Promise.resolve();
  }
}

/**
 * Whether the model's sentence will open the final reply, judged from the answer before its
 * `reply` key (`head`), with the same decisions {@link answer} makes.
 */
async function modelTextLeads(
  input: EngineInput,
  fallback: ConversationEngine,
  head: string,
): Promise<boolean> {
  let partial: unknown;
  try {
    partial = JSON.parse(`${head}"reply":""}`);
  } catch {
    return false; // `reply` did not come last: wait for the whole answer
  }
  const parsed = TurnResultSchema.safeParse(partial);
  if (!parsed.success) return false;
  const decided = decideTurn(input, parsed.data);
  if (decided) return decided.allAccepted;
  const pending = pendingItem(input.snapshot, input.state.draft, input.state.confirm !== null);
  if (
    isEmptyResult(parsed.data) &&
    (pending.kind === "company" || pending.kind === "product_field")
  ) {
    // Only a look ahead: the fallback must not stream into this turn's preview.
    const { onReplyDelta: _, ...quiet } = input;
    return !changesSomething(input, await fallback.turn(quiet));
  }
  return true;
}

// The server's turn, with the model's sentence in front when it has one.
async function answer(
  options: AiEngineOptions,
  input: EngineInput,
  result: TurnResult,
): Promise<EngineTurn> {
  const text = modelText(result.reply, options);
  const decided = decideTurn(input, result);
  if (decided) {
    for (const r of decided.rejected) options.log?.({ event: "ai_proposal_rejected", ...r });
    return withText(decided.turn, decided.allAccepted ? text : "");
  }
  // The model read nothing. A direct answer to a field question may still be one the rule
  // engine's parsers read (a bare `500萬`); elsewhere (the open "more products?" step) the
  // rule engine would guess, taking any short line as a product name, so it is not asked.
  const pending = pendingItem(input.snapshot, input.state.draft, input.state.confirm !== null);
  if (isEmptyResult(result) && (pending.kind === "company" || pending.kind === "product_field")) {
    const rule = await options.fallback.turn(input);
    if (changesSomething(input, rule) || text === "") return rule;
  }
  const question = nextQuestion(input.snapshot, input.state);
  return {
    profile: {},
    productChanges: [],
    reply: `${text || GENERAL_TEXTS.notUnderstood}\n\n${question}`,
    completed: false,
    state: input.state,
  };
}

function isEmptyResult(result: TurnResult): boolean {
  return result.products.length === 0 && result.asked_question === null &&
    Object.values(result.company).every((v) => v === null || v.trim() === "");
}

/**
 * The model's sentence, trimmed and bounded; empty when it is missing, leaks the prompt or
 * claims a change (`已記錄…`, `已將產業別更新為…`): the model's words may answer a question or
 * make small talk, but only the server's acknowledgement says what was stored.
 */
function modelText(reply: string, options: AiEngineOptions): string {
  const text = reply.trim().replace(/\n{3,}/g, "\n\n");
  if (text === "") return "";
  if (leaksPrompt(text)) {
    options.log?.({ event: "ai_prompt_leak" });
    return "";
  }
  if (claimsChange(text)) {
    options.log?.({ event: "ai_proposal_rejected", action: "reply", reason: "claims_change" });
    return "";
  }
  return text.length <= MAX_MODEL_TEXT ? text : `${text.slice(0, MAX_MODEL_TEXT)}…`;
}

function withText(turn: EngineTurn, text: string): EngineTurn {
  if (text === "" || turn.reply.includes(text)) return turn;
  return { ...turn, reply: `${text}\n\n${turn.reply}` };
}

function changesSomething(input: EngineInput, turn: EngineTurn): boolean {
  return turn.completed || Object.keys(turn.profile).length > 0 ||
    turn.productChanges.length > 0 || JSON.stringify(turn.state) !== JSON.stringify(input.state);
}
