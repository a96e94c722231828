import { z } from 'zod';

/**
 * Zod schemas for the two files that route a question before retrieval: which safety rule a
 * question touches (rule-questions.json) and what is not micro-needling (scope.json). They are
 * data so that a clinician changes what the bot treats as a safety question without TypeScript.
 */

const comment = z.string().optional();
const phrases = z.array(z.string().trim().min(2));
const conceptIds = z.array(z.string().trim().min(1));

export const ruleQuestionSchema = z
  .strictObject({
    $comment: comment,
    /** A rule id of knowledge/safety/rules.json. */
    rule: z.string().regex(/^R-[A-Z0-9]+(-[A-Z0-9]+)*$/),
    /** Terminology concepts (knowledge/<locale>/terminology.json) that, mentioned and not negated, mark a question about the rule. */
    concepts: conceptIds,
    /** Concepts that, found in the same sentence, mean the mention is about them instead ("acne" in "scars from old acne"). */
    notWith: conceptIds.default([]),
    /** A past mention counts ("I came off warfarin last week", "I had melanoma"): the rule is about history too. */
    pastCounts: z.boolean().default(false),
    /** Words or phrases that mark it too, where the terminology has no concept ("age limit"). */
    phrases,
    /** Everyday words that mark it only in a question already on the subject ("how old", "again"). */
    contextPhrases: phrases.default([]),
    /** The rule firing on the question's own words ("I'm 16, ...") marks a question about it. */
    whenItFires: z.boolean().default(false),
    /** The rule's sentence may be said to anyone ("if that applies to you"); false when it is worded about a person it fired for. */
    general: z.boolean().default(true),
    /** Questions that must be answered from this rule; each one is a test. */
    examples: z.array(z.string().trim().min(3)).min(1),
  })
  .refine((entry) => entry.concepts.length + entry.phrases.length + entry.contextPhrases.length > 0 || entry.whenItFires, {
    message: 'needs concepts, phrases or whenItFires, or no question can touch the rule',
  });
export type RuleQuestion = z.output<typeof ruleQuestionSchema>;

export const ruleQuestionsFileSchema = z.strictObject({
  $comment: comment,
  version: z.string().min(1),
  /** What marks a question about micro-needling at home. */
  atHome: z.strictObject({
    concepts: conceptIds,
    phrases,
    /** The entry for someone with no reason against it (SAFETY-SPEC N-DIY: only with an expert's advice). */
    entry: z.string().min(1),
    examples: z.array(z.string().trim().min(3)).min(1),
  }),
  rules: z.array(ruleQuestionSchema).min(1),
});
export type RuleQuestionsData = z.output<typeof ruleQuestionsFileSchema>;

export const scopeFileSchema = z.strictObject({
  $comment: comment,
  version: z.string().min(1),
  /** Other treatments and topics: a question about one is declined, never answered with an entry that shares words. */
  outOfScope: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
        phrases: phrases.min(1),
        /** The one entry that compares micro-needling with this treatment; it may answer, nothing else may. */
        comparedIn: z.string().optional(),
        examples: z.array(z.string().trim().min(3)).min(1),
      }),
    )
    .min(1),
  /** Words that make a question a comparison ("better than", "vs"): only then may a comparedIn entry answer. */
  comparison: phrases.min(1),
  /** Words that refer back to the subject of the conversation ("does it hurt?"). */
  refersBack: phrases.min(1),
  /** What they refer to, for retrieval: "what is it good for?" is asked about this. */
  subject: z.string().trim().min(2),
  /** Words that put a question inside the guide's subject: with none of them (and no clinical concept), an unanswered question is off topic. */
  domain: phrases.min(1),
});
export type ScopeData = z.output<typeof scopeFileSchema>;
