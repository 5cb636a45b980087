/**
 * Ending a turn, the last step of every chat turn whichever engine read the message: the state
 * to store and the reply, both derived from the turn's {@link TurnContext}.
 *
 * @module private: outside this folder, import it through `mod.ts`.
 */

import { missingCompanyFields } from "../progress.ts";
import { buildReply } from "./reply.ts";
import type { ConversationState } from "./state.ts";
import { snapshotDigest } from "./summary.ts";
import type { TurnContext } from "./turn_context.ts";
import type { EngineTurn } from "./types.ts";

/**
 * Ends a turn: the state to store (the draft; a confirmation digest only with complete company
 * data, tying a later confirmation to what was shown) and the reply from the shared builder.
 * Used by both engines.
 */
export function endTurn(ctx: TurnContext, previous: ConversationState): EngineTurn {
  // A summary awaiting confirmation only makes sense with complete company data.
  if (ctx.confirming && missingCompanyFields(ctx.current.profile).length > 0) {
    ctx.confirming = false;
  }
  const digest = ctx.confirming ? snapshotDigest(ctx.current) : null;
  // A value to confirm is dropped if the same turn stored that field after all.
  const pendingValue = ctx.pendingValue !== null && !(ctx.pendingValue.field in ctx.profile)
    ? ctx.pendingValue
    : null;
  const state: ConversationState = {
    version: 1,
    draft: ctx.draft,
    confirm: digest === null ? null : { digest },
    ...(pendingValue !== null && { pendingValue }),
  };
  const reply = buildReply({
    before: ctx.before,
    after: ctx.current,
    state,
    notes: ctx.notes,
    notices: ctx.notices,
    askEsgNames: ctx.askEsgNames,
    hedged: ctx.hedged,
    reasked: ctx.reasked,
    summaryChanged: previous.confirm !== null && digest !== null &&
      previous.confirm.digest !== digest,
  });
  return { profile: ctx.profile, productChanges: ctx.changes, reply, completed: false, state };
}
