import { foldedWords } from './fold.js';
import { readScreeningAnswers, readYesNo, type Reader } from './reader/index.js';
import type { AnswerInput } from './question-answers.js';

/**
 * The two questions of the concerns step that only shape the advice (never the outcome): where
 * the person thinks of treatment, and how deep the wrinkles or scars are. Deep concepts come
 * from the terminology (so "nothing deep" is read as negated); the plain words here only sort
 * what is not a clinical finding.
 */

export type Goal = 'clinic' | 'home' | 'unsure';
export type Depth = 'shallow' | 'deep' | 'both' | 'unknown';

/** Buttons: clinic, home, not sure. */
export function readGoalAnswer(input: AnswerInput, reader: Reader): Goal | undefined {
  if (input.choice !== undefined) return input.choice as Goal;
  const text = foldedWords(input.text);
  if (readYesNo(input.text, reader) === 'unknown' || /\b(either|both|undecided|dont mind)\b/.test(text)) return 'unsure';
  if (/\b(clinic|professional|salon|dermatologist|practitioner|doctor|spa)\b/.test(text)) return 'clinic';
  if (/\b(home|myself|diy|roller|own)\b/.test(text)) return 'home';
  return undefined;
}

/** A negation right before a depth word ("nothing deep", "not very deep") takes the word away. */
const NEGATED_DEPTH = /\b(no|not|nothing|none|never|isnt|arent)( (very|that|too|really|so))? (deep|pitted|severe)\b/g;

/** Depth of wrinkles or scars (`field`: the terminology's deep-wrinkles or deep-scars answer field). */
export function readDepthAnswer(input: AnswerInput, reader: Reader, field: 'deepWrinkles' | 'deepScars', today: Date): Depth | undefined {
  if (input.choice !== undefined) return input.choice as Depth;
  if (readYesNo(input.text, reader) === 'unknown') return 'unknown';
  const named = readScreeningAnswers(input.text, reader, { referenceDate: today }).answers[field];
  const text = foldedWords(input.text).replace(NEGATED_DEPTH, ' ');
  const deep = named === true || /\b(deep|pitted|pits|icepick|ice pick|boxcar|rolling|severe)\b/.test(text);
  const shallow = named === false || /\b(fine|shallow|light|small|superficial|marks?|crows feet)\b/.test(text);
  if (/\bboth\b/.test(text) || (deep && shallow)) return 'both';
  if (deep) return 'deep';
  if (shallow) return 'shallow';
  return undefined;
}
