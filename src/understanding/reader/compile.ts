import { FuzzyIndex } from './fuzzy.js';
import type { ReaderKnowledge } from './load.js';
import { phraseWords } from './normalize.js';
import { compileNumbers, type NumberWords } from './numbers.js';
import type { ConceptData, TerminologyData, TriggerData, TriggerFlag } from './schema.js';

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
  /** Per concept, the word groups of a composite (undefined for a plain concept). */
  groups: readonly (string[][] | undefined)[];
  conceptIndex: ReadonlyMap<string, number>;
  triggers: readonly TriggerData[];
  byFirstWord: ReadonlyMap<string, DictionaryEntry[]>;
  /** Phrases whose first word is a word family ("swell*"), by the family's first letter. */
  prefixEntries: ReadonlyMap<string, readonly DictionaryEntry[]>;
  /** One-word lead-ins before a question opener ("so is it painful"). */
  questionLeadIns: ReadonlySet<string>;
  /** Words that close a list a negation reaches into over commas. */
  listClosers: ReadonlySet<string>;
  /** Negations that cancel when the second stands in the first one's scope ("don't have no"). */
  doubleNegation: { first: ReadonlySet<string>; second: ReadonlySet<string> };
  /** Single words for people other than the writer, and the trigger a possessive of one opens. */
  people: ReadonlySet<string>;
  possessive: { trigger: number; ending: string };
  /** Every word the data or the filler list knows: such a word is never "corrected". */
  vocabulary: ReadonlySet<string>;
  fillers: ReadonlySet<string>;
  fuzzy: FuzzyIndex;
  variants: ReadonlyMap<string, readonly string[]>;
  numberWords: ReadonlyMap<string, number>;
  numbers: NumberWords;
  /** Words of warning signs (exact, and word families by their stem), to find a sign in the unread rest of a long message. */
  signWords: { exact: ReadonlySet<string>; stems: ReadonlyMap<string, readonly string[]> };
  /** What a measured fever and a racing pulse are read as: a mention of these concepts. */
  measured: { fever: DictionaryEntry; racingHeart: DictionaryEntry };
}

/**
 * The word groups a composite concept needs, one word of each: its `together` groups, or for a
 * sign built from parts, each part's words (an item naming several parts takes any of them).
 */
export function compositeGroups(concept: ConceptData, terminology: TerminologyData): string[][] | undefined {
  if (concept.together) return concept.together;
  if (!concept.parts) return undefined;
  const words = new Map(terminology.signParts.map((part) => [part.id, part.words] as const));
  return concept.parts.map((item) => [...new Set((typeof item === 'string' ? [item] : item).flatMap((part) => words.get(part) ?? []))]);
}

function signWordsOf({ terminology, triggers }: ReaderKnowledge): CompiledReader['signWords'] {
  const exact = new Set<string>();
  const stems = new Map<string, string[]>();
  const phrases = [
    ...terminology.concepts
      .filter((concept) => concept.kind === 'sign')
      .flatMap((concept) => [...concept.terms, ...(concept.misspellings ?? []), ...(compositeGroups(concept, terminology) ?? []).flat()]),
    ...triggers.numbers.temperatureWords,
    ...triggers.numbers.pulseWords,
  ];
  const fillers = new Set(triggers.fillerWords);
  for (const word of phrases.flatMap(phraseWords)) {
    // filler words ("my", "to") say nothing; short sign words ("red", "hot", "eye") do
    if (fillers.has(word) || word.length < 3) continue;
    if (word.endsWith('*')) stems.set(word[0]!, [...new Set([...(stems.get(word[0]!) ?? []), word.slice(0, -1)])]);
    else exact.add(word);
  }
  return { exact, stems };
}

/** Each word with one key for the set of concepts that use it: words of one key are the same reading. */
const ownerKeys = (owners: ReadonlyMap<string, ReadonlySet<number>>) =>
  new Map([...owners].map(([word, set]) => [word, [...set].sort((a, b) => a - b).join(',')] as const));

