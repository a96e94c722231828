import {
  assess,
  mostSevere,
  type AfterTreatmentAnswers,
  type Outcome,
  type RuleTable,
  type ScreeningAnswers,
  type SourceTag,
} from '../safety/index.js';
import { read, readablePart, readScreeningAnswers } from '../understanding/reader/index.js';
import { saysAfterTreatment } from '../understanding/intents.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { mergeAnswers, reasonsAgainst, withoutOpenPlaceholders, type PersonContext, type RuleSentence } from './person.js';
import { isFallbackRule, isOpenQuestionsRule, ruleById } from './rule-roles.js';
import type { RuleQuestion } from './routing-schema.js';
import type { KbEntry } from './types.js';

/**
 * One question outside the screening -> one reply that fits what the bot knows of the person
 * (SAFETY-SPEC v1.1 "Questions about safety outside the screening"). Pure: no botbuilder, no I/O;
 * the knowledge base, the rule table and the reference date come in. The order of the checks is
 * the safety order: another treatment is declined before anything shares words with it, a safety
 * rule outranks a general entry, and at home is "no" for anyone with a reason against it.
 */

export interface RuleSource {
  readonly tag: SourceTag;
  /** Neutral: the source's name (sources.json), never a sentence of it. */
  readonly name: string;
  readonly url?: string;
}

export interface RuleReason extends RuleSentence {
  /** True when the rule fired on this person's answers (theirs or the question's); false: "if that applies to you". */
  readonly appliesToPerson: boolean;
}

export type KbReply =
  /** A curated entry; `personal` sentences (the person's own reasons) go first. */
  | { readonly kind: 'entry'; readonly entry: KbEntry; readonly personal?: readonly string[] }
  /** Answered from the rule table: the rules' own sentences and sources. */
  | {
      readonly kind: 'rule';
      /** The question was about micro-needling at home, and the answer is no. */
      readonly atHome: boolean;
      readonly ruleIds: readonly string[];
      /** The rules' sentences, those about this person first. */
      readonly sentences: readonly string[];
      readonly reasons: readonly RuleReason[];
      readonly sources: readonly RuleSource[];
      /** The most severe outcome among the rules. */
      readonly outcome: Outcome;
      /** Suggest a professional consultation (not when a rule ends the service, as for a minor). */
      readonly consultation: boolean;
    }
  /** Another treatment, or off topic: "I only cover micro-needling" and the clinic's contact. */
  | { readonly kind: 'out-of-scope'; readonly topics: readonly string[] }
  /** About micro-needling, but the guide has no confident answer: the caller's fallback. */
  | { readonly kind: 'none' };

export interface AnswerDeps {
  readonly kb: KnowledgeBase;
  readonly rules: RuleTable;
  /** The reference date for dates in answers ("stopped 2 months ago"); the clock is the caller's. Default: now. */
  readonly today?: Date;
}

export type { PersonContext } from './person.js';

/** The statements of a question read one by one ("I'm 16, on roaccutane, can I...?"): a question states a few. */
const MAX_STATED_CLAUSES = 8;

