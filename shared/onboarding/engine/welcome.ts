/**
 * The welcome message stored when a session is created (contract §5.2): for a new user the
 * introduction and the first question; with copied data a summary of what was loaded, how to
 * update it, and a question for the first missing item only (nothing already there is asked
 * again, unlike the old system).
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { missingCompanyFields } from "../progress.ts";
import type { OnboardingSnapshot } from "../types.ts";
import { nextQuestion } from "./reply.ts";
import { initialState } from "./state.ts";
import { summaryLines } from "./summary.ts";
import { FIELD_LABELS, WELCOME_TEXTS } from "./texts.ts";

/** The welcome for a new session; `copied` tells whether earlier data was loaded into it. */
export function welcomeMessage(snapshot: OnboardingSnapshot, copied: boolean): string {
  const question = nextQuestion(snapshot, initialState());
  if (!copied) {
    return [
      WELCOME_TEXTS.greeting,
      `${WELCOME_TEXTS.intro}\n${WELCOME_TEXTS.tips}`,
      WELCOME_TEXTS.first + question,
    ].join("\n\n");
  }
  const missing = missingCompanyFields(snapshot.profile);
  const next = missing.length > 0
    ? WELCOME_TEXTS.stillMissing(missing.map((f) => FIELD_LABELS[f]).join("、")) + question
    : snapshot.products.length > 0
    ? WELCOME_TEXTS.allThere
    : question;
  return [
    WELCOME_TEXTS.greeting,
    `${WELCOME_TEXTS.copiedHeading}\n${summaryLines(snapshot).join("\n")}`,
    WELCOME_TEXTS.copiedHow,
    next,
  ].join("\n\n");
}
