import { readConcerns } from './concerns.js';
import { depthDescribed, goalDescribed, type Depth, type Goal } from './goal-and-depth.js';
import { readScreeningAnswers, type Reader } from './reader/index.js';

/**
 * What a person's own description of their wish says besides health answers (those are the
 * listening step's): the concerns it names, where they think of treatment, and how deep their
 * wrinkles or scars are, each only when said. Pure: the reader and the concern ids are passed in.
 */

/** The field a concern's depth answers: the concerns whose depth matters for the advice. */
export const DEPTH_FIELD_OF: Readonly<Record<string, 'deepWrinkles' | 'deepScars'>> = {
  'fine-lines-wrinkles': 'deepWrinkles',
  'acne-scars': 'deepScars',
};

export interface Description {
  concerns: string[];
  goal?: Exclude<Goal, 'unsure'>;
  depth: { deepWrinkles?: Depth; deepScars?: Depth };
}

/**
 * The concerns a text names, among `concernIds`; "deep scars" or "deep wrinkles" (the
 * terminology's depth concepts) name the concern they are the depth of.
 */
export function concernsNamed(text: string, reader: Reader, today: Date, concernIds: readonly string[]): string[] {
  const named = readConcerns(text, reader).filter((id) => concernIds.includes(id));
  const answers = readScreeningAnswers(text, reader, { referenceDate: today }).answers;
  const deep = Object.entries(DEPTH_FIELD_OF).filter(([concern, field]) => answers[field] === true && concernIds.includes(concern));
  return [...new Set([...named, ...deep.map(([concern]) => concern)])];
}

/** The concerns, the place and the depths a description names. */
export function readDescription(text: string, reader: Reader, today: Date, concernIds: readonly string[]): Description {
  const concerns = concernsNamed(text, reader, today, concernIds);
  const goal = goalDescribed(text, reader, today);
  const fields = concerns.map((id) => DEPTH_FIELD_OF[id]).filter((field) => field !== undefined);
  const depth: Description['depth'] = {};
  for (const field of fields) {
    const found = depthDescribed(text, reader, field, today, { bothNamed: fields.length > 1 });
    if (found !== undefined) depth[field] = found;
  }
  return { concerns, ...(goal ? { goal } : {}), depth };
}
