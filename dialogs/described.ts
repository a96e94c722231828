import type { Activity, TurnContext } from 'botbuilder';
import { checklistPicks } from './renderers/render-checklist.js';
import { readDescription } from '../src/understanding/description.js';
import type { ConcernId } from '../src/knowledge/index.js';
import type { AssessmentRecord, Goal } from './assessment-record.js';
import type { DialogDeps } from './dialog-deps.js';

/** The invitation to say it all in one's own words, and the concerns question: their prompt ids. */
export const DESCRIBE = 'describe';
export const CONCERNS = 'concerns';

/** Anyone not set on a clinic gets the at-home note: it only adds caution. */
export function setGoal(record: AssessmentRecord, goal: Goal): void {
  record.goal = goal;
  record.answers.wantsHomeUse = goal !== 'clinic';
}

/**
 * While the invitation or the concerns question waits, a typed message's concerns, place and
 * depths are taken into `record` (what is already known stays), as the listening step takes
 * health answers: so what a description named is kept even when something interrupts it (the
 * warning-sign question, a question for the guide). Ticks are the concerns prompt's own. Returns
 * the parts to say back ("your concerns: acne scars"); the concerns only at the invitation, where
 * they answer more than was asked.
 */
export async function takeDescription(
  context: TurnContext,
  deps: DialogDeps,
  record: AssessmentRecord,
  text: string,
): Promise<{ changed: boolean; said: string[] }> {
  const waiting = (await deps.accessors.pendingQuestion.get(context))?.id;
  if ((waiting !== DESCRIBE && waiting !== CONCERNS) || checklistPicks(context.activity as Partial<Activity>) !== undefined)
    return { changed: false, said: [] };
  const { strings, kb } = deps;
  const ids = kb.concerns.map((concern) => concern.id);
  const described = readDescription(text, deps.safety.reader, deps.clock(), ids);
  const concerns = described.concerns.filter((id) => !record.concerns.includes(id as ConcernId)) as ConcernId[];
  const goal = record.goal === undefined ? described.goal : undefined;
  const depths = Object.entries(described.depth).filter(([field]) => record.answers[field as 'deepScars'] === undefined);
  if (concerns.length === 0 && goal === undefined && depths.length === 0) return { changed: false, said: [] };
  record.concerns = [...record.concerns, ...concerns];
  if (goal) setGoal(record, goal);
  for (const [field, depth] of depths) record.answers[field as 'deepScars'] = depth !== 'shallow';
  const said: string[] = [];
  const labels = kb.concerns.filter((concern) => concerns.includes(concern.id)).map((concern) => concern.label.toLowerCase());
  if (waiting === DESCRIBE && labels.length > 0) said.push(strings('describedConcerns', { list: labels.join(', ') }));
  if (goal) said.push(strings('describedGoal', { goal: strings(`goal.${goal}`) }));
  return { changed: true, said };
}
