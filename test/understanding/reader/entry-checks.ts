import {
  normalize,
  read,
  readAge,
  readApproximateDate,
  readLifeStage,
  readConsent,
  readRedFlags,
  readYesNo,
  type Reader,
  type ReaderKnowledge,
} from '../../../src/understanding/reader/index.js';
import type { ConceptData, TriggerData } from '../../../src/understanding/reader/schema.js';
import { compositeGroups } from '../../../src/understanding/reader/compile.js';
import { holdsBodyWord } from '../../../src/understanding/safety-net.js';

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
const asTyped = (phrase: string) => phrase.replace(/\*/g, 's');

/** The sentence each trigger is tested in, and the flag it must set on "eczema". */
function triggerSentence(trigger: TriggerData, phrase: string): string {
  // a trigger that takes a negation back is tried on a negated mention ("no eczema jk")
  if (trigger.flags.includes('reversed')) return trigger.direction === 'backward' ? `no eczema ${phrase}` : `${phrase} no eczema`;
  return trigger.direction === 'backward' ? `eczema ${phrase}` : `${phrase} eczema`;
}

type FindingOf = ReturnType<typeof read>['findings'][number];

/** The trigger flags a finding carries, named as in the data. */
export function flagsOfFinding(finding: FindingOf): string[] {
  const flags: string[] = [];
  if (finding.negated) flags.push('negated');
  if (finding.never) flags.push('never');
  for (const flag of ['historical', 'hypothetical', 'question', 'uncertain', 'habitual'] as const) if (finding[flag]) flags.push(flag);
  if (finding.experiencer === 'other') flags.push('other');
  if (finding.degree) flags.push(finding.degree);
  return flags.sort();
}

