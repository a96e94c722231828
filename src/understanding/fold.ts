import { tokenize } from './reader/index.js';

/**
 * The words of a message through the reader's one normaliser (case, accents, apostrophes and
 * punctuation folded), joined by single spaces, for the few whole-message patterns that are not
 * clinical reading: commands, button titles, "does it open like a question".
 */
export function foldedWords(text: string): string {
  return tokenize(text)
    .filter((token) => token.boundary === undefined && token.text !== '')
    .map((token) => token.text)
    .join(' ');
}

/** The message ends with a question mark (after any trailing spaces, emoji or other marks). */
export function endsWithQuestionMark(text: string): boolean {
  const tokens = tokenize(text);
  const last = tokens[tokens.length - 1];
  return last?.boundary === 'question' || /\?\s*$/.test(text);
}
