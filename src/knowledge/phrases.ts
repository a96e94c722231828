import { RecentValues } from '../recent-values.js';
import { FuzzyIndex } from '../understanding/reader/index.js';

/**
 * The phrases of the routing data (rule-questions.json, scope.json), in named lists, found in a
 * question in one pass: the question read with the retrieval's words (the reader's normaliser),
 * each typed word corrected at most once with the reader's one spelling tolerance ("warfrin"),
 * then every list's phrases matched from one dictionary by first word. Linear in the question,
 * whatever the number of lists; the last few questions are remembered (a turn asks several
 * lists about the same question). A word written with a final "*" matches every word it starts.
 */

export interface PhraseIndex {
  /** The names of the lists with a phrase that occurs in the text. */
  listsIn(text: string): ReadonlySet<string>;
}

interface CompiledPhrase {
  readonly list: string;
  readonly parts: readonly { readonly word: string; readonly prefix: boolean }[];
}

export function phraseIndex(lists: ReadonlyMap<string, readonly string[]>, words: (text: string) => string[]): PhraseIndex {
  const compiled: CompiledPhrase[] = [...lists].flatMap(([list, phrases]) =>
    phrases
      .map((phrase) => {
        const prefix = phrase.trim().endsWith('*');
        const parts = words(phrase.replace(/\*$/, '')).map((word) => ({ word, prefix: false }));
        if (prefix && parts.length > 0) parts[parts.length - 1] = { word: parts[parts.length - 1]!.word, prefix: true };
        return { list, parts };
      })
      .filter((phrase) => phrase.parts.length > 0),
  );
  const byFirst = new Map<string, CompiledPhrase[]>();
  const byPrefix = new Map<string, CompiledPhrase[]>();
  const vocabulary = new Map<string, string>();
  for (const phrase of compiled) {
    const first = phrase.parts[0]!;
    const index = first.prefix ? byPrefix : byFirst;
    const key = first.prefix ? first.word.slice(0, 1) : first.word;
    index.set(key, [...(index.get(key) ?? []), phrase]);
    for (const part of phrase.parts) if (!part.prefix && !/\d/.test(part.word)) vocabulary.set(part.word, part.word);
  }
  const fuzzy = new FuzzyIndex(vocabulary);
  const matches = (part: CompiledPhrase['parts'][number], word: string | undefined) =>
    word !== undefined && (part.prefix ? word.startsWith(part.word) : word === part.word);
  const recent = new RecentValues<ReadonlySet<string>>(8);
  return {
    listsIn: (text) =>
      recent.getOrMake(text, () => {
        // each typed word as the data spells it: itself when known, else its one near neighbour (digits never)
        const written = words(text).map((word) => (vocabulary.has(word) || /\d/.test(word) ? word : (fuzzy.correct(word) ?? word)));
        const found = new Set<string>();
        written.forEach((word, start) => {
          const candidates = [...(byFirst.get(word) ?? []), ...(byPrefix.get(word.slice(0, 1)) ?? [])];
          for (const phrase of candidates) {
            if (!found.has(phrase.list) && phrase.parts.every((part, k) => matches(part, written[start + k]))) found.add(phrase.list);
          }
        });
        return found;
      }),
  };
}
