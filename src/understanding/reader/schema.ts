import { z } from 'zod';
import { phraseWords } from './normalize.js';

/**
 * The shape of the reader's data files, knowledge/<locale>/terminology.json (what things are
 * called) and knowledge/<locale>/reader-triggers.json (the words that change what a mention
 * means: negation, history, someone else...). Checked when loaded, never trusted.
 */

/** A phrase the matcher can use: at least one word; "*" only ends a word of 3+ letters. */
export const phraseSchema = z.string().superRefine((value, context) => {
  const words = phraseWords(value);
  if (words.length === 0) context.addIssue({ code: 'custom', message: `phrase ${JSON.stringify(value)} has no words` });
  for (const word of words) {
    if (word.includes('*') && (!word.endsWith('*') || word.indexOf('*') !== word.length - 1 || word.length < 4)) {
      context.addIssue({ code: 'custom', message: `phrase ${JSON.stringify(value)}: "*" goes at the end of a word of at least 3 letters` });
    }
  }
});
const phrases = z.array(phraseSchema);
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'ids are lower-case words joined by "-"' });

export const conceptKinds = ['screening', 'sign', 'after', 'concern', 'context', 'qualifier', 'area', 'answer'] as const;
export const historyModes = ['over', 'counts', 'open'] as const;

/** How a concept answers a screening field (see answers in src/safety/answers.ts). */
const answerSchema = z.strictObject({
  field: z.string().min(1),
  /** yes: the field's yes; unknown: a mention only opens the question ("a mole"); no: it says no ("aspirin now and then"). */
  affirmed: z.enum(['yes', 'unknown', 'no']).default('yes'),
  /** A historical, finished mention: over -> no, counts -> yes (keloids), open -> unknown. */
  history: z.enum(historyModes).default('over'),
  /** Concepts that, in the same sentence, answer the field instead ("allergic to penicillin" is not "allergies?"). */
  yieldsTo: z.array(id).optional(),
});

export const conceptSchema = z
  .strictObject({
    id,
    kind: z.enum(conceptKinds),
    comment: z.string().optional(),
    terms: phrases.default([]),
    brands: phrases.optional(),
    generics: phrases.optional(),
    misspellings: phrases.optional(),
    forms: phrases.optional(),
    /** One phrase of every group in the same sentence ("lips" + "massive"). */
    together: z.array(phrases.min(1)).min(2).optional(),
    /** false: exact words only (drug names that differ by one letter from other drugs). */
    fuzzy: z.boolean().default(true),
    answers: z.array(answerSchema).optional(),
  })
  .refine((concept) => concept.terms.length + (concept.together?.length ?? 0) > 0, { message: 'give "terms" or "together"' });

const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^R-RF-[A-Z0-9-]+$/, { message: 'red-flag rule ids look like R-RF-WORD' }),
    outcome: z.enum(['emergency', 'urgent']),
    anyOf: z.array(id).min(1).optional(),
    /** Each item is a concept id, or a list of ids of which any one will do. */
    allOf: z
      .array(z.union([id, z.array(id).min(1)]))
      .min(1)
      .optional(),
    /** The after-treatment answer field this rule's signs answer. */
    field: z.string().min(1),
  })
  .refine((rule) => (rule.anyOf === undefined) !== (rule.allOf === undefined), { message: 'give exactly one of "anyOf" or "allOf"' });

export const terminologySchema = z
  .strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
    locale: z.string().min(2),
    comment: z.string().optional(),
    concepts: z.array(conceptSchema).min(1),
    redFlags: z.strictObject({
      rules: z.array(ruleSchema).min(1),
      /** Signs that, said with a mild degree ("a bit swollen"), are the normal reaction instead. */
      mildIsNotASign: z.record(id, id),
      /** A symptom said with a severe degree ("really painful") is this sign. */
      severeBecomes: z.record(id, id),
    }),
  })
  .superRefine((data, context) => {
    const ids = new Set<string>();
    data.concepts.forEach((concept, index) => {
      if (ids.has(concept.id))
        context.addIssue({ code: 'custom', path: ['concepts', index, 'id'], message: `duplicate concept id "${concept.id}"` });
      ids.add(concept.id);
    });
    const known = (value: string, path: (string | number)[]) => {
      if (!ids.has(value)) context.addIssue({ code: 'custom', path, message: `no concept with id "${value}"` });
    };
    data.redFlags.rules.forEach((rule, index) => {
      const key = rule.anyOf ? 'anyOf' : 'allOf';
      (rule.anyOf ?? rule.allOf ?? []).forEach((item, position) => {
        for (const value of typeof item === 'string' ? [item] : item) known(value, ['redFlags', 'rules', index, key, position]);
      });
    });
    for (const [from, to] of [...Object.entries(data.redFlags.mildIsNotASign), ...Object.entries(data.redFlags.severeBecomes)]) {
      known(from, ['redFlags', from]);
      known(to, ['redFlags', from]);
    }
    data.concepts.forEach((concept, index) => {
      concept.answers?.forEach((answer, position) => {
        for (const other of answer.yieldsTo ?? []) known(other, ['concepts', index, 'answers', position, 'yieldsTo']);
      });
    });
  });

