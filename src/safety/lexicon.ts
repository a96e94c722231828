import { join } from 'node:path';
import { z } from 'zod';
import { fieldSpec } from './answer-fields.js';
import { screeningAnswersSchema, type ScreeningAnswers } from './answers.js';
import { parseKnowledge, readJsonFile } from './knowledge-file.js';
import { PhraseDictionary, phraseKey, scan, type Hit, type NegationRules } from './phrase-matcher.js';
import { phrasesSchema as phrases } from './phrase-schema.js';
import { knowledgeDir } from '../paths.js';

/**
 * Maps what people write ("I stopped Roaccutane", "no rosacea", "I'm not pregnant") to
 * structured answers, with the words as data in knowledge/safety/lexicon.json. It only
 * proposes answers: the dialog confirms them, parses dates and ages, and handles "none of those".
 */

export const lexiconFile = 'lexicon.json';

export type AnswerPatch = Partial<ScreeningAnswers>;

/** How a mention reads in its part of the sentence, which picks the answers an entry gives. */
export type MentionState = 'affirmed' | 'past' | 'negated' | 'negatedPast' | 'never' | 'uncertain' | 'uncertainPast' | 'cue';

const answerStates = ['affirmed', 'past', 'negated', 'negatedPast', 'never', 'uncertain', 'uncertainPast'] as const;
type AnswerState = (typeof answerStates)[number];

const patch = screeningAnswersSchema.nullable();

const entrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, { message: 'entry ids are short camelCase words' }),
    comment: z.string().optional(),
    terms: phrases.min(1),
    field: z
      .string()
      .refine((field) => ['tri', 'flag'].includes(fieldSpec(field)?.kind ?? '') && fieldSpec(field)?.role !== 'after-treatment', {
        message: 'expected a yes/no/unknown or true/false screening or context field; use "answers" for others',
      })
      .optional(),
    requires: phrases.min(1).optional(),
    pastCues: phrases.min(1).optional(),
    overrideCues: z.array(z.strictObject({ words: phrases.min(1), answers: screeningAnswersSchema })).optional(),
    answers: z.partialRecord(z.enum(answerStates), patch).optional(),
  })
  .refine((entry) => entry.field !== undefined || entry.answers?.affirmed !== undefined, {
    message: 'give "field", or "answers" with at least "affirmed"',
  });

const lexiconSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
  comment: z.string().optional(),
  negation: z.strictObject({
    cues: phrases.min(1),
    never: phrases,
    trailing: phrases,
    uncertain: phrases,
    breakers: phrases,
    scopeEnders: z.array(z.string()),
    connectors: z.array(z.string()),
    listClosers: z.array(z.string()),
  }),
  entries: z.array(entrySchema).min(1),
});

type LexiconData = z.output<typeof lexiconSchema>;
type EntryData = LexiconData['entries'][number];

type Role =
  { kind: 'term'; entry: number } | { kind: 'negation'; never: boolean } | { kind: 'uncertain' } | { kind: 'breaker' } | { kind: 'cue' };

interface CompiledEntry {
  id: string;
  requires?: Set<string>;
  pastCues?: Set<string>;
  overrideCues: { keys: Set<string>; answers: AnswerPatch }[];
  answers: Record<AnswerState, AnswerPatch | null>;
}

export interface Lexicon {
  version: string;
  dictionary: PhraseDictionary<Role>;
  rules: NegationRules<Role>;
  trailing: Set<string>;
  entries: CompiledEntry[];
}

/** "not sure" about a field: tri fields become unknown, statuses become unknown, flags are left out. */
function unknownOf(answers: AnswerPatch | null): AnswerPatch | null {
  if (answers === null) return null;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (value === 'yes' || value === 'no' || value === 'unknown') result[key] = 'unknown';
    else if (value !== null && typeof value === 'object' && 'status' in value) result[key] = { status: 'unknown' };
  }
  return result as AnswerPatch;
}

function defaultAnswers(field: string | undefined): Partial<Record<AnswerState, AnswerPatch>> {
  if (field === undefined) return {};
  const kind = fieldSpec(field)?.kind;
  const [yes, no] = kind === 'flag' ? [true, false] : ['yes', 'no'];
  return { affirmed: { [field]: yes } as AnswerPatch, negated: { [field]: no } as AnswerPatch };
}

