import { foldedWords } from './fold.js';
import { longestPhraseAt, phraseWords, readScreeningAnswers, readYesNo, tokenize, type Reader } from './reader/index.js';
import type { AnswerInput } from './question-answers.js';

/**
 * The two questions of the concerns step that only shape the advice (never the outcome): where
 * the person thinks of treatment, and how deep the wrinkles or scars are. Deep concepts come
 * from the terminology (so "nothing deep" is read as negated); the words that only sort what is
 * not a clinical finding are knowledge/<locale>/conversation.json's.
 */

export type Goal = 'clinic' | 'home' | 'unsure';
export type Depth = 'shallow' | 'deep' | 'both' | 'unknown';

/** Some phrase of `phrases` is among the words. */
function says(words: readonly ReturnType<typeof tokenize>[number][], phrases: readonly string[]): boolean {
  const list = phrases.map(phraseWords);
  return words.some((_, at) => longestPhraseAt(words, at, list) > 0);
}

const wordsOf = (text: string) => tokenize(text).filter((token) => token.boundary === undefined);

/** Buttons: clinic, home, not sure. */
export function readGoalAnswer(input: AnswerInput, reader: Reader): Goal | undefined {
  if (input.choice !== undefined) return input.choice as Goal;
  const { goal } = reader.compiled.knowledge.conversation;
  const words = wordsOf(input.text);
  if (readYesNo(input.text, reader) === 'unknown' || says(words, goal.unsure)) return 'unsure';
  if (says(words, goal.clinic)) return 'clinic';
  if (says(words, goal.home)) return 'home';
  return undefined;
}

/** Depth of wrinkles or scars (`field`: the terminology's deep-wrinkles or deep-scars answer field). */
export function readDepthAnswer(input: AnswerInput, reader: Reader, field: 'deepWrinkles' | 'deepScars', today: Date): Depth | undefined {
  if (input.choice !== undefined) return input.choice as Depth;
  if (readYesNo(input.text, reader) === 'unknown') return 'unknown';
  const { depth } = reader.compiled.knowledge.conversation;
  const named = readScreeningAnswers(input.text, reader, { referenceDate: today }).answers[field];
  // A negation right before a depth word ("nothing deep", "not very deep") takes the word away.
  const negations = new Set(depth.negations);
  const softeners = new Set(depth.softeners);
  const deepWords = depth.deep.map(phraseWords);
  const words = wordsOf(foldedWords(input.text)).filter((_, at, all) => {
    if (longestPhraseAt(all, at, deepWords) === 0) return true;
    const before = all[at - 1]?.text ?? '';
    return !(negations.has(before) || (softeners.has(before) && negations.has(all[at - 2]?.text ?? '')));
  });
  const deep = named === true || says(words, depth.deep);
  const shallow = named === false || says(words, depth.shallow);
  if (says(words, depth.both) || (deep && shallow)) return 'both';
  if (deep) return 'deep';
  if (shallow) return 'shallow';
  return undefined;
}