export function compileReader(knowledge: ReaderKnowledge): CompiledReader {
  const { terminology, triggers } = knowledge;
  const entries = new Map<string, DictionaryEntry>();
  // Phrases are read the way messages are: a variant in the data ("anesthetic") is its mapped form.
  const variantMap = new Map(Object.entries(triggers.variants).map(([from, to]) => [from, phraseWords(to)] as const));
  const vocabulary = new Set<string>();
  const fuzzyOwners = new Map<string, Set<number>>();
  const stemOwners = new Map<string, Set<number>>();
  const add = (phrase: string, role: Role, fuzzyOwner?: number) => {
    const words = phraseWords(phrase).flatMap((word) => variantMap.get(word) ?? [word]);
    const key = words.join(' ');
    for (const word of words) {
      const plain = word.replace(/\*$/, '');
      vocabulary.add(plain);
      if (fuzzyOwner !== undefined) {
        const owners = word.endsWith('*') ? stemOwners : fuzzyOwners;
        owners.set(plain, (owners.get(plain) ?? new Set()).add(fuzzyOwner));
      }
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
    compositeGroups(concept, terminology)?.forEach((group, groupIndex) => {
      for (const term of group) add(term, { kind: 'component', concept: index, group: groupIndex }, owner);
    });
  });
  const people = new Set(triggers.people.flatMap(phraseWords));
  const possessiveTrigger = triggers.triggers.findIndex((trigger) => trigger.id === triggers.possessive.trigger);
  if (possessiveTrigger < 0) throw new Error(`reader-triggers.json: possessive.trigger "${triggers.possessive.trigger}" is no trigger`);
  triggers.triggers.forEach((trigger, index) => {
    for (const phrase of trigger.phrases) {
      add(phrase, { kind: 'trigger', trigger: index });
      // "my sister" also as "my sister's" and "my sisters" (the apostrophe is not read)
      const words = phraseWords(phrase);
      if (index === possessiveTrigger && people.has(words[words.length - 1]!))
        add(`${phrase}${triggers.possessive.ending}`, { kind: 'trigger', trigger: index });
    }
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
  const conceptIndex = new Map(terminology.concepts.map((concept, index) => [concept.id, index]));
  const measuredAs = (field: 'feverConcept' | 'racingHeartConcept'): DictionaryEntry => {
    const id = triggers.numbers[field];
    const concept = conceptIndex.get(id);
    if (concept === undefined) throw new Error(`reader-triggers.json: numbers.${field} "${id}" is no concept`);
    return { phrase: `(${field})`, parts: [], roles: [{ kind: 'term', concept }] };
  };
  return {
    knowledge,
    concepts: terminology.concepts,
    groups: terminology.concepts.map((concept) => compositeGroups(concept, terminology)),
    conceptIndex,
    triggers: triggers.triggers,
    byFirstWord,
    prefixEntries,
    vocabulary,
    fillers,
    fuzzy: new FuzzyIndex(ownerKeys(fuzzyOwners), ownerKeys(stemOwners)),
    variants,
    numberWords,
    people,
    listClosers: new Set(triggers.listClosers),
    questionLeadIns: new Set(knowledge.conversation.questionLeadIns.filter((phrase) => !phrase.includes(' '))),
    doubleNegation: {
      first: new Set(triggers.doubleNegation.first.map((phrase) => phraseWords(phrase).join(' '))),
      second: new Set(triggers.doubleNegation.second.map((phrase) => phraseWords(phrase).join(' '))),
    },
    possessive: { trigger: possessiveTrigger, ending: triggers.possessive.ending },
    numbers: compileNumbers(triggers.numbers, phraseWords),
    measured: { fever: measuredAs('feverConcept'), racingHeart: measuredAs('racingHeartConcept') },
    signWords: signWordsOf(knowledge),
  };
}
