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

/** What a part of a sign is, for the clinician reading the file: where, what changed, which function and its trouble. */
export const partRoles = ['site', 'change', 'speed', 'function', 'trouble', 'finding'] as const;

/**
 * A named list of words for one part of a sign ("lips, tongue, throat" is a site; "swollen,
 * puffed up, ballooned" a change), shared by the signs built from it.
 */
export const signPartSchema = z.strictObject({
  id,
  role: z.enum(partRoles),
  comment: z.string().optional(),
  words: phrases.min(1),
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
    /**
     * A sign built from parts (signParts ids): one word of each item, in any order, in one
     * clause and at most `within` words apart; an item that is a list takes any of its parts.
     */
    parts: z
      .array(z.union([id, z.array(id).min(1)]))
      .min(2)
      .optional(),
    /** How many words may stand between the first and the last part (default: partWindow). */
    within: z.number().int().min(0).max(30).optional(),
    /** false: exact words only (drug names that differ by one letter from other drugs). */
    fuzzy: z.boolean().default(true),
    answers: z.array(answerSchema).optional(),
  })
  .refine((concept) => concept.terms.length + (concept.together?.length ?? 0) + (concept.parts?.length ?? 0) > 0, {
    message: 'give "terms", "together" or "parts"',
  })
  .refine((concept) => concept.together === undefined || concept.parts === undefined, { message: 'give "together" or "parts", not both' });

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
    /** The parts signs are built from (a site, a change, a function, its trouble...). */
    signParts: z.array(signPartSchema).default([]),
    /** How many words may stand between the first and the last part of a composite, unless a concept says. */
    partWindow: z.number().int().min(0).max(30).default(8),
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
    const partIds = new Set<string>();
    data.signParts.forEach((part, index) => {
      if (partIds.has(part.id) || ids.has(part.id))
        context.addIssue({ code: 'custom', path: ['signParts', index, 'id'], message: `duplicate id "${part.id}"` });
      partIds.add(part.id);
    });
    data.concepts.forEach((concept, index) => {
      concept.parts?.forEach((item, position) => {
        for (const part of typeof item === 'string' ? [item] : item)
          if (!partIds.has(part))
            context.addIssue({ code: 'custom', path: ['concepts', index, 'parts', position], message: `no sign part "${part}"` });
      });
    });
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
  /** Takes a negation back ("no fever lol jk"): the mention is not sure, never "no". */
  'reversed',
] as const;
export type TriggerFlag = (typeof triggerFlags)[number];
export const boundaryKinds = ['weak', 'question', 'label', 'strong'] as const;

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
  /** Only as the last word of its clause ("the swelling has gone", not "my sight's gone weird"). */
  endsClause: z.boolean().default(false),
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
  /** People other than the writer ("sister", "son"): "my sister's eye", "my 12 year old son" are about them. */
  people: phrases.min(1),
  /**
   * Whose a thing is: a person word or a name with this ending ("sister's", "Sam's") opens the
   * scope of `trigger` (someone else), as "my sister" does.
   */
  possessive: z.strictObject({ trigger: id, ending: z.string().regex(/^[a-z]+$/) }),
  /**
   * Words of the body and of feeling unwell (a broad list, recall first): a message the reader
   * cannot fully place that holds one is asked about as a warning sign (SAFETY-SPEC v1.2).
   */
  bodyWords: phrases.min(1),
  /** Words that say the sentence is about the person ("I", "my"): a question with them may be about now. */
  selfWords: phrases,
  /** Typed forms mapped to the form the terminology uses ("cnat" -> "cant"). */
  variants: z.record(z.string().regex(/^[a-z0-9]+$/, { message: 'a variant is one folded word' }), z.string().min(1)),
  /** Words that carry no content: never reported as unplaced, never corrected as typos. */
  fillerWords: z.array(z.string().regex(/^[a-z0-9]+$/)),
  /**
   * A double negative: a mention reached by a negation of `first` and, after it, one of `second`
   * ("I don't have no fever", "not no swelling") is not sure, never "no" (SAFETY-SPEC v1.2).
   */
  doubleNegation: z.strictObject({ first: phrases.min(1), second: phrases.min(1) }),
  /**
   * A time given as a stage of life ("as a teen", "as a student"): a past date, the end of the
   * stage, counted from the person's age (SAFETY-SPEC v1.2); without an age, "not sure".
   */
  lifeStages: z.array(z.strictObject({ phrases: phrases.min(1), endsAtAge: z.number().int().positive() })),
  /** Words that close a list a negation reaches into over commas ("no eczema, rosacea or psoriasis"). */
  listClosers: z.array(z.string().regex(/^[a-z]+$/)).min(1),
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
    /** Words inside one number written in words ("a hundred and one", "thirty eight point five"). */
    joiners: z.array(z.string().regex(/^[a-z]+$/)),
    /** "a couple of weeks": between a number and its unit. */
    unitJoiners: z.array(z.string().regex(/^[a-z]+$/)),
    /** Counts that are never exact ("a few", "a couple", "several" weeks). */
    approximateCounts: z.array(z.string().regex(/^[a-z]+$/)),
    /** Articles that start a number written in words ("a hundred", "a couple"). */
    articles: z.array(z.string().regex(/^[a-z]+$/)),
    /** A measured pulse or heart rate: words before the number, units after it. */
    pulseWords: phrases.min(1),
    pulseUnits: phrases.min(1),
    /** The concept a pulse above `racingHeartAbove` a minute is (SAFETY-SPEC v1.2). */
    racingHeartConcept: id,
    racingHeartAbove: z.number().positive(),
    /** Units of a dose ("20 mg"), a measure ("5 ft 4") or a count that make a number no age. */
    doseUnits: phrases.min(1),
    measureUnits: phrases.min(1),
    /** Seasons as [first month, last month] (winter runs into the new year), with the words before them ("last summer"). */
    seasons: z.record(z.string().regex(/^[a-z]+$/), z.tuple([z.number().int().min(1).max(12), z.number().int().min(1).max(12)])),
    seasonOpeners: phrases.min(1),
    /** Openers that mean the season is over ("last summer"). */
    seasonsOver: z.array(z.string()).min(1),
    /** Days of the week: a message with one may hold a date ("last tuesday"). */
    dayNames: z.array(z.string().regex(/^[a-z]+$/)).min(1),
    /** Words that name one day ("yesterday", "last night"): an exact date. */
    exactDays: phrases.min(1),
    /** "19th", "3rd": a day of a month, never an age. */
    ordinalSuffixes: z.array(z.string().regex(/^[a-z]+$/)).min(1),
    /** Month names: a number beside one is a date. */
    monthWords: phrases.min(1),
    /** A year is a birth year only with one of these near ("born in 1990"). */
    birthWords: phrases.min(1),
    /** "when I was 15", "at 13": an age in a story, not the person's age now. */
    pastAgeMarkers: phrases.min(1),
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

