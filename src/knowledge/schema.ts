import { z } from 'zod';

/**
 * Zod schemas for the files under knowledge/kb/. Clinicians edit those files, so the schemas are
 * strict (a misspelt field is an error, not silently ignored) and carry the content rules that
 * SAFETY-SPEC.md and the product impose, so a bad edit stops the start instead of reaching a person.
 */

/** Fixed: dialogs, the assessment.completed event and concerns.json all use these ids. */
export const CONCERN_IDS = ['fine-lines-wrinkles', 'acne-scars', 'sun-damage-pigmentation', 'sagging', 'large-pores'] as const;
export type ConcernId = (typeof CONCERN_IDS)[number];

/** The non-article sources of SAFETY-SPEC.md: device labelling, FDA, NHS. */
export const SPEC_SOURCE_IDS = ['L', 'F', 'N'] as const;
export type SpecSourceId = (typeof SPEC_SOURCE_IDS)[number];

/** SAFETY-SPEC.md: the bot never says a person is eligible, safe or cleared, and never promises. */
export const FORBIDDEN_ANSWER_WORDS = /\b(eligible|safe|safely|cleared|guaranteed|no downtime)\b/i;

/** Teams shows at most 20 citations, a title of 80 and an abstract of 160 characters. */
export const LIMITS = { citations: 20, citationName: 80, citationAbstract: 160 } as const;

/** A chat bubble: at least two sentences (an answer plus the hand-over), at most five. */
export const ANSWER_SENTENCES = { min: 2, max: 5 } as const;

export function countSentences(text: string): number {
  return text
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .filter((s) => s.length > 0).length;
}

const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const version = z.string().min(1);
const comment = z.string().optional();

export const concernIdSchema = z.enum(CONCERN_IDS);

const articleCitationSchema = z.strictObject({
  kind: z.literal('article'),
  /** The section heading line of the article, verbatim (kb:verify checks it). */
  heading: z.string().trim().min(1).max(120),
  /** A short verbatim quote (typos included); it is the citation's abstract, hence the limit. */
  quote: z.string().trim().min(8).max(LIMITS.citationAbstract),
});

const specSourceCitationSchema = z.strictObject({
  kind: z.literal('spec-source'),
  source: z.enum(SPEC_SOURCE_IDS),
  /** Our own summary of what the source supports: not a quote, never presented as one. */
  supports: z.string().trim().min(8).max(LIMITS.citationAbstract),
});

export const citationDataSchema = z.discriminatedUnion('kind', [articleCitationSchema, specSourceCitationSchema]);
export type CitationData = z.infer<typeof citationDataSchema>;

const answerSchema = z
  .string()
  .trim()
  .min(40)
  .max(700, 'keep answers short: a chat bubble')
  .refine((s) => !FORBIDDEN_ANSWER_WORDS.test(s), {
    message: 'must not say eligible, safe, cleared, guaranteed or "no downtime" (SAFETY-SPEC.md)',
  })
  .refine((s) => !/\[\d+\]/.test(s), { message: 'citation markers like [1] are added by the bot, not written here' })
  .refine(
    (s) => {
      const n = countSentences(s);
      return n >= ANSWER_SENTENCES.min && n <= ANSWER_SENTENCES.max;
    },
    { message: `must have ${ANSWER_SENTENCES.min} to ${ANSWER_SENTENCES.max} sentences` },
  );

/** Answers built from another file at load, so a list kept elsewhere is never copied by hand. */
export const GENERATED_ANSWERS = ['contraindications'] as const;
export type GeneratedAnswer = (typeof GENERATED_ANSWERS)[number];