function compileEntry(entry: EntryData): CompiledEntry {
  const given = entry.answers ?? {};
  const defaults = defaultAnswers(entry.field);
  // An explicit null in the data means "this reading gives no answer"; absent means "fall back".
  const pick = (state: AnswerState, fallback: AnswerPatch | null): AnswerPatch | null =>
    state in given ? (given[state] ?? null) : (defaults[state] ?? fallback);
  const affirmed = pick('affirmed', null);
  const negated = pick('negated', null);
  const negatedPast = pick('negatedPast', negated);
  const uncertain = pick('uncertain', unknownOf(affirmed));
  const answers: Record<AnswerState, AnswerPatch | null> = {
    affirmed,
    past: pick('past', affirmed),
    negated,
    negatedPast,
    never: pick('never', negatedPast),
    uncertain,
    uncertainPast: pick('uncertainPast', uncertain),
  };
  const compiled: CompiledEntry = {
    id: entry.id,
    overrideCues: (entry.overrideCues ?? []).map((cue) => ({ keys: new Set(cue.words.map(phraseKey)), answers: cue.answers })),
    answers,
  };
  if (entry.requires) compiled.requires = new Set(entry.requires.map(phraseKey));
  if (entry.pastCues) compiled.pastCues = new Set(entry.pastCues.map(phraseKey));
  return compiled;
}

function compile(data: LexiconData): Lexicon {
  const dictionary = new PhraseDictionary<Role>();
  const never = new Set(data.negation.never.map(phraseKey));
  for (const cue of [...data.negation.cues, ...data.negation.never])
    dictionary.add(cue, { kind: 'negation', never: never.has(phraseKey(cue)) });
  for (const cue of data.negation.uncertain) dictionary.add(cue, { kind: 'uncertain' });
  for (const cue of data.negation.breakers) dictionary.add(cue, { kind: 'breaker' });
  for (const word of data.negation.trailing) dictionary.add(word, { kind: 'cue' });
  data.entries.forEach((entry, index) => {
    for (const term of entry.terms) dictionary.add(term, { kind: 'term', entry: index });
    for (const cue of [...(entry.requires ?? []), ...(entry.pastCues ?? []), ...(entry.overrideCues ?? []).flatMap((c) => c.words)]) {
      dictionary.add(cue, { kind: 'cue' });
    }
  });
  const words = (list: string[]) => new Set(list.map((word) => word.toLowerCase()));
  return {
    version: data.version,
    dictionary,
    rules: {
      isNegation: (role) => role.kind === 'negation',
      isBreaker: (role) => role.kind === 'breaker',
      isTerm: (role) => role.kind === 'term',
      scopeEnders: words(data.negation.scopeEnders),
      connectors: words(data.negation.connectors),
      listClosers: words(data.negation.listClosers),
      listContinues: true,
    },
    trailing: new Set(data.negation.trailing.map(phraseKey)),
    entries: data.entries.map(compileEntry),
  };
}

/** Validates a parsed lexicon.json; `file` is only used in error messages. */
export function parseLexicon(raw: unknown, file = lexiconFile): Lexicon {
  return compile(parseKnowledge(lexiconSchema, raw, file, { entries: 'entry' }));
}

/** Loads, validates and precompiles `<dir>/lexicon.json` (default knowledge/safety). */
export function loadLexicon(dir: string = join(knowledgeDir, 'safety')): Lexicon {
  const file = join(dir, lexiconFile);
  return parseLexicon(readJsonFile(file), file);
}

let defaultLexicon: Lexicon | undefined;

function lexiconOrDefault(lexicon: Lexicon | undefined): Lexicon {
  if (lexicon) return lexicon;
  defaultLexicon ??= loadLexicon();
  return defaultLexicon;
}

export interface LexiconMatch {
  entryId: string;
  /** The words as written (normalized), e.g. "roaccutane": which drug or condition was named. */
  words: string;
  state: MentionState;
  answers: AnswerPatch;
}

export interface Extraction {
  answers: AnswerPatch;
  matches: LexiconMatch[];
}

