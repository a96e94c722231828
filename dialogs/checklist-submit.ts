import type { Activity } from 'botbuilder';
import { checklistPicks } from './renderers/render-checklist.js';
import { NONE_CHOICE, UNSURE_CHOICE } from '../src/understanding/question-answers.js';
import type { DialogDeps } from './dialog-deps.js';

/** The name the bot shows for a checklist value: an item, a concern, "None of these" or "Not sure". */
function choiceName(deps: DialogDeps, value: string): string | undefined {
  if (value === NONE_CHOICE) return deps.strings('choiceNoneOfThese');
  if (value === UNSURE_CHOICE) return deps.strings('choiceNotSure');
  const concern = deps.kb.concerns.find((candidate) => candidate.id === value);
  if (concern) return concern.label;
  const item = Object.values(deps.safety.rules.questions)
    .flat()
    .find((question) => question.group !== undefined && question.id === value);
  return item ? deps.strings(`item.${item.id}`) : undefined;
}

/**
 * A checklist card's Send carries values, not text. The names of the ticked choices (from the
 * bot's own strings, never from the client) become the message's text, one sentence each, so
 * the red-flag watch, the listening step and the transcript read the ticks as if typed: a
 * warning sign ticked gets the emergency reply first, like a warning sign typed. A value the bot
 * does not know is left out; nothing ticked leaves no text, and the question is asked again.
 */
export function describeChecklistSubmit(activity: Partial<Activity>, deps: DialogDeps): void {
  if (typeof activity.text === 'string' && activity.text.trim() !== '') return;
  const picks = checklistPicks(activity);
  if (picks === undefined) return;
  const names = picks.map((value) => choiceName(deps, value)).filter((name): name is string => name !== undefined);
  if (names.length > 0) activity.text = names.map((name) => `${name}.`).join(' ');
}
