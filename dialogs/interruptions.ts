import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { isCutShort, read, readApproximateDate, readRedFlags, readScreeningAnswers, readYesNo } from '../src/understanding/reader/index.js';
import { answersChangedThisTurn, listen } from './listening.js';
import { detectCommand, isAfterTreatmentReport, looksLikeQuestion, readPushback } from '../src/understanding/intents.js';
import { endsWithQuestionMark } from '../src/understanding/fold.js';
import { daysSince } from '../src/understanding/past-date.js';
import { afterTreatmentFromRuleIds } from '../src/understanding/red-flag-answers.js';
import { renderKbReply } from '../src/channels/render-kb-answer.js';
import { answerQuestion } from '../src/knowledge/index.js';
import { renderQuestion } from '../src/channels/render-choices.js';
import { answerText, messageText, pickedChoice, type QuestionChoice } from './prompts/answer-prompt.js';
import { completedEvent, storedDecision } from './decision-messages.js';
import { decidedRedFlagReply, forSomeoneElseReply, isRedFlagDecision, underInstructionReply } from './red-flag-reply.js';
import { renderRedFlag } from '../src/channels/render-emergency.js';
import { needsWarningSignCheck } from '../src/understanding/safety-net.js';
import { describeStoredData } from './stored-data.js';
import { MainDialog, type MainDialogOptions } from './main-dialog.js';
import { requestHuman } from './consultation-dialog.js';
import type { DialogDeps } from './dialog-deps.js';
import { sendEventIfSupported } from '../src/channels/channel-capabilities.js';
import { emptyAssessment, type PendingRedFlag } from './assessment-record.js';

/** What the turn should do after the interruption check. */
export type InterruptionResult = 'handled' | 'continue';

export interface InterruptionHooks {
  /** Deletes everything stored about this person and conversation. */
  forget: (context: TurnContext) => Promise<void>;
}

