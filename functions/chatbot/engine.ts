/**
 * Choosing the conversation engine for a request: the AI engine (falling back to the rule
 * engine turn by turn; the fallback is given here, once) when a model is configured, else the
 * rule engine. Each engine says itself how much history it wants (`historyLength`). Both are
 * loaded by the first request that needs one (`./load.ts`).
 */
import type { Config } from "../../shared/config.ts";
import type { ConversationEngine } from "../../shared/onboarding/engine/mod.ts";
import { loadAiEngine, loadRuleEngine } from "./load.ts";

/**
 * The engine for one request. The AI engine is cheap to make (its client is shared per
 * isolate); making it per request lets its failure logs carry the request id.
 */
export async function engineForRequest(
  config: Config,
  requestId: string,
): Promise<ConversationEngine> {
  const { ruleEngine } = await loadRuleEngine();
  if (!config.openai) return ruleEngine;
  const { createAiEngine } = await loadAiEngine();
  return createAiEngine({
    config: config.openai,
    fallback: ruleEngine,
    log: (event) =>
      console.warn(JSON.stringify({ level: "warn", request_id: requestId, ...event })),
  });
}
