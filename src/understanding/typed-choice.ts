import { foldedWords } from './fold.js';
import { boundedDistance } from './reader/fuzzy.js';

/** A choice shown with a question: its title, other ways of saying it (data), and its value. */
export interface TypedChoiceOption {
  title: string;
  value: string;
  /** Folded phrases that pick this choice too ("thats all" for "No others"): from knowledge data. */
  aliases?: readonly string[];
}

/** Edits allowed between a typed text and a choice's name: none for short names ("Yes", "No"), where a slip makes another word. */
function allowedSlips(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * The one choice a typed text picks, or undefined: its title or an alias typed as shown, or with
 * a slip ("nevr", "at a clnic", "non of these"), or a single word typed (or slipped) that only
 * that choice's title holds ("clinc" for "At a clinic"). Only among the choices shown: two
 * choices as near as each other give no pick, and the question is asked again.
 */
export function choiceTyped(text: string, choices: readonly TypedChoiceOption[]): string | undefined {
  const typed = foldedWords(text);
  if (typed === '') return undefined;
  const names = choices.flatMap((choice) =>
    [foldedWords(choice.title), ...(choice.aliases ?? [])].map((name) => ({ name, value: choice.value })),
  );
  const exact = names.find(({ name }) => name === typed);
  if (exact) return exact.value;
  const nearest = (candidates: Array<{ name: string; value: string }>, word: string) => {
    let best: { value: string; distance: number } | undefined;
    let tie = false;
    for (const { name, value } of candidates) {
      const max = allowedSlips(Math.min(name.length, word.length));
      if (max === 0) continue;
      const distance = boundedDistance(word, name, max);
      if (distance > max) continue;
      if (!best || distance < best.distance) [best, tie] = [{ value, distance }, false];
      else if (distance === best.distance && value !== best.value) tie = true;
    }
    return tie ? undefined : best?.value;
  };
  const slipped = nearest(names, typed);
  if (slipped !== undefined || typed.includes(' ')) return slipped;
  // One word: a word of five letters or more that only one choice's title holds.
  const words = choices.flatMap((choice) =>
    foldedWords(choice.title)
      .split(' ')
      .filter((word) => word.length >= 5)
      .map((word) => ({ name: word, value: choice.value })),
  );
  const own = words.filter(({ name }) => words.filter((other) => other.name === name).length === 1);
  if (typed.length < 5) return undefined;
  const exactWord = own.find(({ name }) => name === typed);
  return exactWord ? exactWord.value : nearest(own, typed);
}
