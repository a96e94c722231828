import { allowedTypos, editDistance, words } from './text.js';

/**
 * Phrases of the routing data (rule-questions.json, scope.json) found in a question: folded the
 * way retrieval folds text, word by word, with the same typo allowance ("warfrin", "botxo" is too
 * short for one). A word written with a final "*" matches every word it starts ("tattoo*").
 */

export interface PhraseMatcher {
  /** The phrases, as written in the data, that occur in the text. */
  find(text: string): string[];
}

interface CompiledPhrase {
  readonly phrase: string;
  readonly parts: readonly { readonly word: string; readonly prefix: boolean }[];
}

function compile(phrase: string): CompiledPhrase {
  const prefix = phrase.trim().endsWith('*');
  const parts = words(phrase).map((word) => ({ word, prefix: false }));
  if (prefix && parts.length > 0) parts[parts.length - 1] = { word: parts[parts.length - 1]!.word, prefix: true };
  return { phrase, parts };
}

function wordMatches(written: string, part: { word: string; prefix: boolean }): boolean {
  if (written === part.word) return true;
  if (part.prefix) return written.startsWith(part.word);
  // Digits are never typos of each other: "16" is not "18".
  if (/\d/.test(written) || /\d/.test(part.word)) return false;
  // The shorter word sets the allowance: "therapy" is not a typo of "ultherapy".
  const max = allowedTypos(written.length < part.word.length ? written : part.word);
  return max > 0 && editDistance(written, part.word, max) <= max;
}

export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const compiled = phrases.map(compile).filter((p) => p.parts.length > 0);
  return {
    find(text: string): string[] {
      const written = words(text);
      return compiled
        .filter(({ parts }) =>
          written.some((_, start) => parts.every((part, i) => written[start + i] !== undefined && wordMatches(written[start + i]!, part))),
        )
        .map(({ phrase }) => phrase);
    },
  };
}
