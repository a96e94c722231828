import type { Finding, Reader, Reading } from './read.js';
import { read } from './read.js';
import { isCutShort, readablePart } from './limit.js';
import { signPassages } from './unread-rest.js';

/**
 * The red-flag policy of SAFETY-SPEC v1.1 on top of a reading: a sign affirmed, about the
 * person and current escalates at once; a sign that is only perhaps theirs and current asks
 * one confirmation question; a sign negated, someone else's or a hypothetical does nothing.
 */

export type RedFlagOutcome = 'emergency' | 'urgent';
export type NotEscalatedBecause = 'negated' | 'other' | 'hypothetical' | 'question' | 'historical' | 'uncertain' | 'habitual' | 'mild';

export interface RedFlagConfirmation {
  /** What a "yes" to "Is this happening to you now?" gives. */
  outcome: RedFlagOutcome;
  ruleIds: string[];
  signals: string[];
  because: NotEscalatedBecause[];
}

export interface RedFlagReading {
  /** emergency / urgent: act now; confirm: ask "Is this happening to you now?"; none: nothing to escalate. */
  decision: RedFlagOutcome | 'confirm' | 'none';
  /** The rules the affirmed signs fire, most severe first. */
  ruleIds: string[];
  /** The affirmed sign ids. */
  signals: string[];
  /** A more severe outcome that an unsure mention would give, once confirmed. */
  confirm?: RedFlagConfirmation;
  /** Signs mentioned that did not escalate, and why (for answering the message). */
  mentioned: { signal: string; because: NotEscalatedBecause; span: Finding['span'] }[];
  /**
   * A warning sign about someone else that is happening now ("my friend can't breathe"): the
   * instruction for them (SAFETY-SPEC v1.2). Nothing about the person writing.
   */
  forSomeoneElse?: { outcome: RedFlagOutcome; ruleIds: string[] };
}

const rank = { none: 0, urgent: 1, emergency: 2 } as const;

interface Rule {
  id: string;
  outcome: RedFlagOutcome;
  needs: string[][];
}

function rulesOf(reader: Reader): Rule[] {
  return reader.compiled.knowledge.terminology.redFlags.rules
    .map((rule, order) => ({
      order,
      rule: {
        id: rule.id,
        outcome: rule.outcome,
        needs: rule.anyOf ? [rule.anyOf] : (rule.allOf ?? []).map((item) => (typeof item === 'string' ? [item] : item)),
      },
    }))
    .sort((a, b) => rank[b.rule.outcome] - rank[a.rule.outcome] || a.order - b.order)
    .map(({ rule }) => rule);
}

export function signalIds(reader: Reader): Set<string> {
  const ids = new Set<string>();
  for (const rule of reader.compiled.knowledge.terminology.redFlags.rules) {
    for (const item of rule.anyOf ?? rule.allOf ?? []) for (const id of typeof item === 'string' ? [item] : item) ids.add(id);
  }
  return ids;
}

/** Why a sign finding does not escalate on its own; undefined when it is affirmed, the person's, now. */
export function notEscalatedBecause(finding: Finding): NotEscalatedBecause | undefined {
  if (finding.negated) return 'negated';
  if (finding.experiencer === 'other') return 'other';
  if (finding.hypothetical) return 'hypothetical';
  if (finding.question) return 'question';
  if (finding.historical) return 'historical';
  if (finding.uncertain) return 'uncertain';
  // "I get dizzy when I stand up": a tendency, not a state now (SAFETY-SPEC v1.2); asked about
  if (finding.habitual) return 'habitual';
  return undefined;
}

/** Someone else's sign, said as happening now: not negated, not over, not imagined, not a tendency. */
function someoneElsesNow(finding: Finding): boolean {
  return (
    finding.experiencer === 'other' &&
    !finding.negated &&
    !finding.hypothetical &&
    !finding.question &&
    !finding.historical &&
    !finding.habitual
  );
}

/** Unsure enough to ask about: the person may be describing themselves now. */
function worthConfirming(finding: Finding, because: NotEscalatedBecause): boolean {
  if (because === 'uncertain' || because === 'historical' || because === 'habitual') return true;
  // "is my lip swelling normal?" may be about now; "is it very painful?" asks about the treatment.
  return because === 'question' && finding.selfMentioned;
}