const triRank: Record<string, number> = { no: 0, unknown: 1, yes: 2 };
const statusRank: Record<string, Record<string, number>> = {
  isotretinoin: { never: 0, unknown: 1, stopped: 2, current: 3 },
  lastSession: { never: 0, unknown: 1, done: 2 },
};

/** How cautious a value is: when two mentions disagree, the more cautious one is kept. */
function caution(key: string, value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return triRank[value] ?? 0;
  if (value !== null && typeof value === 'object' && 'status' in value) return statusRank[key]?.[String(value.status)] ?? 0;
  return 0;
}

function merge(into: Record<string, unknown>, answers: AnswerPatch): void {
  for (const [key, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    if (!(key in into) || caution(key, value) > caution(key, into[key])) into[key] = value;
  }
}

/** Structured answers found in free text, with the words that gave each one. */
export function extractAnswersDetailed(text: string, lexicon?: Lexicon): Extraction {
  const { dictionary, rules, trailing, entries } = lexiconOrDefault(lexicon);
  const result = scan(text, dictionary, rules);

  const segmentKeys = new Map<number, Set<string>>();
  const liveCues = new Map<number, Set<string>>(); // cues not directly negated ("haven't stopped")
  const uncertainSegments = new Set<number>();
  for (const hit of result.hits) {
    const keys = segmentKeys.get(hit.segment) ?? new Set<string>();
    keys.add(hit.key);
    segmentKeys.set(hit.segment, keys);
    if (!hit.afterNegation) liveCues.set(hit.segment, (liveCues.get(hit.segment) ?? new Set<string>()).add(hit.key));
    if (hit.roles.some((role) => role.kind === 'uncertain')) uncertainSegments.add(hit.segment);
  }
  // "rosacea: no" - a negation that ends its segment covers the terms before it.
  const trailingNegation = new Map<number, string>();
  let last: Hit<Role> | undefined;
  for (const item of [...result.items, { kind: 'boundary' as const, text: '|' }]) {
    if (item.kind === 'boundary') {
      if (last && trailing.has(last.key)) trailingNegation.set(last.segment, last.key);
      last = undefined;
    } else {
      last = item.kind === 'hit' ? item.hit : undefined;
    }
  }
  const neverKeys = new Set<string>();
  for (const hit of result.hits) {
    if (hit.roles.some((role) => role.kind === 'negation' && role.never)) neverKeys.add(hit.key);
  }

  const answers: Record<string, unknown> = {};
  const matches: LexiconMatch[] = [];
  for (const hit of result.hits) {
    for (const role of hit.roles) {
      if (role.kind !== 'term') continue;
      const entry = entries[role.entry]!;
      const keys = segmentKeys.get(hit.segment) ?? new Set<string>();
      if (entry.requires && ![...entry.requires].some((key) => keys.has(key))) continue;
      const uncertain = uncertainSegments.has(hit.segment);
      const past = entry.pastCues !== undefined && [...entry.pastCues].some((key) => keys.has(key));
      const negatedBy = hit.negatedBy ?? (trailingNegation.get(hit.segment) !== hit.key ? trailingNegation.get(hit.segment) : undefined);
      const cues = liveCues.get(hit.segment) ?? new Set<string>();
      const override = uncertain ? undefined : entry.overrideCues.find((cue) => [...cue.keys].some((key) => cues.has(key)));

      let state: MentionState;
      let found: AnswerPatch | null;
      if (override) {
        state = 'cue';
        found = override.answers;
      } else {
        if (uncertain) state = past ? 'uncertainPast' : 'uncertain';
        else if (negatedBy !== undefined) state = neverKeys.has(negatedBy) ? 'never' : past ? 'negatedPast' : 'negated';
        else state = past ? 'past' : 'affirmed';
        found = entry.answers[state];
      }
      if (found === null) continue;
      matches.push({ entryId: entry.id, words: hit.words, state, answers: found });
      merge(answers, found);
    }
  }
  return { answers: answers as AnswerPatch, matches };
}

/** Structured answers found in free text; fields not mentioned are left out. */
export function extractAnswers(text: string, lexicon?: Lexicon): AnswerPatch {
  return extractAnswersDetailed(text, lexicon).answers;
}
