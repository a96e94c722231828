import type { DialogDeps } from '../dialog-deps.js';
import type { QuestionChoice } from './answer-prompt.js';

/**
 * A button titled by the string `titleKey`, with the other ways of saying it the knowledge gives
 * (`choiceAliases` in conversation.json): "that's all" picks "No others", "looks good" picks
 * "That's right", so a loosely typed choice is taken rather than asked again.
 */
export function titledChoice(deps: DialogDeps, titleKey: string, value: string): QuestionChoice {
  const aliases = deps.safety.reader.compiled.knowledge.conversation.choiceAliases[titleKey];
  return { title: deps.strings(titleKey), value, ...(aliases ? { aliases } : {}) };
}
