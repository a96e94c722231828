import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { readYesNo } from '../src/understanding/reader/index.js';
import { renderQuestion } from './renderers/render-choices.js';
import { pickedChoice, type QuestionChoice } from './prompts/answer-prompt.js';
import { decideRedFlags, setPendingRedFlag } from './red-flag-decision.js';
import { resumeOrStart } from './resume.js';
import type { DialogDeps } from './dialog-deps.js';

/** The id the warning-sign question carries in `channelData.questionId`. */
export const WARNING_SIGNS = 'warningSigns';

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
export async function askWarningSigns(context: TurnContext, deps: DialogDeps): Promise<void> {
  await setPendingRedFlag(context, deps, { pendingWarningSigns: true });
  const titles = warningSignChoices(deps).map((choice) => choice.title);
  const question = renderQuestion(context.activity.channelId, deps.strings('warningSignsQuestion'), titles);
  await context.sendActivity({ ...question, channelData: { ...(question.channelData ?? {}), questionId: WARNING_SIGNS } });
}

/**
 * The answer to the warning-sign question: a sign gives its outcome at once; "none" or "no"
 * thanks and asks the interrupted question again; "not sure" says where to turn and asks it
 * again; a bare "yes" asks which. Anything else is read as any message (false).
 */
export async function answerWarningSigns(dc: DialogContext, deps: DialogDeps, text: string): Promise<boolean> {
  const { context } = dc;
  const picked = pickedChoice(text, warningSignChoices(deps), context.activity.channelId);
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
  await resumeOrStart(dc, deps);
  return true;
}
