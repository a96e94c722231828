/**
 * Mutation check of the clinical reader's data: flips or deletes one trigger, terminology
 * entry or red-flag rule at a time (in memory, data passed in), runs the phrasing tables
 * against each mutant and prints the kill rate. A surviving mutant is an entry no test needs:
 * either a missing test or a redundant entry.
 *
 *   npx tsx bench/reader-mutation.ts            all mutants
 *   npx tsx bench/reader-mutation.ts --kind=flip-trigger-flag
 */
import { createReader, type Reader, type ReaderKnowledge } from '../src/understanding/reader/index.js';
import type { TriggerFlag } from '../src/understanding/reader/schema.js';
import { entryChecks, type EntryCheck } from '../test/understanding/reader/entry-checks.js';
import { knowledge, policy, today } from '../test/understanding/reader/helpers.js';
import { phrasingChecks } from '../test/understanding/reader/phrasing-checks.js';

interface Mutant {
  kind: string;
  name: string;
  /** Words that name the mutated entry, to run its own generated checks first. */
  focus: string;
  apply(data: ReaderKnowledge): void;
}

const termLists = ['terms', 'brands', 'generics', 'misspellings', 'forms'] as const;
const flagFlip: Record<TriggerFlag, TriggerFlag> = {
  negated: 'historical',
  never: 'historical',
  historical: 'negated',
  hypothetical: 'negated',
  question: 'negated',
  other: 'hypothetical',
  mild: 'severe',
  severe: 'mild',
  uncertain: 'negated',
  habitual: 'historical',
  reversed: 'negated',
};

/**
 * Fields whose answers follow time or status rules in screening.ts (dates, cold sores now or
 * before, flags): their data names the field only, so flipping "affirmed" or "history" there
 * changes nothing and is not a meaningful mutant.
 */
const ruledInCode = new Set(['coldSoreNow', 'isotretinoin', 'lastSession', 'wantsHomeUse', 'deepScars', 'deepWrinkles']);
const historyFlip = { over: 'open', counts: 'over', open: 'over' } as const;

function flipFlags(flags: readonly TriggerFlag[]): TriggerFlag[] {
  const flipped = [...new Set(flags.map((flag) => flagFlip[flag]))];
  const same = flipped.length === new Set(flags).size && flipped.every((flag) => flags.includes(flag));
  return same ? ['hypothetical'] : flipped;
}