/**
 * Everything that may interrupt any step: the answer to a pending "Is this happening to you
 * now?", then the red-flag watch (SAFETY-SPEC: it interrupts whatever is running), then the
 * commands, an after-treatment report, and a question for the knowledge base, after which the
 * interrupted question is asked again.
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

  const { reader } = deps.safety;
  const waiting = await deps.accessors.assessment.get(context, emptyAssessment());
  const pending = waiting.pendingRedFlag;
  const signsAsked = waiting.pendingWarningSigns === true;
  if (pending || signsAsked) await setPending(context, deps, {});

  // the red-flag watch reads the whole message, also past what the rest of the turn reads
  const flags = readRedFlags(messageText(context.activity), reader);
  if (flags.decision === 'emergency' || flags.decision === 'urgent') {
    await dc.cancelAllDialogs();
    await decideRedFlags(context, deps, flags.ruleIds);
    return 'handled';
  }
  // A warning sign about someone else, now: the instruction for them, alone; nothing is recorded about the person.
  if (flags.forSomeoneElse) {
    const { outcome, ruleIds } = flags.forSomeoneElse;
    await context.sendActivity(renderRedFlag(forSomeoneElseReply(deps, outcome, ruleIds), context.activity.channelId));
    return 'handled';
  }
  // A very long message: only its first part was read, and the person is told so.
  if (isCutShort(messageText(context.activity))) await context.sendActivity(strings('readFirstPartOnly'));
  if (signsAsked) {
    const answered = await answerWarningSigns(dc, deps, text);
    if (answered) return 'handled';
  }
  if (pending) {
    // Only a clear yes gives the outcome; a no, or anything else, resumes the interrupted question.
    if (pickedChoice(text, confirmChoices(deps), context.activity.channelId) === 'yes' || readYesNo(text, reader) === 'yes') {
      await dc.cancelAllDialogs();
      await decideRedFlags(context, deps, pending.ruleIds);
      return 'handled';
    }
    // A command ("forget me", "help") still does what it says; a new unsure sign is asked about again.
    if (flags.decision !== 'confirm' && detectCommand(text, reader) === undefined) {
      await context.sendActivity(strings('redFlagConfirmNo'));
      if (active) await dc.repromptDialog();
      else await startIfNoConsent(dc, deps);
      return 'handled';
    }
  }
  if (flags.decision === 'confirm' && flags.confirm) {
    // Perhaps the person's, perhaps now ("is my lip swelling normal?"): answer what can be answered, then ask.
    const reply = looksLikeQuestion(text, reader) ? await answerForPerson(context, deps, text) : undefined;
    if (reply) await context.sendActivity(reply);
    await setPending(context, deps, { pendingRedFlag: { outcome: flags.confirm.outcome, ruleIds: flags.confirm.ruleIds } });
    const titles = confirmChoices(deps).map((choice) => choice.title);
    await context.sendActivity(renderQuestion(context.activity.channelId, strings('redFlagConfirmQuestion'), titles));
    return 'handled';
  }

  const command = detectCommand(text, reader);
  if (command === undefined && (await stillUnderInstruction(context, deps, text))) return 'handled';

  switch (command) {
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
      // The handoff's questions come first and the interrupted one after them; the contacts alone leave it to ask again.
      if (!(await requestHuman(dc, deps)) && active) await dc.repromptDialog();
      return 'handled';
    case 'forgetMe':
      await dc.cancelAllDialogs();
      await hooks.forget(context);
      await context.sendActivity(strings('forgotten'));
      return 'handled';
    default:
      break;
  }

  if (isAfterTreatmentReport(text, reader)) {
    await dc.cancelAllDialogs();
    const today = deps.clock();
    const date = readApproximateDate(text, reader, today);
    const {
      normalSymptoms,
      daysSinceTreatment: _days,
      ...signs
    } = readScreeningAnswers(text, reader, { referenceDate: today }).afterTreatment;
    // What the report already says is kept, never asked as if unsaid; a denial there is only no for that sign.
    // Someone who declined the terms gives no health answer: the terms come first again, and the check asks it all.
    const declined = (await deps.accessors.userProfile.get(context, {})).consent?.given === false;
    const options: MainDialogOptions = declined
      ? { afterTreatment: {} }
      : {
          afterTreatment: {
            ...signs,
            ...(date ? { daysSinceTreatment: Math.max(0, daysSince(date.date, today)) } : {}),
            ...(normalSymptoms === 'yes' ? { normalSymptoms: 'yes' as const } : {}),
          },
        };
    await dc.beginDialog(MainDialog.id, options);
    return 'handled';
  }

  // A warning sign asked about or imagined ("what if I get a fever") is a question even without "?".
  const askedAboutSign = flags.mentioned.some((mention) => mention.because === 'question' || mention.because === 'hypothetical');
  const question = looksLikeQuestion(text, reader) || askedAboutSign;
  // The safety net: body or symptom words the reader cannot fully place are asked about as warning signs first.
  const record = await deps.accessors.assessment.get(context, emptyAssessment());
  const net = !question && needsWarningSignCheck(text, reader, { symptomsAnswer: record.pending?.check === 'after-treatment' });

  // Whatever the pending question, what the message says about the person is taken or corrects an answer.
  await listen(context, deps, text, { askAboutUnplaced: !net });

  if (net) {
    await askWarningSigns(context, deps);
    return 'handled';
  }
  // A correction after the result was answered with the new result (listen): it is no question for the guide.
  const corrected = record.decision !== undefined && answersChangedThisTurn(context);
  // After the result, with nothing asked, a message the guide can answer is a question ("so can I just use a roller then").
  const afterResult = !active && record.decision !== undefined && !corrected;
  const reply = question || afterResult ? await answerForPerson(context, deps, text) : undefined;
  if (question || reply) {
    if (reply) {
      await context.sendActivity(reply);
    } else if (endsWithQuestionMark(text) || !active || askedAboutSign || !couldAnswer(text, reader)) {
      await context.sendActivity(strings('kbFallback', { topics: deps.kb.topics().join('; ') }));
    } else {
      // Opens like a question but may be an answer ("is it ok if I say no"): let the step read it.
      return 'continue';
    }
    if (active) {
      await context.sendActivity(strings('resumeAfterQuestion'));
      await dc.repromptDialog();
    } else {
      await startIfNoConsent(dc, deps);
    }
    return 'handled';
  }
  // The finished check does not start again after a correction to it.
  return corrected && !active ? 'handled' : 'continue';
}

/** Words an answer is made of: yes, no or not sure, a finding, a number or a date. A question with none of them is no answer. */
function couldAnswer(text: string, reader: DialogDeps['safety']['reader']): boolean {
  const reading = read(text, reader);
  const answering = reading.findings.some((finding) => finding.kind !== 'area');
  return readYesNo(text, reader) !== undefined || answering || reading.quantities.length > 0;
}

/**
 * SAFETY-SPEC v1.1: an emergency or urgent outcome is remembered for the rest of the
 * conversation. Every later message (except a command: start over, forget me, help...) is
 * answered with the instruction first, and what the person said gets its own answer (a doubt,
 * "do I really need to call", "can't I wait"); nothing else is offered: no self-treatment or
 * aftercare advice, no booking offer, until the person starts over.
 */
async function stillUnderInstruction(context: TurnContext, deps: DialogDeps, text: string): Promise<boolean> {
  const record = await deps.accessors.assessment.get(context, emptyAssessment());
  const outcome = record.decision?.outcome;
  if (outcome !== 'emergency' && outcome !== 'urgent') return false;
  const reply = underInstructionReply(deps, outcome, readPushback(text, deps.safety.reader));
  await context.sendActivity(renderRedFlag(reply, context.activity.channelId));
  return true;
}

/**
 * A question for the guide, answered for this person (SAFETY-SPEC v1.1 "Questions about safety
 * outside the screening"): from the rule table when it touches a rule, never "at home with an
 * expert" for someone with a reason against it, and declined when it is about another treatment.
 * Undefined when the guide has no confident answer.
 */
