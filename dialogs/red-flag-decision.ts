import type { TurnContext } from 'botbuilder';
import { afterTreatmentFromRuleIds } from '../src/understanding/red-flag-answers.js';
import { renderRedFlag } from './renderers/render-emergency.js';
import { sendEventIfSupported } from './renderers/channel-capabilities.js';
import { completedEvent, storedDecision } from './decision-messages.js';
import { decidedRedFlagReply, isRedFlagDecision } from './red-flag-reply.js';
import { emptyAssessment, type PendingRedFlag } from './assessment-record.js';
import type { DialogDeps } from './dialog-deps.js';

/**
 * A red flag in any message: the engine decides (emergency or urgent), audited, announced. The
 * outcome is remembered (later messages get the instruction again); the signs read are kept as
 * answers only for a person who agreed to the terms: without that, no health answer is taken.
 */
export async function decideRedFlags(context: TurnContext, deps: DialogDeps, ruleIds: string[]): Promise<void> {
  const answers = { afterTreatment: afterTreatmentFromRuleIds(ruleIds, deps.safety.reader) };
  const decision = await deps.recorder.decide(answers, context);
  const record = { ...emptyAssessment(), answers };
  const stored = storedDecision(decision, deps.clock());
  const consented = (await deps.accessors.userProfile.get(context, {})).consent?.given === true;
  await deps.accessors.assessment.set(context, { ...(consented ? record : emptyAssessment()), decision: stored });
  // Nothing else in this message: SAFETY-SPEC asks for the instruction alone. Red-flag rules decide
  // emergency or urgent; were the table to say otherwise, the urgent instruction is the cautious one.
  const redFlag = isRedFlagDecision(decision) ? decision : { ...decision, outcome: 'urgent' as const };
  await context.sendActivity(renderRedFlag(decidedRedFlagReply(deps, redFlag), context.activity.channelId));
  await sendEventIfSupported(context, completedEvent(record, stored));
}

/** The question waiting for its answer (a confirmation, or the warning signs): rule ids only, never the person's words. */
export async function setPendingRedFlag(
  context: TurnContext,
  deps: DialogDeps,
  pending: { pendingRedFlag?: PendingRedFlag; pendingWarningSigns?: boolean },
): Promise<void> {
  const record = await deps.accessors.assessment.get(context, emptyAssessment());
  delete record.pendingRedFlag;
  delete record.pendingWarningSigns;
  await deps.accessors.assessment.set(context, { ...record, ...pending });
}
