import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { detectRedFlags } from '../src/safety/index.js';
import { detectCommand, isAfterTreatmentReport, looksLikeQuestion } from '../src/understanding/intents.js';
import { parsePastDate, daysSince } from '../src/understanding/past-date.js';
import { normalizeText } from '../src/understanding/normalize.js';
import { renderKbAnswer } from '../src/channels/render-kb-answer.js';
import { answerText } from './prompts/answer-prompt.js';
import { afterTreatmentFromRedFlags } from './red-flag-answers.js';
import { COMMON_SYMPTOMS } from './after-treatment-dialog.js';
import { completedEvent, outcomeMessage, storedDecision } from './decision-messages.js';
import { describeStoredData } from './stored-data.js';
import { MainDialog, type MainDialogOptions } from './main-dialog.js';
import { requestHuman } from './consultation-dialog.js';
import type { DialogDeps } from './dialog-deps.js';
import { sendEventIfSupported } from '../src/channels/channel-capabilities.js';
import { emptyAssessment } from './assessment-record.js';

/** What the turn should do after the interruption check. */
export type InterruptionResult = 'handled' | 'continue';

export interface InterruptionHooks {
  /** Deletes everything stored about this person and conversation. */
  forget: (context: TurnContext) => Promise<void>;
}

/**
 * Everything that may interrupt any step: the red-flag watch first (SAFETY-SPEC: it
 * interrupts whatever is running), then the commands, an after-treatment report, and a
 * question for the knowledge base, after which the interrupted question is asked again.
 */
export async function handleInterruptions(dc: DialogContext, deps: DialogDeps, hooks: InterruptionHooks): Promise<InterruptionResult> {
  const { context } = dc;
  if (context.activity.type !== ActivityTypes.Message) return 'continue';
  const text = answerText(context.activity);
  const { strings } = deps;
  const active = dc.activeDialog !== undefined;
  if (text.trim() === '') {
    if ((context.activity.attachments ?? []).length === 0) return 'continue';
    // A photo or a voice note: say so, and ask the same question again.
    await context.sendActivity(strings('imageNotSupported'));
    if (active) await dc.repromptDialog();
    return 'handled';
  }

  const flags = detectRedFlags(text, deps.safety.redFlags);
  if (flags) {
    await dc.cancelAllDialogs();
    await decideRedFlags(context, deps, flags.ruleIds);
    return 'handled';
  }

  switch (detectCommand(text)) {
    case 'help':
      await context.sendActivity(strings('helpText'));
      if (active) await dc.repromptDialog();
      return 'handled';
    case 'cancel':
      await dc.cancelAllDialogs();
      await context.sendActivity(strings('cancelled'));
      return 'handled';
    case 'startOver':
      await dc.cancelAllDialogs();
      await context.sendActivity(strings('startingOver'));
      await dc.beginDialog(MainDialog.id);
      return 'handled';
    case 'whatDoYouKnow':
      await context.sendActivity(await describeStoredData(context, deps));
      if (active) await dc.repromptDialog();
      return 'handled';
    case 'human':
      await requestHuman(dc, deps);
      return 'handled';
    case 'forgetMe':
      await dc.cancelAllDialogs();
      await hooks.forget(context);
      await context.sendActivity(strings('forgotten'));
      return 'handled';
    default:
      break;
  }

  if (isAfterTreatmentReport(text)) {
    await dc.cancelAllDialogs();
    const today = deps.clock();
    const date = parsePastDate(text, today);
    const options: MainDialogOptions = {
      afterTreatment: {
        ...(date ? { daysSinceTreatment: Math.max(0, daysSince(date, today)) } : {}),
        ...(COMMON_SYMPTOMS.test(normalizeText(text)) ? { normalSymptoms: 'yes' as const } : {}),
      },
    };
    await dc.beginDialog(MainDialog.id, options);
    return 'handled';
  }

  if (looksLikeQuestion(text)) {
    const hit = deps.kb.search(text);
    if (hit) {
      await context.sendActivity(renderKbAnswer(deps.kb, hit.entry, context.activity.channelId));
    } else if (normalizeText(text).endsWith('?') || !active) {
      await context.sendActivity(strings('kbFallback', { topics: deps.kb.topics().join('; ') }));
    } else {
      // Opens like a question but may be an answer ("is it ok if I say no"): let the step read it.
      return 'continue';
    }
    if (active) {
      await context.sendActivity(strings('resumeAfterQuestion'));
      await dc.repromptDialog();
    } else if (!(await deps.accessors.userProfile.get(context, {})).consent?.given) {
      // A first message that is a question still gets the welcome and the consent notice.
      await dc.beginDialog(MainDialog.id);
    }
    return 'handled';
  }
  return 'continue';
}

/** A red flag in any message: the engine decides (emergency or urgent), audited, announced. */
async function decideRedFlags(context: TurnContext, deps: DialogDeps, ruleIds: string[]): Promise<void> {
  const answers = { afterTreatment: afterTreatmentFromRedFlags(ruleIds) };
  const decision = await deps.recorder.decide(answers, context.activity.conversation.id);
  const record = { ...emptyAssessment(), answers };
  const stored = storedDecision(decision, deps.clock());
  await deps.accessors.assessment.set(context, { ...record, decision: stored });
  // Nothing else in this message: SAFETY-SPEC asks for the instruction alone.
  await context.sendActivity(outcomeMessage(deps.strings, decision));
  await sendEventIfSupported(context, completedEvent(record, stored));
}
