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
  return depthIn(input.text, reader, field, today);
}

/** The depth words of a text, whatever else it says. */
function depthIn(text: string, reader: Reader, field: 'deepWrinkles' | 'deepScars', today: Date): Depth | undefined {
  const { depth } = reader.compiled.knowledge.conversation;
  const named = readScreeningAnswers(text, reader, { referenceDate: today }).answers[field];
  // A negation right before a depth word ("nothing deep", "not very deep") takes the word away.
  const negations = new Set(depth.negations);
  const softeners = new Set(depth.softeners);
  const deepWords = depth.deep.map(phraseWords);
  const words = wordsOf(foldedWords(text)).filter((_, at, all) => {
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

/**
 * What a person's own description says about depth: with one concern that has a depth, its
 * depth words ("my acne scars, the deep pitted kind"); with both wrinkles and scars named, only
 * a depth said with its concern ("deep scars"), so a word is never given to the wrong one. A
 * "not sure" elsewhere in the description is no answer: the depth is then asked.
 */
export function depthDescribed(
  text: string,
  reader: Reader,
  field: 'deepWrinkles' | 'deepScars',
  today: Date,
  options: { bothNamed: boolean },
): Depth | undefined {
  if (!options.bothNamed) return depthIn(text, reader, field, today);
  const named = readScreeningAnswers(text, reader, { referenceDate: today }).answers[field];
  return named === true ? 'deep' : named === false ? 'shallow' : undefined;
}

/**
 * Where a person's own description says they think of treatment: at home when the reader finds
 * home use said about them ("I'd do it at home", not "not at home"), at a clinic when clinic words
 * are said and home use is not (or is denied). Both, or neither: undefined, and the question is asked.
 */
export function goalDescribed(text: string, reader: Reader, today: Date): Exclude<Goal, 'unsure'> | undefined {
  const home = readScreeningAnswers(text, reader, { referenceDate: today }).answers.wantsHomeUse;
  const clinic = says(wordsOf(text), reader.compiled.knowledge.conversation.goal.clinic);
  if (home === true) return clinic ? undefined : 'home';
  return clinic ? 'clinic' : undefined;
}
