import type { Activity } from 'botbuilder';
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { renderQuestion } from '../renderers/render-choices.js';
import { checklistChoices, renderChecklist, type ChecklistView } from '../renderers/render-checklist.js';
import type { AnswerPromptOptions, QuestionChoice } from './answer-prompt.js';

/** The question's id in `channelData.questionId` (and anything else a host page or a test may use). */
const tagged = (activity: Partial<Activity>, questionId: string, extra: object = {}): Partial<Activity> => ({
  ...activity,
  channelData: { ...(activity.channelData ?? {}), questionId, ...extra },
});

/**
 * Asks a question with its buttons rendered for the channel; the retry carries an example.
 * The question's id rides along in `channelData.questionId` (a host page or a test may use
 * it to know what is being asked; channels ignore it).
 */
export function askQuestion(step: WaterfallStepContext, promptId: string, question: string, retry: string, choices: QuestionChoice[] = []) {
  const channelId = step.context.activity.channelId;
  const titles = choices.map((choice) => choice.title);
  const options: AnswerPromptOptions = {
    prompt: tagged(renderQuestion(channelId, question, titles, promptId), promptId),
    retryPrompt: tagged(renderQuestion(channelId, retry, titles, promptId), promptId),
    choices,
  };
  return step.prompt(promptId, options);
}

/**
 * Asks a "tick all that apply" question (`view.questionId` is the prompt's id): checkboxes where
 * the channel shows cards, numbers typed in one reply elsewhere, words everywhere. The retry is
 * the same checklist under the retry's words.
 */
export function askChecklist(
  step: WaterfallStepContext,
  view: ChecklistView,
  retry: string,
  about: { asked?: string[]; together?: string[] } = {},
) {
  const nothingTicked = view.nothingTicked;
  const channelId = step.context.activity.channelId;
  // Several checklists in one message also name them (`channelData.together`).
  const extra = about.together ? { together: about.together } : {};
  const options: AnswerPromptOptions = {
    prompt: tagged(renderChecklist(channelId, view), view.questionId, extra),
    retryPrompt: tagged(renderChecklist(channelId, { ...view, question: retry }), view.questionId, extra),
    choices: checklistChoices(view),
    multiSelect: true,
    nothingTickedPrompt: tagged(renderChecklist(channelId, { ...view, question: nothingTicked }), view.questionId, extra),
    ...(about.asked ? { asked: about.asked } : {}),
  };
  return step.prompt(view.questionId, options);
}