/** Exactly the trigger's flags: a phrase that only works as its words' sum is not needed. */
function flagSet(trigger: TriggerData, finding: FindingOf): boolean {
  // "reversed" shows as "not sure" on the finding (the negation it takes back is gone)
  const want = [...new Set(trigger.flags.map((flag) => (flag === 'reversed' ? 'uncertain' : flag)))].sort();
  return JSON.stringify(flagsOfFinding(finding)) === JSON.stringify(want);
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
    const groups = compositeGroups(concept, data.terminology) ?? [];
    groups.forEach((group, index) => {
      const others = groups.filter((_, other) => other !== index).map((otherGroup) => asTyped(otherGroup[0]!));
      for (const component of group)
        sentences.push(index === 0 ? [asTyped(component), ...others].join(' ') : [...others, asTyped(component)].join(' '));
    });
    for (const sentence of sentences) {
      checks.push({
        name: `concept ${concept.id}: ${JSON.stringify(sentence)}`,
        run(active) {
          // read as itself: the whole phrase, exactly (not as a typo of another word, not a shorter phrase)
          const reading = read(sentence, active);
          const exact = reading.findings.some(
            (finding) => finding.concept === concept.id && !finding.fuzzy && finding.span.text === sentence,
          );
          if (exact && reading.unplaced.length > 0) return `unplaced ${reading.unplaced.map((u) => u.text).join(', ')}`;
          const seen = reading.findings.map((f) => `${f.concept}[${f.span.text}]${f.fuzzy ? '~' : ''}`).join(', ');
          return exact ? undefined : `not read exactly as ${concept.id}: ${seen}`;
        },
      });
      if (rules.length > 0) {
        checks.push({
          name: `red flag ${concept.id}: ${JSON.stringify(sentence)}`,
          run(active) {
            const result = readRedFlags(sentence, active);
            const anyOfRules = rules.filter((rule) =>
              (data.terminology.redFlags.rules.find((r) => r.id === rule.id)?.anyOf ?? []).includes(concept.id),
            );
            if (anyOfRules.length === 0) return undefined; // only part of an allOf rule (checked in the hand-written table)
            return anyOfRules.some((rule) => result.ruleIds.includes(rule.id))
              ? undefined
              : `no ${anyOfRules.map((r) => r.id).join('/')}: ${result.decision}`;
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
          const reading = read(sentence, active);
          const eczema = reading.findings.find((finding) => finding.concept === 'eczema');
          if (!eczema) return 'eczema not read';
          if (reading.unplaced.length > 0) return `unplaced ${reading.unplaced.map((u) => u.text).join(', ')}`;
          return flagSet(trigger, eczema) ? undefined : `flags ${flagsOfFinding(eczema).join('+')} instead of ${trigger.flags.join('+')}`;
        },
      });
    }
  }
  const opener = (flag: string) =>
    data.triggers.triggers.find(
      (trigger) => trigger.flags.includes(flag as never) && trigger.direction !== 'backward' && !trigger.sentenceStart,
    )?.phrases[0];
  const terminatorCases: [string, string][] = [
    ...data.triggers.terminators.all.map((phrase): [string, string] => ['negated', phrase]),
    ...Object.entries(data.triggers.terminators.byFlag).flatMap(([flag, phrases]) =>
      phrases.map((phrase): [string, string] => [flag, phrase]),
    ),
  ];
  for (const [flag, phrase] of terminatorCases) {
    const start = opener(flag);
    if (start === undefined) continue;
    const sentence = `${start} eczema ${phrase} psoriasis`;
    checks.push({
      name: `terminator ${JSON.stringify(phrase)} ends ${flag}: ${JSON.stringify(sentence)}`,
      run(active) {
        const psoriasis = read(sentence, active).findings.find((finding) => finding.concept === 'psoriasis');
        if (!psoriasis) return 'psoriasis not read';
        return flagsOfFinding(psoriasis).includes(flag) ? `${flag} reached past ${JSON.stringify(phrase)}` : undefined;
      },
    });
  }
  for (const phrase of data.triggers.pseudo) {
    checks.push({
      name: `pseudo-trigger ${JSON.stringify(phrase)} is neither a trigger nor a concept`,
      run(active) {
        for (const sentence of [`${phrase} eczema`, `eczema ${phrase}`]) {
          const reading = read(sentence, active);
          const eczema = reading.findings.find((finding) => finding.concept === 'eczema');
          if (!eczema || flagsOfFinding(eczema).length > 0) return `${sentence}: eczema lost or changed`;
          const extra = reading.findings.filter((finding) => finding.concept !== 'eczema');
          if (extra.length > 0) return `${sentence}: read ${extra.map((f) => f.concept).join(', ')}`;
          if (reading.unplaced.length > 0) return `${sentence}: unplaced ${reading.unplaced.map((u) => u.text).join(', ')}`;
        }
        return undefined;
      },
    });
  }
  const answerExpect = { yes: 'yes', no: 'no', unsure: 'unknown' } as const;
  for (const kind of ['yes', 'no', 'unsure'] as const) {
    for (const phrase of data.triggers.answers[kind]) {
      checks.push({
        name: `answer ${kind}: ${JSON.stringify(phrase)}`,
        run: (active) => {
          const mention = read(phrase, active).answers.some((answer) => answer.answer === kind && answer.span.text === phrase);
          if (!mention) return `no ${kind} answer word spanning ${JSON.stringify(phrase)}`;
          return readYesNo(phrase, active) === answerExpect[kind] ? undefined : `read ${readYesNo(phrase, active)}`;
        },
      });
    }
  }
  for (const [kind, expected] of [
    ['agree', 'given'],
    ['decline', 'refused'],
  ] as const) {
    for (const phrase of data.triggers.answers[kind]) {
      checks.push({
        name: `consent ${kind}: ${JSON.stringify(phrase)}`,
        run: (active) => {
          const mention = read(phrase, active).answers.some((answer) => answer.answer === kind && answer.span.text === phrase);
          if (!mention) return `no ${kind} word spanning ${JSON.stringify(phrase)}`;
          return readConsent(phrase, active) === expected ? undefined : `read ${readConsent(phrase, active)}`;
        },
      });
    }
  }
  for (const word of data.triggers.numbers.temperatureWords) {
    checks.push({
      name: `temperature word ${word}: "${word} 39"`,
      run: (active) => (read(`${word} 39`, active).findings.some((f) => f.concept === 'fever') ? undefined : 'no fever'),
    });
  }
  for (const unit of [...data.triggers.numbers.celsiusUnits, ...data.triggers.numbers.degreeUnits]) {
    checks.push({
      name: `temperature unit ${unit}: "39 ${unit}"`,
      run: (active) => (read(`39 ${unit}`, active).findings.some((f) => f.concept === 'fever') ? undefined : 'no fever'),
    });
  }
  for (const unit of data.triggers.numbers.fahrenheitUnits) {
    checks.push({
      name: `temperature unit ${unit}: "101 ${unit}"`,
      run: (active) => (read(`101 ${unit}`, active).findings.some((f) => f.concept === 'fever') ? undefined : 'no fever'),
    });
  }
  checks.push(...numberChecks(data), ...contextWordChecks(data));
  for (const [from, to] of Object.entries(data.triggers.variants)) {
    checks.push({
      name: `variant ${from} -> ${to}`,
      run: () =>
        normalize(from, new Map([[from, to.split(' ')]]))
          .map((t) => t.text)
          .join(' ') === to
          ? undefined
          : 'not mapped',
    });
  }
  return checks;
}