/** The sign findings of a reading, with "a bit swollen" and "really painful" read the policy's way. */
export function signFindings(reading: Reading, reader: Reader): { finding: Finding; signal: string }[] {
  const { mildIsNotASign, severeBecomes } = reader.compiled.knowledge.terminology.redFlags;
  const signals = signalIds(reader);
  const result: { finding: Finding; signal: string }[] = [];
  for (const finding of reading.findings) {
    const upgraded = finding.degree === 'severe' ? severeBecomes[finding.concept] : undefined;
    if (upgraded !== undefined) result.push({ finding, signal: upgraded });
    if (!signals.has(finding.concept)) continue;
    if (finding.degree === 'mild' && mildIsNotASign[finding.concept] !== undefined) continue;
    result.push({ finding, signal: finding.concept });
  }
  return result;
}

function fired(rules: readonly Rule[], present: ReadonlySet<string>): Rule[] {
  return rules.filter((rule) => rule.needs.every((anyOf) => anyOf.some((id) => present.has(id))));
}

/** The red-flag decision for one message, from a reading made with the same reader. */
export function redFlagsOf(reading: Reading, reader: Reader): RedFlagReading {
  const rules = rulesOf(reader);
  const affirmed = new Set<string>();
  const unsure = new Map<string, NotEscalatedBecause[]>();
  const theirs = new Set<string>();
  const mentioned: RedFlagReading['mentioned'] = [];
  const mildOnes = reader.compiled.knowledge.terminology.redFlags.mildIsNotASign;
  for (const finding of reading.findings) {
    if (finding.degree === 'mild' && mildOnes[finding.concept] !== undefined && !finding.negated) {
      mentioned.push({ signal: finding.concept, because: 'mild', span: finding.span });
    }
  }
  for (const { finding, signal } of signFindings(reading, reader)) {
    const because = notEscalatedBecause(finding);
    if (because === undefined) {
      affirmed.add(signal);
      continue;
    }
    mentioned.push({ signal, because, span: finding.span });
    if (someoneElsesNow(finding)) theirs.add(signal);
    if (worthConfirming(finding, because)) unsure.set(signal, (unsure.get(signal) ?? []).concat(because));
  }
  const now = fired(rules, affirmed);
  const outcome = now[0]?.outcome;
  const result: RedFlagReading = {
    decision: outcome ?? 'none',
    ruleIds: now.map((rule) => rule.id),
    signals: [...affirmed].sort(),
    mentioned,
  };
  const forThem = fired(rules, theirs);
  if (forThem.length > 0) result.forSomeoneElse = { outcome: forThem[0]!.outcome, ruleIds: forThem.map((rule) => rule.id) };
  if (unsure.size > 0) {
    const possible = new Set([...affirmed, ...unsure.keys()]);
    const extra = fired(rules, possible).filter((rule) => !now.some((done) => done.id === rule.id));
    const worst = extra[0];
    if (worst !== undefined && rank[worst.outcome] > rank[outcome ?? 'none']) {
      const signals = [...unsure.keys()]
        .filter((signal) => extra.some((rule) => rule.needs.some((anyOf) => anyOf.includes(signal))))
        .sort();
      result.confirm = {
        outcome: worst.outcome,
        ruleIds: extra.map((rule) => rule.id),
        signals,
        because: [...new Set(signals.flatMap((signal) => unsure.get(signal) ?? []))].sort(),
      };
      if (outcome === undefined) result.decision = 'confirm';
    }
  }
  return result;
}

/** Reads one message for emergency and urgent signs (SAFETY-SPEC, after-treatment check). */
export function readRedFlags(text: string, reader: Reader): RedFlagReading {
  const reading = read(text, reader);
  if (!isCutShort(text)) return redFlagsOf(reading, reader);
  // the watch reads past the limit: the passages of the rest that hold a sign word, with the first part
  const rest = signPassages(text.slice(readablePart(text).length), reader).map((passage) => read(passage, reader));
  return redFlagsOf({ ...reading, findings: [...reading.findings, ...rest.flatMap((passage) => passage.findings)] }, reader);
}
