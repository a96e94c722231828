import { expect } from 'chai';
import {
  normalize,
  read,
  readConsent,
  readRedFlags,
  readYesNo,
  type Reader,
  type ReaderKnowledge,
} from '../../../src/understanding/reader/index.js';
import type { ConceptData, TriggerData } from '../../../src/understanding/reader/schema.js';
import { knowledge, reader } from './helpers.js';

/**
 * One test per data entry, generated from the files: every term, brand, generic name,
 * misspelling and word form in a sentence; every trigger phrase next to a concept; every
 * red-flag phrase. Deleting an entry fails its test. (The hand-written tables in
 * reading-phrasings.ts and red-flag-phrasings.ts catch entries that are flipped or moved.)
 */

export interface EntryCheck {
  name: string;
  run(reader: Reader): string | undefined;
}

const termsOf = (concept: ConceptData) => [
  ...concept.terms,
  ...(concept.brands ?? []),
  ...(concept.generics ?? []),
  ...(concept.misspellings ?? []),
  ...(concept.forms ?? []),
];
/** A word family ("swell*") written out: the family itself plus a common ending. */
const asTyped = (phrase: string) => phrase.replace(/\*/g, 'ing');

/** The sentence each trigger is tested in, and the flag it must set on "eczema". */
function triggerSentence(trigger: TriggerData, phrase: string): string {
  return trigger.direction === 'backward' ? `eczema ${phrase}` : `${phrase} eczema`;
}

function flagSet(trigger: TriggerData, finding: ReturnType<typeof read>['findings'][number]): boolean {
  return trigger.flags.every((flag) => {
    switch (flag) {
      case 'negated':
      case 'never':
        return finding.negated;
      case 'other':
        return finding.experiencer === 'other';
      case 'mild':
      case 'severe':
        return finding.degree === flag;
      default:
        return finding[flag];
    }
  });
}

export function entryChecks(data: ReaderKnowledge): EntryCheck[] {
  const checks: EntryCheck[] = [];
  const signalRules = new Map<string, { id: string; outcome: string }[]>();
  for (const rule of data.terminology.redFlags.rules) {
    for (const item of rule.anyOf ?? rule.allOf ?? []) {
      for (const id of typeof item === 'string' ? [item] : item) signalRules.set(id, [...(signalRules.get(id) ?? []), rule]);
    }
  }
  for (const concept of data.terminology.concepts) {
    const rules = signalRules.get(concept.id) ?? [];
    const sentences = termsOf(concept).map((term) => asTyped(term));
    (concept.together ?? []).forEach((group, index) => {
      const others = (concept.together ?? []).filter((_, other) => other !== index).map((otherGroup) => asTyped(otherGroup[0]!));
      for (const component of group) sentences.push(index === 0 ? [asTyped(component), ...others].join(' ') : [...others, asTyped(component)].join(' '));
    });
    for (const sentence of sentences) {
      checks.push({
        name: `concept ${concept.id}: ${JSON.stringify(sentence)}`,
        run(active) {
          const found = read(sentence, active).findings.filter((finding) => finding.concept === concept.id);
          if (found.length === 0) return `not read as ${concept.id}: ${read(sentence, active).findings.map((f) => f.concept).join(', ') || 'nothing'}`;
          return undefined;
        },
      });
      if (rules.length > 0) {
        checks.push({
          name: `red flag ${concept.id}: ${JSON.stringify(sentence)}`,
          run(active) {
            const result = readRedFlags(sentence, active);
            const anyOfRules = rules.filter((rule) => (data.terminology.redFlags.rules.find((r) => r.id === rule.id)?.anyOf ?? []).includes(concept.id));
            if (anyOfRules.length === 0) return undefined; // only part of an allOf rule (checked in the hand-written table)
            return anyOfRules.some((rule) => result.ruleIds.includes(rule.id)) ? undefined : `no ${anyOfRules.map((r) => r.id).join('/')}: ${result.decision}`;
          },
        });
      }
    }
  }
  for (const trigger of data.triggers.triggers) {
    for (const phrase of trigger.phrases) {
      const sentence = triggerSentence(trigger, phrase);
      checks.push({
        name: `trigger ${trigger.id}: ${JSON.stringify(sentence)}`,
        run(active) {
          const eczema = read(sentence, active).findings.find((finding) => finding.concept === 'eczema');
          if (!eczema) return 'eczema not read';
          return flagSet(trigger, eczema) ? undefined : `flags ${trigger.flags.join('+')} not set`;
        },
      });
    }
  }
  for (const phrase of data.triggers.pseudo) {
    checks.push({
      name: `pseudo-trigger ${JSON.stringify(phrase)} is neither a trigger nor a concept`,
      run(active) {
        const findings = read(`${phrase} eczema`, active).findings;
        const eczema = findings.find((finding) => finding.concept === 'eczema');
        if (!eczema || eczema.negated || eczema.uncertain || eczema.hypothetical) return 'eczema lost or changed';
        const extra = findings.filter((finding) => finding.concept !== 'eczema' && finding.kind === 'sign');
        return extra.length === 0 ? undefined : `read ${extra.map((f) => f.concept).join(', ')}`;
      },
    });
  }
  const answerExpect = { yes: 'yes', no: 'no', unsure: 'unknown' } as const;
  for (const kind of ['yes', 'no', 'unsure'] as const) {
    for (const phrase of data.triggers.answers[kind]) {
      checks.push({
        name: `answer ${kind}: ${JSON.stringify(phrase)}`,
        run: (active) => (readYesNo(phrase, active) === answerExpect[kind] ? undefined : `read ${readYesNo(phrase, active)}`),
      });
    }
  }
  for (const [kind, expected] of [['agree', 'given'], ['decline', 'refused']] as const) {
    for (const phrase of data.triggers.answers[kind]) {
      checks.push({ name: `consent ${kind}: ${JSON.stringify(phrase)}`, run: (active) => (readConsent(phrase, active) === expected ? undefined : `read ${readConsent(phrase, active)}`) });
    }
  }
  for (const word of data.triggers.numbers.temperatureWords) {
    checks.push({ name: `temperature word ${word}: "${word} 39"`, run: (active) => (read(`${word} 39`, active).findings.some((f) => f.concept === 'fever') ? undefined : 'no fever') });
  }
  for (const unit of [...data.triggers.numbers.celsiusUnits, ...data.triggers.numbers.degreeUnits]) {
    checks.push({ name: `temperature unit ${unit}: "39 ${unit}"`, run: (active) => (read(`39 ${unit}`, active).findings.some((f) => f.concept === 'fever') ? undefined : 'no fever') });
  }
  for (const unit of data.triggers.numbers.fahrenheitUnits) {
    checks.push({ name: `temperature unit ${unit}: "101 ${unit}"`, run: (active) => (read(`101 ${unit}`, active).findings.some((f) => f.concept === 'fever') ? undefined : 'no fever') });
  }
  for (const [from, to] of Object.entries(data.triggers.variants)) {
    checks.push({
      name: `variant ${from} -> ${to}`,
      run: () => (normalize(from, new Map([[from, to.split(' ')]])).map((t) => t.text).join(' ') === to ? undefined : 'not mapped'),
    });
  }
  return checks;
}

describe('clinical reader: one test per data entry', () => {
  const checks = entryChecks(knowledge);
  it('covers every concept, trigger and answer word', () => {
    expect(checks.length).to.be.greaterThan(1000);
  });
  for (const check of checks) {
    it(check.name, () => expect(check.run(reader)).to.equal(undefined));
  }
});