/** The day the generated date checks count from. */
const checkDay = new Date('2026-12-01T10:00:00Z');
const asWords = (phrase: string) => phrase.replace(/\*/g, 's');

/**
 * One sentence per number word (SAFETY-SPEC v1.2 "a number belongs to what it is attached to"):
 * a pulse word makes a racing pulse, a dose or measure unit, a date word and a past-age marker
 * keep a number from being an age, a birth word makes a year a birth year.
 */
function numberChecks(data: ReaderKnowledge): EntryCheck[] {
  const numbers = data.triggers.numbers;
  const checks: EntryCheck[] = [];
  const finds = (concept: string) => (sentence: string) => (active: Reader) =>
    read(sentence, active).findings.some((finding) => finding.concept === concept && !finding.negated)
      ? undefined
      : `no ${concept}: ${read(sentence, active)
          .findings.map((finding) => finding.concept)
          .join(', ')}`;
  const noAge = (sentence: string) => (active: Reader) => {
    const age = readAge(sentence, active, checkDay, { expectingAge: true });
    return age === undefined ? undefined : `read as age ${age.years}`;
  };
  const racing = finds(numbers.racingHeartConcept);
  const fever = finds(numbers.feverConcept);
  const add = (list: string, word: string, sentence: string, run: (active: Reader) => string | undefined) =>
    checks.push({ name: `number word ${list} ${JSON.stringify(word)}: ${JSON.stringify(sentence)}`, run });
  for (const word of numbers.pulseWords) add('pulseWords', word, `${asWords(word)} 120`, racing(`${asWords(word)} 120`));
  for (const unit of numbers.pulseUnits) add('pulseUnits', unit, `120 ${asWords(unit)}`, racing(`120 ${asWords(unit)}`));
  for (const unit of numbers.doseUnits) add('doseUnits', unit, `I'm on 20 ${asWords(unit)}`, noAge(`I'm on 20 ${asWords(unit)}`));
  for (const unit of numbers.measureUnits) add('measureUnits', unit, `I'm 5 ${asWords(unit)}`, noAge(`I'm 5 ${asWords(unit)}`));
  for (const suffix of numbers.ordinalSuffixes) add('ordinalSuffixes', suffix, `I'm 19${suffix}`, noAge(`I'm 19${suffix}`));
  for (const month of numbers.monthWords) add('monthWords', month, `I'm 19 ${month}`, noAge(`I'm 19 ${month}`));
  for (const marker of numbers.pastAgeMarkers) add('pastAgeMarkers', marker, `${marker} 15`, noAge(`${marker} 15`));
  for (const word of numbers.birthWords) {
    const sentence = `${asWords(word)} 1990`;
    add('birthWords', word, sentence, (active) => (readAge(sentence, active, checkDay)?.years === 35 ? undefined : 'no birth year'));
  }
  for (const person of data.triggers.people) {
    const sentence = `my 12 year old ${asWords(person)}`;
    add('people', person, sentence, noAge(sentence));
  }
  const [and, point] = [numbers.joiners.find((word) => word === 'and'), numbers.joiners.find((word) => word !== 'and')];
  if (and) add('joiners', and, `temperature of a hundred ${and} one`, fever(`temperature of a hundred ${and} one`));
  if (point) add('joiners', point, `temp one hundred ${point} five`, fever(`temp one hundred ${point} five`));
  for (const article of numbers.articles) {
    const sentence = `${article} hour ago`;
    add('articles', article, sentence, (active) =>
      read(sentence, active).quantities.some((q) => q.kind === 'duration') ? undefined : 'no duration',
    );
  }
  for (const joiner of numbers.unitJoiners) {
    const sentence = `a couple ${joiner} weeks ago`;
    add('unitJoiners', joiner, sentence, (active) =>
      read(sentence, active).quantities.some((q) => q.kind === 'duration' && q.days === 14) ? undefined : 'no 14 days',
    );
  }
  for (const season of Object.keys(numbers.seasons)) {
    const sentence = `stopped it ${numbers.seasonOpeners[0]} ${season}`;
    add('seasons', season, sentence, (active) =>
      readApproximateDate(sentence, active, checkDay)?.approximate === true ? undefined : 'no date',
    );
  }
  for (const opener of numbers.seasonOpeners) {
    const sentence = `stopped it ${opener} winter`;
    add('seasonOpeners', opener, sentence, (active) => (readApproximateDate(sentence, active, checkDay) ? undefined : 'no date'));
  }
  for (const over of numbers.seasonsOver) {
    // on 1 December, autumn has just ended and winter has begun: "last winter" is the one before
    const sentence = `stopped it ${over} winter`;
    add('seasonsOver', over, sentence, (active) =>
      (readApproximateDate(sentence, active, checkDay)?.date ?? '9') < '2026-03-01' ? undefined : 'this winter',
    );
  }
  for (const day of numbers.dayNames) {
    const sentence = `stopped it last ${day}`;
    add('dayNames', day, sentence, (active) => (readApproximateDate(sentence, active, checkDay) ? undefined : 'no date'));
  }
  for (const day of numbers.exactDays) {
    const sentence = `stopped it ${day}`;
    add('exactDays', day, sentence, (active) =>
      readApproximateDate(sentence, active, checkDay)?.approximate === false ? undefined : 'not exact',
    );
  }
  for (const count of numbers.approximateCounts) {
    const sentence = `stopped a ${count} weeks ago`;
    add('approximateCounts', count, sentence, (active) =>
      readApproximateDate(sentence, active, checkDay)?.approximate === true ? undefined : 'read as exact',
    );
  }
  return checks;
}

