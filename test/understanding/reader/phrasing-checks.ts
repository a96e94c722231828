import { isDeepStrictEqual } from 'node:util';
import {
  read,
  readAge,
  readApproximateDate,
  readConsent,
  readRedFlags,
  readScreeningAnswers,
  readYesNo,
  type Finding,
  type Reader,
} from '../../../src/understanding/reader/index.js';
import { redFlagPhrasings } from './red-flag-phrasings.js';
import {
  afterTreatmentPhrasings,
  agePhrasings,
  consentPhrasings,
  datePhrasings,
  findingPhrasings,
  pendingPhrasings,
  screeningPhrasings,
  unplacedPhrasings,
  yesNoPhrasings,
  type ExpectedFinding,
} from './reading-phrasings.js';

/**
 * Every hand-written phrasing as one named check: undefined when the reader reads it as
 * expected, else what went wrong. Shared by the mocha suite and the mutation bench, which runs
 * the same checks against readers built from mutated data.
 */

export interface PhrasingCheck {
  table: string;
  text: string;
  run(reader: Reader, today: Date): string | undefined;
}

const show = (value: unknown) => JSON.stringify(value);
const flagNames = ['negated', 'historical', 'hypothetical', 'question', 'other', 'uncertain', 'habitual'] as const;

function flagsOf(finding: Finding): string[] {
  const flags: string[] = [];
  if (finding.negated) flags.push('negated');
  if (finding.historical) flags.push('historical');
  if (finding.hypothetical) flags.push('hypothetical');
  if (finding.question) flags.push('question');
  if (finding.experiencer === 'other') flags.push('other');
  if (finding.uncertain) flags.push('uncertain');
  if (finding.habitual) flags.push('habitual');
  return flags;
}

function findingMatches(finding: Finding, expected: ExpectedFinding): boolean {
  if (finding.concept !== expected.concept) return false;
  const want = (expected.flags ?? []).filter((flag) => flag !== 'fuzzy');
  const got = flagsOf(finding);
  if (flagNames.some((flag) => want.includes(flag) !== got.includes(flag))) return false;
  if ((expected.flags ?? []).includes('fuzzy') && !finding.fuzzy) return false;
  return (expected.degree ?? undefined) === finding.degree;
}

function describeFinding(finding: Finding): string {
  return `${finding.concept}[${finding.span.text}]${flagsOf(finding)
    .map((flag) => `-${flag}`)
    .join('')}${finding.degree ? `-${finding.degree}` : ''}${finding.fuzzy ? '~' : ''}`;
}

export const phrasingChecks: PhrasingCheck[] = [
  ...redFlagPhrasings.map(([text, expected]): PhrasingCheck => ({
    table: 'red flags',
    text,
    run(reader) {
      const result = readRedFlags(text, reader);
      const got =
        result.decision === 'emergency' || result.decision === 'urgent'
          ? `${result.decision === 'emergency' ? 'E' : 'U'}:${result.ruleIds.join(',')}`
          : result.decision === 'confirm'
            ? `C:${result.confirm?.outcome}`
            : '-';
      if (expected === '-' || expected.startsWith('C:')) return got === expected ? undefined : `expected ${expected}, got ${got}`;
      const [letter, rule] = expected.split(':');
      const ok = got.startsWith(`${letter}:`) && got.slice(2).split(',').includes(rule!);
      return ok ? undefined : `expected ${expected} (among the rules), got ${got}`;
    },
  })),
  ...findingPhrasings.map(([text, expected, absent]): PhrasingCheck => ({
    table: 'findings',
    text,
    run(reader) {
      const { findings } = read(text, reader);
      for (const want of expected) {
        if (!findings.some((finding) => findingMatches(finding, want)))
          return `missing ${show(want)}; read ${findings.map(describeFinding).join(' ') || 'nothing'}`;
      }
      for (const concept of absent ?? []) {
        if (findings.some((finding) => finding.concept === concept))
          return `must not read ${concept}; read ${findings.map(describeFinding).join(' ')}`;
      }
      return undefined;
    },
  })),
  ...unplacedPhrasings.map(([text, expected]): PhrasingCheck => ({
    table: 'unplaced',
    text,
    run(reader) {
      const got = read(text, reader).unplaced.map((span) => span.text);
      return isDeepStrictEqual(got, expected) ? undefined : `expected unplaced ${show(expected)}, got ${show(got)}`;
    },
  })),
  ...screeningPhrasings.map(([text, expected]): PhrasingCheck => ({
    table: 'screening',
    text,
    run(reader, today) {
      const got = readScreeningAnswers(text, reader, { referenceDate: today }).answers;
      return isDeepStrictEqual(got, expected) ? undefined : `expected ${show(expected)}, got ${show(got)}`;
    },
  })),
  ...afterTreatmentPhrasings.map(([text, expected]): PhrasingCheck => ({
    table: 'after treatment',
    text,
    run(reader, today) {
      const got = readScreeningAnswers(text, reader, { referenceDate: today }).afterTreatment;
      return isDeepStrictEqual(got, expected) ? undefined : `expected ${show(expected)}, got ${show(got)}`;
    },
  })),
  ...pendingPhrasings.map(([pending, text, expected, open]): PhrasingCheck => ({
    table: 'pending question',
    text: `${pending.join('+')}: ${text}`,
    run(reader, today) {
      const got = readScreeningAnswers(text, reader, { referenceDate: today, pending });
      if (!isDeepStrictEqual(got.answers, expected)) return `expected ${show(expected)}, got ${show(got.answers)}`;
      return isDeepStrictEqual(got.open, open) ? undefined : `expected open ${show(open)}, got ${show(got.open)}`;
    },
  })),
  ...agePhrasings.map(([text, expected]): PhrasingCheck => ({
    table: 'ages',
    text,
    run(reader, today) {
      const got = readAge(text, reader, today, { expectingAge: true })?.years;
      return got === expected ? undefined : `expected ${expected}, got ${got}`;
    },
  })),
  ...datePhrasings.map(([text, expected, approximate]): PhrasingCheck => ({
    table: 'dates',
    text,
    run(reader, today) {
      const got = readApproximateDate(text, reader, today);
      if (got?.date !== expected) return `expected ${expected}, got ${got?.date}`;
      return approximate === undefined || got?.approximate === approximate ? undefined : `expected approximate ${approximate}`;
    },
  })),
  ...yesNoPhrasings.map(([text, expected]): PhrasingCheck => ({
    table: 'yes / no',
    text,
    run(reader) {
      const got = readYesNo(text, reader);
      return got === expected ? undefined : `expected ${expected}, got ${got}`;
    },
  })),
  ...consentPhrasings.map(([text, expected]): PhrasingCheck => ({
    table: 'consent',
    text,
    run(reader) {
      const got = readConsent(text, reader);
      return got === expected ? undefined : `expected ${expected}, got ${got}`;
    },
  })),
];

/** Runs every check; the failures, by table and text. */
export function failingPhrasings(reader: Reader, today: Date): { table: string; text: string; problem: string }[] {
  const failures: { table: string; text: string; problem: string }[] = [];
  for (const check of phrasingChecks) {
    let problem: string | undefined;
    try {
      problem = check.run(reader, today);
    } catch (error) {
      problem = `threw ${(error as Error).message}`;
    }
    if (problem !== undefined) failures.push({ table: check.table, text: check.text, problem });
  }
  return failures;
}