export const entryDataSchema = z
  .strictObject({
    id: kebabId,
    /** Shown in the topic list and as the entry's name; short. */
    title: z.string().trim().min(3).max(80),
    concerns: z.array(concernIdSchema),
    /** Ways a person might ask for this entry; they feed retrieval, and each must be answered by this entry. */
    questions: z.array(z.string().trim().min(3)).min(3),
    answer: answerSchema.optional(),
    /** Instead of `answer`: "contraindications" is generated from the safety rule table (knowledge/safety/rules.json). */
    answerFrom: z.enum(GENERATED_ANSWERS).optional(),
    citations: z.array(citationDataSchema).min(1).max(LIMITS.citations),
    /**
     * Advisory notes of the rule table (N-...) this answer already says in its own words: where
     * the result gives this answer, it does not say those notes again beside it.
     */
    saysNotes: z.array(z.string().regex(/^N-[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'note ids look like N-WORD-WORD' })).optional(),
  })
  .refine((entry) => (entry.answer === undefined) !== (entry.answerFrom === undefined), {
    message: 'give exactly one of "answer" or "answerFrom"',
    path: ['answer'],
  });
export type EntryData = z.infer<typeof entryDataSchema>;

export const entriesFileSchema = z.strictObject({
  $comment: comment,
  version,
  entries: z.array(entryDataSchema).min(1),
});

const concernSchema = z.strictObject({
  id: concernIdSchema,
  /** What a person reads, e.g. on a button. */
  label: z.string().trim().min(3).max(60),
  synonyms: z.array(z.string().trim().min(2)).min(1),
  adviceEntryId: kebabId,
});

export const concernsFileSchema = z
  .strictObject({ $comment: comment, version, generalAdviceEntryId: kebabId, concerns: z.array(concernSchema) })
  .superRefine((file, ctx) => {
    // Every fixed concern exactly once: a dialog offering a concern with no advice is a dead end.
    for (const id of CONCERN_IDS) {
      const count = file.concerns.filter((c) => c.id === id).length;
      if (count !== 1) {
        ctx.addIssue({ code: 'custom', path: ['concerns'], message: `concern "${id}" must appear exactly once (found ${count})` });
      }
    }
  });
export type ConcernData = z.infer<typeof concernSchema>;

/**
 * A citation label must be neutral: the source and a section name of our own, never the article's
 * sales heading ("Micro-needling produces instant results:") nor any of its overclaims.
 */
const articleSectionSchema = z.strictObject({
  /** The article's heading line, verbatim (kb:verify checks it is a line of the article). */
  heading: z.string().trim().min(1).max(120),
  /** The neutral section name shown in citation labels, e.g. "Results". */
  label: z.string().trim().min(2).max(40),
});

const contradictedSchema = z.strictObject({
  /** A verbatim passage of the article that the guide does not repeat, because it says the opposite. */
  quote: z.string().trim().min(8),
  because: z.string().trim().min(8),
});

export const sourcesFileSchema = z.strictObject({
  $comment: comment,
  version,
  article: z
    .strictObject({
      title: z.string().trim().min(1),
      shortName: z.string().trim().min(1).max(40),
      file: z.string().trim().min(1),
      sections: z.array(articleSectionSchema).min(1),
      /** Phrases of the article's that no label or answer may repeat ("instant results", "no downtime"). */
      overclaims: z.array(z.string().trim().min(3)).min(1),
      contradicted: z.array(contradictedSchema),
    })
    .superRefine((article, ctx) => {
      article.sections.forEach((section, i) => {
        const claim = overclaimIn(section.label, article.overclaims);
        if (claim !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['sections', i, 'label'], message: `a label must be neutral, not "${claim}"` });
        }
      });
    }),
  specSources: z.array(
    z.strictObject({
      id: z.enum(SPEC_SOURCE_IDS),
      name: z.string().trim().min(1).max(LIMITS.citationName),
      url: z.url().optional(),
    }),
  ),
});
export type SourcesData = z.infer<typeof sourcesFileSchema>;

/** The first overclaim phrase a text repeats (case, punctuation and spacing ignored), if any. */
export function overclaimIn(text: string, overclaims: readonly string[]): string | undefined {
  const flat = (t: string) =>
    ` ${t
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()} `;
  const haystack = flat(text);
  return overclaims.find((claim) => haystack.includes(flat(claim)));
}