async function answerForPerson(context: TurnContext, deps: DialogDeps, text: string): Promise<Partial<Activity> | undefined> {
  const consented = (await deps.accessors.userProfile.get(context, {})).consent?.given === true;
  const record = consented ? await deps.accessors.assessment.get(context, emptyAssessment()) : emptyAssessment();
  const person = {
    answers: record.answers,
    ...(record.decision ? { decision: { outcome: record.decision.outcome, rules: record.decision.rules } } : {}),
  };
  const reply = answerQuestion(text, person, { kb: deps.kb, rules: deps.safety.rules, today: deps.clock() });
  return renderKbReply(reply, context.activity.channelId, deps.strings);
}

/** The buttons of "Is this happening to you now?": a typed number picks one where numbers are shown. */
function confirmChoices(deps: DialogDeps): QuestionChoice[] {
  return [
    { title: deps.strings('choiceYes'), value: 'yes' },
    { title: deps.strings('choiceNo'), value: 'no' },
  ];
}

/**
 * A first message that is a question still gets the welcome and the consent notice. Someone who
 * declined the terms is not asked again after each question: they may ask general questions, and
 * anything else they write opens the terms again.
 */
async function startIfNoConsent(dc: DialogContext, deps: DialogDeps): Promise<void> {
  if ((await deps.accessors.userProfile.get(dc.context, {})).consent === undefined) await dc.beginDialog(MainDialog.id);
}

/** The question waiting for its answer (a confirmation, or the warning signs): rule ids only, never the person's words. */
async function setPending(
  context: TurnContext,
  deps: DialogDeps,
  pending: { pendingRedFlag?: PendingRedFlag; pendingWarningSigns?: boolean },
): Promise<void> {
  const record = await deps.accessors.assessment.get(context, emptyAssessment());
  delete record.pendingRedFlag;
  delete record.pendingWarningSigns;
  await deps.accessors.assessment.set(context, { ...record, ...pending });
}

/** The warning signs as buttons: one per red-flag rule, labelled as the after-treatment checklist labels it. */
function warningSignChoices(deps: DialogDeps): QuestionChoice[] {
  const questions = deps.safety.rules.questions['after-treatment'];
  const signs = deps.safety.reader.compiled.knowledge.terminology.redFlags.rules.flatMap((rule) => {
    const question = questions.find((candidate) => candidate.field === rule.field);
    return question ? [{ title: deps.strings(`item.${question.id}`), value: rule.id }] : [];
  });
  return [
    ...signs,
    { title: deps.strings('choiceNoneOfThese'), value: 'none' },
    { title: deps.strings('choiceNotSure'), value: 'unknown' },
  ];
}

/** "Is any of this happening to you now?", the signs as choices; the pending question comes after it. */
async function askWarningSigns(context: TurnContext, deps: DialogDeps): Promise<void> {
  await setPending(context, deps, { pendingWarningSigns: true });
  const titles = warningSignChoices(deps).map((choice) => choice.title);
  const question = renderQuestion(context.activity.channelId, deps.strings('warningSignsQuestion'), titles);
  await context.sendActivity({ ...question, channelData: { ...(question.channelData ?? {}), questionId: WARNING_SIGNS } });
}

/** The id the warning-sign question carries in `channelData.questionId`. */
export const WARNING_SIGNS = 'warningSigns';

/**
 * The answer to the warning-sign question: a sign gives its outcome at once; "none" or "no"
 * thanks and asks the interrupted question again; "not sure" says where to turn and asks it
 * again; a bare "yes" asks which. Anything else is read as any message (false).
 */
async function answerWarningSigns(dc: DialogContext, deps: DialogDeps, text: string): Promise<boolean> {
  const { context } = dc;
  const choices = warningSignChoices(deps);
  const picked = pickedChoice(text, choices, context.activity.channelId);
  const said = picked ?? readYesNo(text, deps.safety.reader);
  if (said === undefined) return false;
  if (said === 'yes') {
    await askWarningSigns(context, deps);
    return true;
  }
  if (said !== 'none' && said !== 'no' && said !== 'unknown') {
    await dc.cancelAllDialogs();
    await decideRedFlags(context, deps, [said]);
    return true;
  }
  await context.sendActivity(deps.strings(said === 'unknown' ? 'warningSignsUnsure' : 'redFlagConfirmNo'));
  if (dc.activeDialog !== undefined) await dc.repromptDialog();
  else await startIfNoConsent(dc, deps);
  return true;
}

/**
 * A red flag in any message: the engine decides (emergency or urgent), audited, announced. The
 * outcome is remembered (later messages get the instruction again); the signs read are kept as
 * answers only for a person who agreed to the terms: without that, no health answer is taken.
 */
async function decideRedFlags(context: TurnContext, deps: DialogDeps, ruleIds: string[]): Promise<void> {
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
