import { readYesNo } from '../src/understanding/reader/index.js';
import { looksLikeQuestion, readPushback } from '../src/understanding/intents.js';
import { renderRedFlag } from './renderers/render-emergency.js';
import { renderQuestion } from './renderers/render-choices.js';
import { pickedChoice, type QuestionChoice } from './prompts/answer-prompt.js';
import { forSomeoneElseReply, underInstructionReply } from './red-flag-reply.js';
import { decideRedFlags, setPendingRedFlag } from './red-flag-decision.js';
import { answerWarningSigns } from './warning-signs.js';
import { answerForPerson } from './question-for-guide.js';
import { resumeOrStart } from './resume.js';
import { emptyAssessment } from './assessment-record.js';
import type { DialogDeps } from './dialog-deps.js';
import type { InterruptionStep } from './interruption-turn.js';

/**
 * The red-flag watch (SAFETY-SPEC: it interrupts whatever is running). It reads the whole
 * message, also past what the rest of the turn reads: an emergency or urgent sign is decided at
 * once; a sign about someone else, now, gets the instruction for them, alone, and nothing is
 * recorded about the person.
 */
export const redFlagWatch: InterruptionStep = async ({ dc, deps, flags }) => {
  if (flags.decision === 'emergency' || flags.decision === 'urgent') {
    await dc.cancelAllDialogs();
    await decideRedFlags(dc.context, deps, flags.ruleIds);
    return 'handled';
  }
  if (flags.forSomeoneElse) {
    const { outcome, ruleIds } = flags.forSomeoneElse;
    await dc.context.sendActivity(renderRedFlag(forSomeoneElseReply(deps, outcome, ruleIds), dc.context.activity.channelId));
    return 'handled';
  }
  return undefined;
};

/** The buttons of "Is this happening to you now?": a typed number picks one where numbers are shown. */
function confirmChoices(deps: DialogDeps): QuestionChoice[] {
  return [
    { title: deps.strings('choiceYes'), value: 'yes' },
    { title: deps.strings('choiceNo'), value: 'no' },
  ];
}

/**
 * The answer to a question the watch asked: the warning signs, or "Is this happening to you
 * now?", where only a clear yes gives the outcome; a no, or anything else, resumes the
 * interrupted question. A command ("forget me", "help") still does what it says; a new unsure
 * sign is asked about again.
 */
export const answerToWatch: InterruptionStep = async ({ dc, deps, text, command, flags, pendingRedFlag, signsAsked }) => {
  const { context } = dc;
  if (signsAsked && (await answerWarningSigns(dc, deps, text))) return 'handled';
  if (!pendingRedFlag) return undefined;
  if (pickedChoice(text, confirmChoices(deps), context.activity.channelId) === 'yes' || readYesNo(text, deps.safety.reader) === 'yes') {
    await dc.cancelAllDialogs();
    await decideRedFlags(context, deps, pendingRedFlag.ruleIds);
    return 'handled';
  }
  // Unsure is never no: where to turn if it may be happening, then the interrupted question.
  if (readYesNo(text, deps.safety.reader) === 'unknown') {
    await context.sendActivity(deps.strings('warningSignsUnsure'));
    await resumeOrStart(dc, deps);
    return 'handled';
  }
  if (flags.decision !== 'confirm' && command === undefined) {
    await context.sendActivity(deps.strings('redFlagConfirmNo'));
    await resumeOrStart(dc, deps);
    return 'handled';
  }
  return undefined;
};

/** Perhaps the person's, perhaps now ("is my lip swelling normal?"): answer what can be answered, then ask. */
export const unsureSign: InterruptionStep = async ({ dc, deps, text, flags }) => {
  if (flags.decision !== 'confirm' || !flags.confirm) return undefined;
  const { context } = dc;
  const reply = looksLikeQuestion(text, deps.safety.reader) ? await answerForPerson(context, deps, text) : undefined;
  if (reply) await context.sendActivity(reply);
  await setPendingRedFlag(context, deps, { pendingRedFlag: { outcome: flags.confirm.outcome, ruleIds: flags.confirm.ruleIds } });
  const titles = confirmChoices(deps).map((choice) => choice.title);
  await context.sendActivity(renderQuestion(context.activity.channelId, deps.strings('redFlagConfirmQuestion'), titles));
  return 'handled';
};

/**
 * SAFETY-SPEC v1.1: an emergency or urgent outcome is remembered for the rest of the
 * conversation. Every later message (except a command: start over, forget me, help...) is
 * answered with the instruction first, and what the person said gets its own answer (a doubt,
 * "do I really need to call", "can't I wait"); nothing else is offered: no self-treatment or
 * aftercare advice, no booking offer, until the person starts over.
 */
export const stillUnderInstruction: InterruptionStep = async ({ dc, deps, text, command }) => {
  if (command !== undefined) return undefined;
  const record = await deps.accessors.assessment.get(dc.context, emptyAssessment());
  const outcome = record.decision?.outcome;
  if (outcome !== 'emergency' && outcome !== 'urgent') return undefined;
  const reply = underInstructionReply(deps, outcome, readPushback(text, deps.safety.reader));
  await dc.context.sendActivity(renderRedFlag(reply, dc.context.activity.channelId));
  return 'handled';
};