export const triggerFlags = [
  'negated',
  'never',
  'historical',
  'hypothetical',
  'question',
  'other',
  'mild',
  'severe',
  'uncertain',
  'habitual',
] as const;
export type TriggerFlag = (typeof triggerFlags)[number];
export const boundaryKinds = ['weak', 'question', 'label'] as const;

export const triggerSchema = z.strictObject({
  id,
  comment: z.string().optional(),
  flags: z.array(z.enum(triggerFlags)).min(1),
  direction: z.enum(['forward', 'backward', 'both']),
  /** How many words the trigger reaches (ConText's scope). */
  scope: z.number().int().min(1).max(60),
  phrases: phrases.min(1),
  /** Only the nearest mention in each direction ("a bit red and my lips swell": "a bit" is about red). */
  nearestOnly: z.boolean().default(false),
  /** Only at the start of a sentence ("is it painful" is a question, "it is painful" is not). */
  sentenceStart: z.boolean().default(false),
  /** Reaches over a comma into a list that closes with "or"/"nor" ("no eczema, rosacea or psoriasis"). */
  listContinues: z.boolean().default(false),
  /** Reaches over a comma forward (someone else: "my mum has diabetes, eczema and psoriasis"). */
  crossesComma: z.boolean().default(false),
  /** Alone in its clause, it reaches back over these boundaries ("fever? no", "fever: none", "swollen, just a bit"). */
  crossesBack: z.array(z.enum(boundaryKinds)).default([]),
});

export const readerTriggersSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
  locale: z.string().min(2),
  comment: z.string().optional(),
  triggers: z.array(triggerSchema).min(1),
  /** Words that end every scope ("but"), and words that end the scope of one flag ("and" for negation, "I" for someone else). */
  terminators: z.strictObject({ all: phrases, byFlag: z.partialRecord(z.enum(triggerFlags), phrases) }),
  /** Phrases that contain a trigger or a concept word but are neither ("not only", "hay fever"). */
  pseudo: phrases,
  /** Words that say the sentence is about the person ("I", "my"): a question with them may be about now. */
  selfWords: phrases,
  /** Typed forms mapped to the form the terminology uses ("cnat" -> "cant"). */
  variants: z.record(z.string().regex(/^[a-z0-9]+$/, { message: 'a variant is one folded word' }), z.string().min(1)),
  /** Words that carry no content: never reported as unplaced, never corrected as typos. */
  fillerWords: z.array(z.string().regex(/^[a-z0-9]+$/)),
  answers: z.strictObject({
    yes: phrases.min(1),
    no: phrases.min(1),
    unsure: phrases.min(1),
    agree: phrases.min(1),
    decline: phrases.min(1),
  }),
  numbers: z.strictObject({
    words: z.record(z.string(), z.number()),
    temperatureWords: phrases.min(1),
    celsiusUnits: z.array(z.string()).min(1),
    fahrenheitUnits: z.array(z.string()).min(1),
    degreeUnits: z.array(z.string()).min(1),
    /** The concept a measured fever is (a temperature at or above the thresholds). */
    feverConcept: id,
    feverCelsius: z.number(),
    feverFahrenheit: z.number(),
    /** Days per unit word. */
    durationUnits: z.record(z.string(), z.number().positive()),
    durationDirections: z.record(z.string(), z.enum(['ago', 'after', 'for'])),
    approximate: phrases,
    /** "nearly 18", "not 18 yet", "turning 18": the person is younger than the number. */
    youngerThan: phrases,
    /** "17 and a half", "over 18": the number is a lower bound. */
    atLeast: phrases,
    ageMarkers: phrases,
    /** "18 next month": after the number, younger than it. */
    youngerAfter: phrases,
  }),
});

export type TerminologyData = z.output<typeof terminologySchema>;
export type ConceptData = TerminologyData['concepts'][number];
export type ReaderTriggersData = z.output<typeof readerTriggersSchema>;
export type TriggerData = ReaderTriggersData['triggers'][number];