/** One sentence per word of the context lists: list closers, double negatives, people's possessives. */
function contextWordChecks(data: ReaderKnowledge): EntryCheck[] {
  const checks: EntryCheck[] = [];
  const finding = (sentence: string, active: Reader, concept: string) => read(sentence, active).findings.find((f) => f.concept === concept);
  for (const closer of data.triggers.listClosers) {
    const sentence = `no eczema, rosacea ${closer} psoriasis`;
    checks.push({
      name: `list closer ${JSON.stringify(closer)}: ${JSON.stringify(sentence)}`,
      run: (active) => (finding(sentence, active, 'psoriasis')?.negated ? undefined : 'psoriasis not negated'),
    });
  }
  const { first, second } = data.triggers.doubleNegation;
  const pairs = [...first.map((word) => [word, second[0]!] as const), ...second.map((word) => [first[0]!, word] as const)];
  for (const [one, two] of pairs) {
    const sentence = `${one} have ${two} eczema`;
    checks.push({
      name: `double negative ${JSON.stringify(one)} + ${JSON.stringify(two)}: ${JSON.stringify(sentence)}`,
      run: (active) => {
        const eczema = finding(sentence, active, 'eczema');
        return eczema && !eczema.negated && eczema.uncertain ? undefined : `eczema ${eczema?.negated ? 'negated' : 'not read as unsure'}`;
      },
    });
  }
  // a stage of life is a date counted from the age: for a person of 40, years before the check day
  for (const stage of data.triggers.lifeStages) {
    for (const phrase of stage.phrases) {
      const sentence = `stopped accutane ${phrase}`;
      checks.push({
        name: `life stage ${JSON.stringify(phrase)} ends at ${stage.endsAtAge}: ${JSON.stringify(sentence)}`,
        run: (active) => {
          const when = readLifeStage(read(sentence, active), active, checkDay, 40);
          const expected = `${checkDay.getUTCFullYear() - (40 - stage.endsAtAge - 1)}`;
          return when !== undefined && when !== 'unknown' && when.date.startsWith(expected) ? undefined : `read ${JSON.stringify(when)}`;
        },
      });
    }
  }
  for (const word of data.triggers.bodyWords) {
    const sentence = `my ${asWords(word)} now`;
    checks.push({
      name: `body word ${JSON.stringify(word)}: ${JSON.stringify(sentence)}`,
      run: (active) => (holdsBodyWord(sentence, active) ? undefined : 'no body word'),
    });
  }
  for (const person of data.triggers.people) {
    const sentence = `${asWords(person)}'s eczema`;
    checks.push({
      name: `possessive of ${JSON.stringify(person)}: ${JSON.stringify(sentence)}`,
      run: (active) => (finding(sentence, active, 'eczema')?.experiencer === 'other' ? undefined : 'not someone else'),
    });
  }
  return checks;
}