function mutants(data: ReaderKnowledge): Mutant[] {
  const list: Mutant[] = [];
  data.terminology.concepts.forEach((concept, c) => {
    for (const key of termLists) {
      (concept[key] ?? []).forEach((term, t) => {
        list.push({
          kind: 'delete-term',
          name: `${concept.id}.${key}: ${term}`,
          focus: `concept ${concept.id}:`,
          apply: (d) => void d.terminology.concepts[c]![key]!.splice(t, 1),
        });
      });
    }
    concept.together?.forEach((group, g) => {
      group.forEach((term, t) => {
        list.push({
          kind: 'delete-component',
          name: `${concept.id}.together[${g}]: ${term}`,
          focus: `concept ${concept.id}:`,
          apply: (d) => void d.terminology.concepts[c]!.together![g]!.splice(t, 1),
        });
      });
    });
    concept.answers?.forEach((answer, a) => {
      if (ruledInCode.has(answer.field) || (answer.field === 'bloodThinners' && concept.id === 'anticoagulant')) return;
      const flipped = answer.affirmed === 'yes' ? 'no' : 'yes';
      list.push({
        kind: 'flip-answer',
        name: `${concept.id} answers ${answer.field}: affirmed ${answer.affirmed} -> ${flipped}`,
        focus: '-',
        apply: (d) => void (d.terminology.concepts[c]!.answers![a]!.affirmed = flipped),
      });
      const history = historyFlip[answer.history];
      list.push({
        kind: 'flip-history',
        name: `${concept.id} answers ${answer.field}: history ${answer.history} -> ${history}`,
        focus: '-',
        apply: (d) => void (d.terminology.concepts[c]!.answers![a]!.history = history),
      });
      if (answer.yieldsTo)
        list.push({
          kind: 'delete-yields-to',
          name: `${concept.id} answers ${answer.field}: no yieldsTo`,
          focus: '-',
          apply: (d) => void delete d.terminology.concepts[c]!.answers![a]!.yieldsTo,
        });
    });
  });
  // signs from their parts: each part's words, a concept's alternative parts, the window
  data.terminology.signParts.forEach((part, p) => {
    part.words.forEach((word, w) => {
      list.push({
        kind: 'delete-part-word',
        name: `signParts.${part.id}: ${word}`,
        focus: `concept `,
        apply: (d) => void d.terminology.signParts[p]!.words.splice(w, 1),
      });
    });
  });
  data.terminology.concepts.forEach((concept, c) => {
    concept.parts?.forEach((item, i) => {
      if (typeof item === 'string') return;
      item.forEach((part, k) => {
        list.push({
          kind: 'drop-part-alternative',
          name: `${concept.id}.parts[${i}] without ${part}`,
          focus: `concept ${concept.id}:`,
          apply: (d) => void (d.terminology.concepts[c]!.parts![i] as string[]).splice(k, 1),
        });
      });
    });
  });
  for (const window of [1, 30]) {
    list.push({
      kind: 'flip-part-window',
      name: `partWindow ${data.terminology.partWindow} -> ${window}`,
      focus: '-',
      apply: (d) => void (d.terminology.partWindow = window),
    });
  }
  data.terminology.redFlags.rules.forEach((rule, r) => {
    const outcome = rule.outcome === 'emergency' ? 'urgent' : 'emergency';
    list.push({
      kind: 'flip-rule-outcome',
      name: `${rule.id}: ${rule.outcome} -> ${outcome}`,
      focus: '-',
      apply: (d) => void (d.terminology.redFlags.rules[r]!.outcome = outcome),
    });
    (rule.anyOf ?? []).forEach((signal, s) => {
      list.push({
        kind: 'delete-rule-signal',
        name: `${rule.id}: without ${signal}`,
        focus: `red flag ${signal}:`,
        apply: (d) => void d.terminology.redFlags.rules[r]!.anyOf!.splice(s, 1),
      });
    });
    (rule.allOf ?? []).forEach((item, s) => {
      if (typeof item === 'string') return;
      item.forEach((signal, k) => {
        list.push({
          kind: 'delete-rule-signal',
          name: `${rule.id}: allOf[${s}] without ${signal}`,
          focus: '-',
          apply: (d) => void (d.terminology.redFlags.rules[r]!.allOf![s] as string[]).splice(k, 1),
        });
      });
    });
  });
  for (const key of ['mildIsNotASign', 'severeBecomes'] as const) {
    for (const from of Object.keys(data.terminology.redFlags[key])) {
      list.push({
        kind: 'delete-degree-rule',
        name: `${key}.${from}`,
        focus: '-',
        apply: (d) => void delete d.terminology.redFlags[key][from],
      });
    }
  }
  data.triggers.triggers.forEach((trigger, t) => {
    trigger.phrases.forEach((phrase, p) => {
      list.push({
        kind: 'delete-trigger-phrase',
        name: `${trigger.id}: ${phrase}`,
        focus: `trigger ${trigger.id}:`,
        apply: (d) => void d.triggers.triggers[t]!.phrases.splice(p, 1),
      });
    });
    const direction = trigger.direction === 'forward' ? 'backward' : 'forward';
    list.push({
      kind: 'flip-trigger-direction',
      name: `${trigger.id}: ${trigger.direction} -> ${direction}`,
      focus: `trigger ${trigger.id}:`,
      apply: (d) => void (d.triggers.triggers[t]!.direction = direction),
    });
    if (trigger.crossesBack.length > 0) {
      list.push({
        kind: 'flip-trigger-scope',
        name: `${trigger.id}: crossesBack [${trigger.crossesBack.join(', ')}] -> []`,
        focus: '-',
        apply: (d) => void (d.triggers.triggers[t]!.crossesBack = []),
      });
    }
    // commas and lists only matter to a trigger that reaches forward
    // (a list only continues over a comma the trigger would not cross anyway, to more than the nearest mention)
    const forward = trigger.direction !== 'backward';
    const keys = [
      ...(forward ? (['crossesComma'] as const) : []),
      ...(forward && !trigger.crossesComma && !trigger.nearestOnly ? (['listContinues'] as const) : []),
      'nearestOnly' as const,
      'sentenceStart' as const,
      'endsClause' as const,
    ];
    for (const key of keys) {
      list.push({
        kind: 'flip-trigger-scope',
        name: `${trigger.id}: ${key} ${trigger[key]} -> ${!trigger[key]}`,
        focus: '-',
        apply: (d) => void (d.triggers.triggers[t]![key] = !trigger[key]),
      });
    }
    if (trigger.scope > 1) {
      list.push({
        kind: 'flip-trigger-scope',
        name: `${trigger.id}: scope ${trigger.scope} -> 1`,
        focus: '-',
        apply: (d) => void (d.triggers.triggers[t]!.scope = 1),
      });
    }
    list.push({
      kind: 'flip-trigger-flag',
      name: `${trigger.id}: ${trigger.flags.join('+')} -> ${flipFlags(trigger.flags).join('+')}`,
      focus: `trigger ${trigger.id}:`,
      apply: (d) => void (d.triggers.triggers[t]!.flags = flipFlags(trigger.flags)),
    });
  });
  data.triggers.terminators.all.forEach((phrase, p) => {
    list.push({
      kind: 'delete-terminator',
      name: `all: ${phrase}`,
      focus: '-',
      apply: (d) => void d.triggers.terminators.all.splice(p, 1),
    });
  });
  for (const [flag, phrases] of Object.entries(data.triggers.terminators.byFlag)) {
    phrases.forEach((phrase, p) => {
      list.push({
        kind: 'delete-terminator',
        name: `${flag}: ${phrase}`,
        focus: '-',
        apply: (d) => void d.triggers.terminators.byFlag[flag as TriggerFlag]!.splice(p, 1),
      });
    });
  }
  data.triggers.pseudo.forEach((phrase, p) => {
    list.push({
      kind: 'delete-pseudo',
      name: phrase,
      focus: `pseudo-trigger ${JSON.stringify(phrase)}`,
      apply: (d) => void d.triggers.pseudo.splice(p, 1),
    });
  });
  // what numbers are attached to, and the words of context that are lists of their own
  const numberLists = [
    'joiners',
    'unitJoiners',
    'approximateCounts',
    'articles',
    'pulseWords',
    'pulseUnits',
    'doseUnits',
    'measureUnits',
    'ordinalSuffixes',
    'monthWords',
    'birthWords',
    'pastAgeMarkers',
    'seasonOpeners',
    'seasonsOver',
    'exactDays',
    'dayNames',
  ] as const;
  for (const key of numberLists) {
    data.triggers.numbers[key].forEach((word, w) => {
      list.push({
        kind: 'delete-number-word',
        name: `numbers.${key}: ${word}`,
        focus: `number word ${key}`,
        apply: (d) => void d.triggers.numbers[key].splice(w, 1),
      });
    });
  }
  for (const season of Object.keys(data.triggers.numbers.seasons)) {
    list.push({
      kind: 'delete-number-word',
      name: `numbers.seasons: ${season}`,
      focus: 'number word seasons',
      apply: (d) => void delete d.triggers.numbers.seasons[season],
    });
  }
  const above = data.triggers.numbers.racingHeartAbove;
  for (const value of [above - 15, above + 25]) {
    list.push({
      kind: 'flip-number-threshold',
      name: `numbers.racingHeartAbove ${above} -> ${value}`,
      focus: '-',
      apply: (d) => void (d.triggers.numbers.racingHeartAbove = value),
    });
  }
  const contextLists: [string, (d: ReaderKnowledge) => string[]][] = [
    ['people', (d) => d.triggers.people],
    ['bodyWords', (d) => d.triggers.bodyWords],
    ['listClosers', (d) => d.triggers.listClosers],
    ['doubleNegation.first', (d) => d.triggers.doubleNegation.first],
    ['doubleNegation.second', (d) => d.triggers.doubleNegation.second],
  ];
  data.triggers.lifeStages.forEach((stage, s) => {
    stage.phrases.forEach((phrase, p) => {
      list.push({
        kind: 'delete-life-stage',
        name: `lifeStages[${s}]: ${phrase}`,
        focus: 'life stage',
        apply: (d) => void d.triggers.lifeStages[s]!.phrases.splice(p, 1),
      });
    });
    list.push({
      kind: 'flip-life-stage-age',
      name: `lifeStages[${s}] ends at ${stage.endsAtAge} -> ${stage.endsAtAge + 3}`,
      focus: 'life stage',
      apply: (d) => void (d.triggers.lifeStages[s]!.endsAtAge = stage.endsAtAge + 3),
    });
  });
  for (const [name, of] of contextLists) {
    of(data).forEach((word, w) => {
      list.push({ kind: 'delete-context-word', name: `${name}: ${word}`, focus: '-', apply: (d) => void of(d).splice(w, 1) });
    });
  }
  for (const kind of ['yes', 'no', 'unsure', 'agree', 'decline'] as const) {
    data.triggers.answers[kind].forEach((phrase, p) => {
      list.push({
        kind: 'delete-answer-word',
        name: `${kind}: ${phrase}`,
        focus: `${kind}: ${JSON.stringify(phrase)}`,
        apply: (d) => void d.triggers.answers[kind].splice(p, 1),
      });
    });
  }
  return list;
}

