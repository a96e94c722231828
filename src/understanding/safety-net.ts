import { phraseWords, read, tokenize, type Reader } from './reader/index.js';

/**
 * SAFETY-SPEC v1.2: a message the reader cannot fully place that holds a body or symptom word is
 * never taken as an answer to the pending question and never gets a bare "please answer": the
 * bot first asks whether any warning sign is happening now. "Cannot fully place" is either words
 * the reader could not place, or a symptom it did place that answers nothing asked ("it hurts"
 * at the pregnancy question). Pure: the reader and its data are passed in.
 */

const bodyWordSets = new WeakMap<Reader, { exact: ReadonlySet<string>; stems: readonly string[]; phrases: readonly string[][] }>();

function bodyWordsOf(reader: Reader) {
  let known = bodyWordSets.get(reader);
  if (!known) {
    const exact = new Set<string>();
    const stems: string[] = [];
    const phrases: string[][] = [];
    for (const phrase of reader.compiled.knowledge.triggers.bodyWords) {
      const words = phraseWords(phrase);
      if (words.length > 1) phrases.push(words);
      else if (words[0]!.endsWith('*')) stems.push(words[0]!.slice(0, -1));
      else exact.add(words[0]!);
    }
    bodyWordSets.set(reader, (known = { exact, stems, phrases }));
  }
  return known;
}

/** The message holds a word of the body or of feeling unwell. */
export function holdsBodyWord(text: string, reader: Reader): boolean {
  const { exact, stems, phrases } = bodyWordsOf(reader);
  const words = tokenize(text)
    .filter((token) => token.boundary === undefined)
    .map((token) => token.text);
  return words.some(
    (word, at) =>
      exact.has(word) ||
      stems.some((stem) => word.startsWith(stem)) ||
      phrases.some((phrase) => phrase.every((part, k) => words[at + k] === part)),
  );
}

export interface NetOptions {
  /** The pending question asks about symptoms (the after-treatment check): a placed symptom answers it. */
  symptomsAnswer: boolean;
}

/** True when the message should get the warning-sign question before anything else. */
export function needsWarningSignCheck(text: string, reader: Reader, options: NetOptions): boolean {
  if (!holdsBodyWord(text, reader)) return false;
  const reading = read(text, reader);
  if (reading.unplaced.length > 0) return true;
  if (options.symptomsAnswer) return false;
  return reading.findings.some(
    (finding) => (finding.kind === 'sign' || finding.kind === 'after') && !finding.negated && finding.experiencer === 'self',
  );
}
