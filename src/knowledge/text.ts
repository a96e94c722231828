import { tokenize } from '../understanding/reader/index.js';
import type { RetrievalData } from '../understanding/reader/schema.js';

/**
 * Text analysis shared by retrieval (MiniSearch) and citation checks, so that a question and the
 * knowledge it should find are read the same way. Words come from the clinical reader's one
 * normaliser (case, accents, apostrophes, invisible and look-alike characters); the English of
 * it (stop words, synonyms and brand names, word families, the contraindication phrases) is data
 * in knowledge/en/retrieval.json.
 */

/** The words of a text through the reader's normaliser ("Don't" -> "dont", "two-toned" -> "two", "toned"). */
function plainWords(text: string): string[] {
  return tokenize(text)
    .filter((token) => token.boundary === undefined && token.text !== '')
    .map((token) => token.text);
}

/** Compare two texts ignoring case, punctuation and spacing (used to spot duplicate questions). */
export function foldForComparison(text: string): string {
  return plainWords(text).join(' ');
}

/**
 * A deliberately small suffix stripper (plural, -ing, -ed, -ness, final e) so "sessions" meets
 * "session" and "scarring" meets "scars". Over-stemming is harmless: both sides go through it.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ness') && w.length > 6) w = w.slice(0, -4);
  else if (w.endsWith('ing') && w.length > 4) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  // "scarr" -> "scar", "sagg" -> "sag", but keep "roll", "less", "staff".
  if (/([b-df-hj-kmnp-rtv-z])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

export interface TextAnalysis {
  /** Words after folding, spellings of one word joined ("micro needling" -> "microneedling"), marker words added. */
  words(text: string): string[];
  /** A word as retrieval reads it: its family's word, its synonym (several words, space-separated), or itself. */
  canonicalWord(word: string): string;
  /** Retrieval terms of a text: folded, canonicalised, stop words removed, stemmed. */
  analyse(text: string): string[];
  readonly stopWords: ReadonlySet<string>;
  /** Terms that rank but are no evidence of which entry; terms that name the treatment itself; terms every entry shares. */
  readonly genericTerms: ReadonlySet<string>;
  readonly treatmentTerms: ReadonlySet<string>;
  readonly sharedTerms: ReadonlySet<string>;
}

export function createTextAnalysis(data: RetrievalData): TextAnalysis {
  const stopWords = new Set(data.stopWords);
  const markers = data.markers.map((marker) => ({ phrases: marker.phrases.map(plainWords), adds: marker.adds }));
  const canonicalWord = (word: string): string => {
    const family = data.families.find((candidate) => candidate.starts.some((start) => word.startsWith(start)));
    if (family) return family.word;
    // Own keys only: a word such as "constructor" must not find Object.prototype's.
    return Object.hasOwn(data.synonyms, word) ? data.synonyms[word]! : word;
  };
  const words = (text: string): string[] => {
    const plain = plainWords(text);
    const result: string[] = [];
    for (let i = 0; i < plain.length; i++) {
      const word = plain[i]!;
      const next = plain[i + 1];
      // People write the treatment and the tool in many ways; join them into one word each.
      const join =
        next !== undefined && data.joins.some((rule) => rule.first.includes(word) && rule.next.some((start) => next.startsWith(start)));
      if (join) {
        result.push(`${word}${next}`);
        i += 1;
      } else result.push(word);
      // "Who can't have it?" is about contraindications, but every word of it is a stop word.
      for (const marker of markers) {
        if (marker.phrases.some((phrase) => phrase.length > 0 && phrase.every((part, k) => plain[i - phrase.length + 1 + k] === part)))
          result.push(marker.adds);
      }
    }
    return result;
  };
  const analyse = (text: string): string[] => {
    const terms: string[] = [];
    for (const word of words(text)) {
      for (const part of canonicalWord(word).split(' ')) {
        if (stopWords.has(part)) continue;
        terms.push(stem(part));
      }
    }
    return terms;
  };
  const termsOf = (list: readonly string[]) => new Set(analyse(list.join(' ')));
  return {
    words,
    canonicalWord,
    analyse,
    stopWords,
    genericTerms: termsOf(data.genericWords),
    treatmentTerms: termsOf(data.treatmentWords),
    sharedTerms: termsOf(data.sharedByAll),
  };
}