export function answerQuestion(message: string, person: PersonContext, deps: AnswerDeps): KbReply {
  const question = readablePart(message);
  const { kb, rules } = deps;
  const today = deps.today ?? new Date();
  const routing = kb.routing;
  if (question.trim() === '') return { kind: 'none' };

  // In this guide "it" is micro-needling: "what is it good for?" is "what is micro-needling good for?".
  const hit = kb.search(question) ?? (routing.refersBack(question) ? kb.search(routing.resolveReference(question)) : null);
  const topics = routing.outOfScopeTopics(question);
  // A past mention ("used to have eczema") is not a question about the rule; the rules about history fire instead.
  const all = read(question, kb.reader).findings;
  const { answers: said, afterTreatment: afterSaid } = statedAnswers(question, deps.kb, today);
  // After a session ("dark patches since my session"): the after-treatment rules its words fire count too
  const afterFired =
    Object.values(afterSaid).includes('yes') && saysAfterTreatment(question, kb.reader)
      ? assess({ afterTreatment: afterSaid }, today, rules)
          .reasons.map((r) => ruleById(rules, r.ruleId))
          .filter((rule) => rule !== undefined && !isOpenQuestionsRule(rule) && !isFallbackRule(rule))
          .map((rule) => rule!.id)
      : [];
  const answers = mergeAnswers(person.answers, said);
  const firedNow = new Set([...assess(answers, today, rules).reasons.map((r) => r.ruleId), ...afterFired]);
  // What the question's own words fire; every question is open in a one-message reading, so the open-questions rule says nothing.
  const firedBySaid = new Set(
    assess(said, today, rules)
      .reasons.map((r) => ruleById(rules, r.ruleId))
      .filter((rule) => rule !== undefined && !isOpenQuestionsRule(rule) && !isFallbackRule(rule))
      .map((rule) => rule!.id)
      .concat(afterFired),
  );
  if (topics.length > 0) {
    // Only the entry that compares the two treatments may answer, and only a comparison.
    const compared = topics.every((topic) => topic.comparedIn !== undefined && topic.comparedIn === hit?.entry.id);
    if (compared && routing.isComparison(question) && hit) return { kind: 'entry', entry: hit.entry };
    // "pregnant, can I needle my stretch marks?": about micro-needling, and its own words fire a safety rule: answered from that rule
    if (!routing.inDomain(question) || firedBySaid.size === 0) return { kind: 'out-of-scope', topics: topics.map((topic) => topic.id) };
  }

  const findings = all.filter((finding) => !finding.negated && !finding.historical);
  const mentions = (entry: RuleQuestion) => all.filter((f) => !f.negated && (entry.pastCounts || !f.historical));
  // A phrase of the rule says nothing when the reader found its concept only negated or in the past ("I don't have diabetes").
  const ruledOut = (entry: RuleQuestion) =>
    entry.concepts.some((c) => all.some((f) => f.concept === c)) &&
    !entry.concepts.some((c) => mentions(entry).some((f) => f.concept === c));
  const concepts = new Set(findings.map((finding) => finding.concept));
  const bySentence = (concept: string, entry: RuleQuestion) =>
    mentions(entry).some(
      (f) => f.concept === concept && !findings.some((o) => o.sentence === f.sentence && entry.notWith.includes(o.concept)),
    );

  // On the subject: a domain word, a word referring back to it, a clinical term, or words that fire a rule.
  const onTopic = routing.inDomain(question) || routing.refersBack(question) || all.length > 0 || firedBySaid.size > 0;
  if (!onTopic && !routing.rulesByPhrase(question, false).length) return { kind: 'out-of-scope', topics: [] };

  const touched = touchedRules(question, bySentence, ruledOut, firedBySaid, onTopic, deps).filter(
    (entry) => entry.general || firedNow.has(entry.rule),
  );
  const atHome = routing.ruleQuestions.atHome.concepts.some((concept) => concepts.has(concept)) || routing.atHomeByPhrase(question);
  const forPerson = reasonsAgainst(answers, person, rules, today);
  const touchedReasons = reasonsFor(touched, forPerson, firedNow, deps);

  if (atHome) {
    const all = union(
      forPerson.map((r) => ({ ...r, appliesToPerson: true })),
      touchedReasons,
    );
    if (all.length > 0) return ruleReply(all, true, deps);
    const entry = kb.entryById(routing.ruleQuestions.atHome.entry);
    if (entry) return { kind: 'entry', entry };
  }
  if (touchedReasons.length > 0) {
    // For this person, the rules that apply to them; otherwise each rule "if that applies to you".
    const applying = touchedReasons.filter((r) => r.appliesToPerson);
    return ruleReply(applying.length > 0 ? applying : touchedReasons, false, deps);
  }
  if (hit) {
    // Only what the person said counts here, not what a question names ("I had it yesterday, is redness normal?").
    const own = reasonsAgainst(person.answers, person, rules, today).map((r) => r.sentence);
    return own.length > 0 ? { kind: 'entry', entry: hit.entry, personal: own } : { kind: 'entry', entry: hit.entry };
  }
  return { kind: 'none' };
}

