/**
 * Choosing the conversation engine for a request: the AI engine (falling back to the rule
 * engine turn by turn) when a model is configured, else the rule engine.
 */
import type { Config } from "../../shared/config.ts";
import { createAiEngine } from "../../shared/onboarding/ai/engine.ts";
import { ruleEngine } from "../../shared/onboarding/engine/rule_engine.ts";
import type { ConversationEngine } from "../../shared/onboarding/engine/types.ts";

/** How many earlier messages the AI engine sees (the rule engine needs none). */
export const AI_HISTORY_MESSAGES = 10;

/**
 * The engine for one request. The AI engine is cheap to make (its client is shared per
 * isolate); making it per request lets its failure logs carry the request id.
 */
export function engineForRequest(config: Config, requestId: string): ConversationEngine {
  if (!config.openai) return ruleEngine;
  return createAiEngine({
    config: config.openai,
    fallback: ruleEngine,
    log: (event) =>
      console.warn(JSON.stringify({ level: "warn", request_id: requestId, ...event })),
  });
}

/** How many earlier messages to load for `engine`. */
export function historyLengthFor(engine: ConversationEngine): number {
  return engine.name === "ai" ? AI_HISTORY_MESSAGES : 0;
}
