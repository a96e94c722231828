import type { Activity, TurnContext } from 'botbuilder';
import { read, readYesNo } from '../src/understanding/reader/index.js';
import { looksLikeQuestion } from '../src/understanding/intents.js';
import { endsWithQuestionMark } from '../src/understanding/fold.js';
import { needsWarningSignCheck } from '../src/understanding/safety-net.js';
import { answerQuestion } from '../src/knowledge/index.js';
import { renderKbReply } from './renderers/render-kb-answer.js';
import { answersChangedThisTurn, listen } from './listening.js';
import { askWarningSigns } from './warning-signs.js';
import { startIfNoConsent } from './resume.js';
import { emptyAssessment } from './assessment-record.js';
import type { DialogDeps } from './dialog-deps.js';
import type { InterruptionStep } from './interruption-turn.js';

/**
 * A question for the guide, answered for this person (SAFETY-SPEC v1.1 "Questions about safety
 * outside the screening"): from the rule table when it touches a rule, never "at home with an
 * expert" for someone with a reason against it, and declined when it is about another treatment.
 * Undefined when the guide has no confident answer.
 */
export async function answerForPerson(context: TurnContext, deps: DialogDeps, text: string): Promise<Partial<Activity> | undefined> {
  const consented = (await deps.accessors.userProfile.get(context, {})).consent?.given === true;
  const record = consented ? await deps.accessors.assessment.get(context, emptyAssessment()) : emptyAssessment();
  const person = {
    answers: record.answers,
    ...(record.decision ? { decision: { outcome: record.decision.outcome, rules: record.decision.rules } } : {}),
  };
  const reply = answerQuestion(text, person, { kb: deps.kb, rules: deps.safety.rules, today: deps.clock() });
  return renderKbReply(reply, context.activity.channelId, deps.strings);
}

/** Words an answer is made of: yes, no or not sure, a finding, a number or a date. A question with none of them is no answer. */
function couldAnswer(text: string, reader: DialogDeps['safety']['reader']): boolean {
  const reading = read(text, reader);
  const answering = reading.findings.some((finding) => finding.kind !== 'area');
  return readYesNo(text, reader) !== undefined || answering || reading.quantities.length > 0;
}

/**
 * What is left of any message: what it says about the person is taken or corrects an answer
 * (listening, whatever the pending question); body or symptom words the reader cannot fully
 * place are asked about as warning signs first (the safety net); a question is answered by the
 * guide, after which the interrupted question is asked again. Anything else goes to the step.
 */
export const questionOrAnswer: InterruptionStep = async ({ dc, deps, text, flags, active }) => {
  const { context } = dc;
  const { reader } = deps.safety;
  // A warning sign asked about or imagined ("what if I get a fever") is a question even without "?".
  const askedAboutSign = flags.mentioned.some((mention) => mention.because === 'question' || mention.because === 'hypothetical');
  const question = looksLikeQuestion(text, reader) || askedAboutSign;
  const record = await deps.accessors.assessment.get(context, emptyAssessment());
  const net = !question && needsWarningSignCheck(text, reader, { symptomsAnswer: record.pending?.check === 'after-treatment' });

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
  if (!question && !reply) {
    // The finished check does not start again after a correction to it.
    return corrected && !active ? 'handled' : 'continue';
  }
  if (reply) {
    await context.sendActivity(reply);
  } else if (endsWithQuestionMark(text) || !active || askedAboutSign || !couldAnswer(text, reader)) {
    await context.sendActivity(deps.strings('kbFallback', { topics: deps.kb.topics().join('; ') }));
  } else {
    // Opens like a question but may be an answer ("is it ok if I say no"): let the step read it.
    return 'continue';
  }
  if (active) {
    await context.sendActivity(deps.strings('resumeAfterQuestion'));
    await dc.repromptDialog();
  } else {
    await startIfNoConsent(dc, deps);
  }
  return 'handled';
};
