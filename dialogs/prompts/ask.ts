import type { Activity } from 'botbuilder';
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { renderQuestion } from '../renderers/render-choices.js';
import type { AnswerPromptOptions, QuestionChoice } from './answer-prompt.js';

/**
 * Asks a question with its buttons rendered for the channel; the retry carries an example.
 * The question's id rides along in `channelData.questionId` (a host page or a test may use
 * it to know what is being asked; channels ignore it).
 */
export function askQuestion(step: WaterfallStepContext, promptId: string, question: string, retry: string, choices: QuestionChoice[] = []) {
  const channelId = step.context.activity.channelId;
  const titles = choices.map((choice) => choice.title);
  const tagged = (activity: Partial<Activity>): Partial<Activity> => ({
    ...activity,
    channelData: { ...(activity.channelData ?? {}), questionId: promptId },
  });
  const options: AnswerPromptOptions = {
    prompt: tagged(renderQuestion(channelId, question, titles, promptId)),
    retryPrompt: tagged(renderQuestion(channelId, retry, titles, promptId)),
    choices,
  };
  return step.prompt(promptId, options);
}