/** Rules the question is about: by a concept the reader found, by a phrase, or because its own words fire the rule. */
function touchedRules(
  question: string,
  found: (concept: string, entry: RuleQuestion) => boolean,
  ruledOut: (entry: RuleQuestion) => boolean,
  firedBySaid: ReadonlySet<string>,
  onTopic: boolean,
  { kb }: AnswerDeps,
): RuleQuestion[] {
  const byPhrase = new Set(kb.routing.rulesByPhrase(question, onTopic));
  return kb.routing.ruleQuestions.rules.filter(
    (entry) =>
      (byPhrase.has(entry) && !ruledOut(entry)) ||
      entry.concepts.some((c) => found(c, entry)) ||
      (entry.whenItFires && firedBySaid.has(entry.rule)),
  );
}

/**
 * What the question states about the person. The reader takes a whole message that ends in "?"
 * as a question, so "I'm on accutane, can I use a roller?" reads as "not sure"; each clause that
 * is a statement is read on its own as well, and what it states definitely counts.
 */
function statedAnswers(
  question: string,
  kb: KnowledgeBase,
  today: Date,
): { answers: ScreeningAnswers; afterTreatment: AfterTreatmentAnswers } {
  const read = (text: string) => readScreeningAnswers(text, kb.reader, { referenceDate: today });
  const whole = read(question);
  const clauses = question
    .split(/[,;:]|(?<=[.!?])\s+/)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0 && !clause.endsWith('?'))
    .slice(0, MAX_STATED_CLAUSES);
  if (clauses.length < 2 && clauses[0] === question.trim()) return { answers: whole.answers, afterTreatment: whole.afterTreatment };
  const readings = clauses.map(read);
  // a sign a clause states ("I've got dark patches since my session, what do I do?") outranks the question's "not sure"
  const afterTreatment: Record<string, unknown> = { ...whole.afterTreatment };
  for (const reading of readings)
    for (const [field, value] of Object.entries(reading.afterTreatment))
      if (value === 'yes' || afterTreatment[field] === undefined) afterTreatment[field] = value;
  return {
    answers: readings.reduce((answers, reading) => mergeAnswers(answers, reading.answers), whole.answers),
    afterTreatment: afterTreatment as AfterTreatmentAnswers,
  };
}

function reasonsFor(
  touched: readonly RuleQuestion[],
  forPerson: readonly RuleSentence[],
  firedNow: ReadonlySet<string>,
  { rules }: AnswerDeps,
): RuleReason[] {
  const reasons: RuleReason[] = [];
  for (const { rule: id } of touched) {
    const rule = ruleById(rules, id);
    if (!rule || isOpenQuestionsRule(rule) || reasons.some((r) => r.ruleId === id)) continue;
    const own = forPerson.find((r) => r.ruleId === id);
    const sentence = own?.sentence ?? withoutOpenPlaceholders(rule.sentence);
    if (sentence) reasons.push({ ruleId: id, sentence, appliesToPerson: own !== undefined || firedNow.has(id) });
  }
  return reasons;
}

function union(first: readonly RuleReason[], second: readonly RuleReason[]): RuleReason[] {
  return [...first, ...second.filter((r) => !first.some((f) => f.ruleId === r.ruleId))];
}

function ruleReply(reasons: readonly RuleReason[], atHome: boolean, { kb, rules }: AnswerDeps): KbReply {
  const ordered = [...reasons.filter((r) => r.appliesToPerson), ...reasons.filter((r) => !r.appliesToPerson)];
  const tableRules = ordered.map((r) => ruleById(rules, r.ruleId)!);
  const tags = [...new Set(tableRules.flatMap((rule) => rule.sources))];
  return {
    kind: 'rule',
    atHome,
    ruleIds: ordered.map((r) => r.ruleId),
    sentences: ordered.map((r) => r.sentence),
    reasons: ordered,
    sources: tags.map((tag) => sourceOf(tag, kb)),
    outcome: mostSevere(tableRules.map((rule) => rule.outcome)) ?? 'clinician-review',
    consultation: !tableRules.some((rule) => rule.endsCheck === true),
  };
}

function sourceOf(tag: SourceTag, kb: KnowledgeBase): RuleSource {
  if (tag === 'A') return { tag, name: kb.sources.article.shortName };
  const spec = kb.sources.specSources.find((s) => s.id === tag);
  return spec?.url !== undefined ? { tag, name: spec.name, url: spec.url } : { tag, name: spec?.name ?? tag };
}

export type { ScreeningAnswers };
