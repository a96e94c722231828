import { FuzzyIndex } from '../understanding/reader/index.js';

/**
 * Phrases of the routing data (rule-questions.json, scope.json) found in a question: read with
 * the retrieval's words (the reader's normaliser), each typed word corrected at most once with
 * the reader's one spelling tolerance ("warfrin"), then matched from a dictionary by first word:
 * one pass, linear in the question. A word written with a final "*" matches every word it
 * starts ("tattoo*").
 */

export interface PhraseMatcher {
  /** The phrases, as written in the data, that occur in the text. */
  find(text: string): string[];
}

interface CompiledPhrase {
  readonly phrase: string;
  readonly parts: readonly { readonly word: string; readonly prefix: boolean }[];
}

export function phraseMatcher(phrases: readonly string[], words: (text: string) => string[]): PhraseMatcher {
  const compiled: CompiledPhrase[] = phrases
    .map((phrase) => {
      const prefix = phrase.trim().endsWith('*');
      const parts = words(phrase.replace(/\*$/, '')).map((word) => ({ word, prefix: false }));
      if (prefix && parts.length > 0) parts[parts.length - 1] = { word: parts[parts.length - 1]!.word, prefix: true };
      return { phrase, parts };
    })
    .filter((phrase) => phrase.parts.length > 0);
  const byFirst = new Map<string, CompiledPhrase[]>();
  const byPrefix: CompiledPhrase[] = [];
  const vocabulary = new Map<string, string>();
  for (const phrase of compiled) {
    const first = phrase.parts[0]!;
    if (first.prefix) byPrefix.push(phrase);
    else byFirst.set(first.word, [...(byFirst.get(first.word) ?? []), phrase]);
    for (const part of phrase.parts) if (!part.prefix && !/\d/.test(part.word)) vocabulary.set(part.word, part.word);
  }
  const fuzzy = new FuzzyIndex(vocabulary);
  const matches = (part: CompiledPhrase['parts'][number], word: string | undefined) =>
    word !== undefined && (part.prefix ? word.startsWith(part.word) : word === part.word);
  return {
    find(text: string): string[] {
      // each typed word as the data spells it: itself when known, else its one near neighbour (digits never)
      const written = words(text).map((word) => (vocabulary.has(word) || /\d/.test(word) ? word : (fuzzy.correct(word) ?? word)));
      const found = new Set<string>();
      written.forEach((word, start) => {
        const candidates = [...(byFirst.get(word) ?? []), ...byPrefix.filter((phrase) => word.startsWith(phrase.parts[0]!.word))];
        for (const phrase of candidates) {
          if (phrase.parts.every((part, k) => matches(part, written[start + k]))) found.add(phrase.phrase);
        }
      });
      return compiled.filter((phrase) => found.has(phrase.phrase)).map((phrase) => phrase.phrase);
    },
  };
}