/** knowledge/<locale>/retrieval.json: how the guide's retrieval reads a question (src/knowledge/text.ts). */
const word = z.string().regex(/^[a-z0-9]+$/, { message: 'one folded word' });
export const retrievalSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
  locale: z.string().min(2),
  comment: z.string().optional(),
  /** Words that carry no meaning for finding an entry: grammar, politeness, question framing. */
  stopWords: z.array(word).min(1),
  /** A word and what retrieval reads it as (brand names as the generic, UK and US spellings, typos). */
  synonyms: z.record(word, z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/)),
  /** Every word starting with one of `starts` is `word` ("microneedeling" is "microneedling"). */
  families: z.array(z.strictObject({ word, starts: z.array(word).min(1) })),
  /** Two words written apart that are one ("micro needling", "derma roller"). */
  joins: z.array(z.strictObject({ first: z.array(word).min(1), next: z.array(word).min(1) })),
  /** Phrases after which a marker word is added ("who can't" -> "contraindication"). */
  markers: z.array(z.strictObject({ phrases: z.array(z.string().min(1)).min(1), adds: word })),
  genericWords: z.array(word),
  treatmentWords: z.array(word).min(1),
  sharedByAll: z.array(word),
});
export type RetrievalData = z.output<typeof retrievalSchema>;

/**
 * Kinds of answer to an instruction, most specific first: "can't I wait until tomorrow, it's
 * probably fine" is answered as waiting, "do I really need to call" as the question it is.
 */
export const pushbacks = ['wait', 'refuse', 'needToCall', 'selfCare', 'doubt', 'acting', 'thanks'] as const;

/** knowledge/<locale>/conversation.json: everyday words of the conversation that are not clinical reading. */
const commandNames = ['help', 'cancel', 'startOver', 'whatDoYouKnow', 'forgetMe', 'human'] as const;
export const conversationSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
  locale: z.string().min(2),
  comment: z.string().optional(),
  /** Whole-message commands; a phrase ending in " *" may be followed by anything ("connect me to the team"). */
  commands: z.strictObject(
    Object.fromEntries(commandNames.map((name) => [name, z.array(z.string().min(1)).min(1)])) as Record<
      (typeof commandNames)[number],
      z.ZodArray<z.ZodString>
    >,
  ),
  /** Words before a question opener that keep it a question ("so can I...", "ok is it painful"). */
  questionLeadIns: phrases,
  /** Other ways of saying a button's title, by the title's string key: typed, they pick that button ("thats all" for "No others"). */
  choiceAliases: z.record(z.string(), phrases),
  /** Words around a command that change nothing ("please forget me"). */
  politeness: z.array(word),
  /**
   * "I had it done yesterday and my face is red": `had` then, later, a procedure or `done`; or
   * `after` (an article) and a procedure; with a sign the reader finds or a skin word.
   */
  treatmentReport: z.strictObject({
    had: phrases.min(1),
    done: phrases.min(1),
    after: phrases.min(1),
    articles: z.array(word),
    procedures: phrases.min(1),
    skinWords: phrases,
  }),
  /** Where the person thinks of treatment. */
  goal: z.strictObject({ unsure: phrases.min(1), clinic: phrases.min(1), home: phrases.min(1) }),
  /** How deep wrinkles or scars are; a negation (with a softener) before a depth word takes it away. */
  depth: z.strictObject({
    negations: z.array(word).min(1),
    softeners: z.array(word),
    deep: phrases.min(1),
    shallow: phrases.min(1),
    both: phrases.min(1),
  }),
  /**
   * What a person may say back to an emergency or urgent instruction, each answered in its own
   * words (src/understanding/pushback.ts): a phrase anywhere in the message; the first kind in
   * the order of `pushbacks` that matches is the one answered.
   */
  underInstruction: z.strictObject(
    Object.fromEntries(pushbacks.map((name) => [name, phrases.min(1)])) as Record<
      (typeof pushbacks)[number],
      z.ZodArray<typeof phraseSchema>
    >,
  ),
});
export type ConversationData = z.output<typeof conversationSchema>;
export type Command = (typeof commandNames)[number];
export type Pushback = (typeof pushbacks)[number];
