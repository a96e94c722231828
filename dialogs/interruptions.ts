import { ActivityTypes } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { isCutShort, readRedFlags } from '../src/understanding/reader/index.js';
import { detectCommand } from '../src/understanding/intents.js';
import { answerText, messageText } from './prompts/answer-prompt.js';
import { setPendingRedFlag } from './red-flag-decision.js';
import { answerToWatch, redFlagWatch, stillUnderInstruction, unsureSign } from './red-flag-watch.js';
import { afterTreatmentReport, command } from './interruption-commands.js';
import { questionOrAnswer } from './question-for-guide.js';
import { emptyAssessment } from './assessment-record.js';
import type { DialogDeps } from './dialog-deps.js';
import type { InterruptionHooks, InterruptionResult, InterruptionStep, InterruptionTurn } from './interruption-turn.js';

/** A very long message: only its first part was read, and the person is told so (then it is read as any message). */
const readFirstPartOnly: InterruptionStep = async ({ dc, deps }) => {
  if (isCutShort(messageText(dc.context.activity))) await dc.context.sendActivity(deps.strings('readFirstPartOnly'));
  return undefined;
};

/**
 * Everything that may interrupt any step, in this order: the red-flag watch (SAFETY-SPEC: it
 * interrupts whatever is running), the answer to a question the watch asked, an unsure sign,
 * the instruction again under an emergency or urgent outcome, the commands, an after-treatment
 * report, and what the message says about the person or asks the guide. The first step that
 * handles the message ends the check.
 */
const STEPS: readonly InterruptionStep[] = [
  redFlagWatch,
  readFirstPartOnly,
  answerToWatch,
  unsureSign,
  stillUnderInstruction,
  command,
  afterTreatmentReport,
  questionOrAnswer,
];

export async function handleInterruptions(dc: DialogContext, deps: DialogDeps, hooks: InterruptionHooks): Promise<InterruptionResult> {
  const { context } = dc;
  if (context.activity.type !== ActivityTypes.Message) return 'continue';
  const text = answerText(context.activity);
  const active = dc.activeDialog !== undefined;
  if (text.trim() === '') {
    if ((context.activity.attachments ?? []).length === 0) return 'continue';
    // A photo or a voice note: say so, and ask the same question again.
    await context.sendActivity(deps.strings('imageNotSupported'));
    if (active) await dc.repromptDialog();
    return 'handled';
  }
  // A question the watch asked is answered by this message or not at all.
  const waiting = await deps.accessors.assessment.get(context, emptyAssessment());
  const turn: InterruptionTurn = {
    dc,
    deps,
    hooks,
    text,
    active,
    command: detectCommand(text, deps.safety.reader),
    flags: readRedFlags(messageText(context.activity), deps.safety.reader),
    ...(waiting.pendingRedFlag ? { pendingRedFlag: waiting.pendingRedFlag } : {}),
    signsAsked: waiting.pendingWarningSigns === true,
  };
  if (turn.pendingRedFlag || turn.signsAsked) await setPendingRedFlag(context, deps, {});
  for (const step of STEPS) {
    const result = await step(turn);
    if (result !== undefined) return result;
  }
  return 'continue';
}
