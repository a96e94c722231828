import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { renderQuestion } from '../../src/channels/render-choices.js';
import type { AnswerPromptOptions, QuestionChoice } from './answer-prompt.js';

/** Asks a question with its buttons rendered for the channel; the retry carries an example. */
export function askQuestion(step: WaterfallStepContext, promptId: string, question: string, retry: string, choices: QuestionChoice[] = []) {
  const channelId = step.context.activity.channelId;
  const titles = choices.map((choice) => choice.title);
  const options: AnswerPromptOptions = {
    prompt: renderQuestion(channelId, question, titles),
    retryPrompt: renderQuestion(channelId, retry, titles),
    choices,
  };
  return step.prompt(promptId, options);
}