function killedBy(mutant: Reader, entries: readonly EntryCheck[], focus: string): 'hand' | 'entry' | undefined {
  for (const check of phrasingChecks) {
    try {
      if (check.run(mutant, today) !== undefined) return 'hand';
    } catch {
      return 'hand';
    }
  }
  const ordered = [...entries.filter((check) => check.name.includes(focus)), ...entries.filter((check) => !check.name.includes(focus))];
  for (const check of ordered) {
    try {
      if (check.run(mutant) !== undefined) return 'entry';
    } catch {
      return 'entry';
    }
  }
  return undefined;
}

const only = process.argv.find((arg) => arg.startsWith('--kind='))?.slice('--kind='.length);
const entries = entryChecks(knowledge);
const all = mutants(knowledge).filter((mutant) => only === undefined || mutant.kind === only);
const started = performance.now();
const byKind = new Map<string, { total: number; hand: number; entry: number }>();
const survivors: Mutant[] = [];
for (const mutant of all) {
  const data = structuredClone(knowledge);
  mutant.apply(data);
  let result: 'hand' | 'entry' | undefined;
  try {
    result = killedBy(createReader(data, policy), entries, mutant.focus);
  } catch {
    result = 'hand'; // a mutant the reader refuses to build is caught at load
  }
  const tally = byKind.get(mutant.kind) ?? { total: 0, hand: 0, entry: 0 };
  tally.total += 1;
  if (result === 'hand') tally.hand += 1;
  else if (result === 'entry') tally.entry += 1;
  else survivors.push(mutant);
  byKind.set(mutant.kind, tally);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;
console.log(
  `reader mutation check: ${all.length} mutants, ${phrasingChecks.length} hand-written phrasings, ` +
    `${entries.length} generated entry checks, ${seconds} s`,
);
console.log('kind                      mutants  killed by hand tables  killed by all tests');
let total = 0;
let hand = 0;
let killed = 0;
for (const [kind, tally] of [...byKind].sort()) {
  total += tally.total;
  hand += tally.hand;
  killed += tally.hand + tally.entry;
  console.log(
    `${kind.padEnd(26)}${String(tally.total).padStart(7)}  ` +
      `${percent(tally.hand, tally.total).padStart(21)}  ${percent(tally.hand + tally.entry, tally.total).padStart(19)}`,
  );
}
console.log(
  `${'all'.padEnd(26)}${String(total).padStart(7)}  ${percent(hand, total).padStart(21)}  ${percent(killed, total).padStart(19)}`,
);
console.log(`kill rate: ${percent(killed, total)} (${killed}/${total}); hand-written tables alone: ${percent(hand, total)}`);
for (const mutant of survivors) console.log(`  survived: [${mutant.kind}] ${mutant.name}`);
