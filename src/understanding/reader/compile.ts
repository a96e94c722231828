import { FuzzyIndex } from './fuzzy.js';
import type { ReaderKnowledge } from './load.js';
import { phraseWords } from './normalize.js';
import type { ConceptData, TriggerData, TriggerFlag } from './schema.js';

/**
 * Turns the two data files into one phrase dictionary (every concept word, trigger, answer
 * word and pseudo-trigger, each with the roles it plays) plus the spelling index. Built once
 * per knowledge; reading a message then touches no data structure but these.
 */

export type AnswerWord = 'yes' | 'no' | 'unsure' | 'agree' | 'decline';

export type Role =
  | { kind: 'term'; concept: number }
  | { kind: 'component'; concept: number; group: number }
  | { kind: 'trigger'; trigger: number }
  | { kind: 'terminator'; flags: readonly TriggerFlag[] | 'all' }
  | { kind: 'self' }
  | { kind: 'pseudo' }
  | { kind: 'answer'; answer: AnswerWord }
  | { kind: 'temperature' };

interface PhrasePart {
  text: string;
  prefix: boolean;
}

export interface DictionaryEntry {
  phrase: string;
  parts: readonly PhrasePart[];
  roles: Role[];
}

export interface CompiledReader {
  knowledge: ReaderKnowledge;
  concepts: readonly ConceptData[];
  conceptIndex: ReadonlyMap<string, number>;
  triggers: readonly TriggerData[];
  byFirstWord: ReadonlyMap<string, DictionaryEntry[]>;
  /** Phrases whose first word is a word family ("swell*"), by the family's first letter. */
  prefixEntries: ReadonlyMap<string, readonly DictionaryEntry[]>;
  /** Every word the data or the filler list knows: such a word is never "corrected". */
  vocabulary: ReadonlySet<string>;
  fillers: ReadonlySet<string>;
  fuzzy: FuzzyIndex;
  variants: ReadonlyMap<string, readonly string[]>;
  numberWords: ReadonlyMap<string, number>;
}

export function compileReader(knowledge: ReaderKnowledge): CompiledReader {
  const { terminology, triggers } = knowledge;
  const entries = new Map<string, DictionaryEntry>();
  // Phrases are read the way messages are: a variant in the data ("anesthetic") is its mapped form.
  const variantMap = new Map(Object.entries(triggers.variants).map(([from, to]) => [from, phraseWords(to)] as const));
  const vocabulary = new Set<string>();
  const fuzzyOwners = new Map<string, Set<number>>();
  const add = (phrase: string, role: Role, fuzzyOwner?: number) => {
    const words = phraseWords(phrase).flatMap((word) => variantMap.get(word) ?? [word]);
    const key = words.join(' ');
    for (const word of words) {
      const plain = word.replace(/\*$/, '');
      vocabulary.add(plain);
      if (fuzzyOwner !== undefined && !word.endsWith('*')) fuzzyOwners.set(plain, (fuzzyOwners.get(plain) ?? new Set()).add(fuzzyOwner));
    }
    const existing = entries.get(key);
    if (existing) {
      existing.roles.push(role);
      return;
    }
    const parts = words.map((word) => (word.endsWith('*') ? { text: word.slice(0, -1), prefix: true } : { text: word, prefix: false }));
    entries.set(key, { phrase: key, parts, roles: [role] });
  };

  terminology.concepts.forEach((concept, index) => {
    const all = [
      ...concept.terms,
      ...(concept.brands ?? []),
      ...(concept.generics ?? []),
      ...(concept.misspellings ?? []),
      ...(concept.forms ?? []),
    ];
    const owner = concept.fuzzy ? index : undefined;
    for (const term of all) add(term, { kind: 'term', concept: index }, owner);
    concept.together?.forEach((group, groupIndex) => {
      for (const term of group) add(term, { kind: 'component', concept: index, group: groupIndex }, owner);
    });
  });
  triggers.triggers.forEach((trigger, index) => {
    for (const phrase of trigger.phrases) add(phrase, { kind: 'trigger', trigger: index });
  });
  for (const phrase of triggers.terminators.all) add(phrase, { kind: 'terminator', flags: 'all' });
  const byFlag = new Map<string, TriggerFlag[]>();
  for (const [flag, list] of Object.entries(triggers.terminators.byFlag) as [TriggerFlag, string[]][]) {
    for (const phrase of list) byFlag.set(phrase, [...(byFlag.get(phrase) ?? []), flag]);
  }
  for (const [phrase, flags] of byFlag) add(phrase, { kind: 'terminator', flags });
  for (const phrase of triggers.selfWords) add(phrase, { kind: 'self' });
  for (const phrase of triggers.pseudo) add(phrase, { kind: 'pseudo' });
  for (const [answer, list] of Object.entries(triggers.answers) as [AnswerWord, string[]][]) {
    for (const phrase of list) add(phrase, { kind: 'answer', answer });
  }
  for (const phrase of triggers.numbers.temperatureWords) add(phrase, { kind: 'temperature' });

  const byFirstWord = new Map<string, DictionaryEntry[]>();
  const prefixEntries = new Map<string, DictionaryEntry[]>();
  for (const entry of entries.values()) {
    const first = entry.parts[0]!;
    if (first.prefix) prefixEntries.set(first.text[0]!, [...(prefixEntries.get(first.text[0]!) ?? []), entry]);
    else byFirstWord.set(first.text, [...(byFirstWord.get(first.text) ?? []), entry]);
  }
  const fillers = new Set(triggers.fillerWords);
  const variants = variantMap;
  for (const word of fillers) vocabulary.add(word);
  for (const [from, to] of variants) {
    vocabulary.add(from);
    for (const word of to) vocabulary.add(word);
  }
  const numberWords = new Map(Object.entries(triggers.numbers.words));
  for (const word of numberWords.keys()) vocabulary.add(word);
  for (const unit of [...Object.keys(triggers.numbers.durationUnits), ...Object.keys(triggers.numbers.durationDirections)])
    vocabulary.add(unit);
  return {
    knowledge,
    concepts: terminology.concepts,
    conceptIndex: new Map(terminology.concepts.map((concept, index) => [concept.id, index])),
    triggers: triggers.triggers,
    byFirstWord,
    prefixEntries,
    vocabulary,
    fillers,
    fuzzy: new FuzzyIndex(new Map([...fuzzyOwners].map(([word, owners]) => [word, [...owners].sort((a, b) => a - b).join(',')]))),
    variants,
    numberWords,
  };
}
