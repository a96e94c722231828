import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeFileError, loadRuleTable, safetyKnowledgeDir } from '../../src/safety/index.js';

/** A broken data file must stop the start with a message naming the file, the item and the field. */

// Free-form JSON, edited on purpose into broken shapes.
type Json = Record<string, any>;

function original(file: string): Json {
  return JSON.parse(readFileSync(join(safetyKnowledgeDir, file), 'utf8')) as Json;
}

function loadBroken<T>(file: string, load: (dir: string) => T, change: (data: Json) => void | string): KnowledgeFileError {
  const dir = mkdtempSync(join(tmpdir(), 'safety-broken-'));
  try {
    const data = original(file);
    const replaced = change(data);
    writeFileSync(join(dir, file), typeof replaced === 'string' ? replaced : JSON.stringify(data));
    load(dir);
  } catch (error) {
    if (error instanceof KnowledgeFileError) return error;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('the broken file was accepted');
}

const rule = (data: Json, id: string): Json => (data.rules as Json[]).find((r) => r.id === id)!;

const ruleCases: [string, (data: Json) => void | string, string[]][] = [
  ['an unknown outcome', (d) => void (rule(d, 'R-AGE-MINOR').outcome = 'maybe'), ['rule R-AGE-MINOR', 'field "outcome"']],
  [
    'a misspelt answer field',
    (d) => void (rule(d, 'R-PREGNANCY').if = { field: 'pregnant', is: 'yes' }),
    ['rule R-PREGNANCY', 'field "if.field"', 'unknown answer field "pregnant"'],
  ],
  [
    'a broken nested condition',
    (d) => void (rule(d, 'R-ISO-RECENT').if.all[1].withinMonths = 0),
    ['rule R-ISO-RECENT', 'field "if.all[1].withinMonths"', 'whole number'],
  ],
  [
    'a comparison that does not fit the field',
    (d) => void (rule(d, 'R-ROSACEA').if = { field: 'rosacea', lt: 3 }),
    ['rule R-ROSACEA', 'field "if.lt"', 'does not apply'],
  ],
  [
    'a value the field never has',
    (d) => void (rule(d, 'R-ECZEMA').if = { field: 'eczema', is: 'sometimes' }),
    ['rule R-ECZEMA', 'field "if.is"', 'sometimes'],
  ],
  [
    'a banned word',
    (d) => void (rule(d, 'R-NONE').sentence = 'You are eligible for treatment.'),
    ['rule R-NONE', 'field "sentence"', 'eligible'],
  ],
  ['"safe" in a note', (d) => void ((d.notes as Json[])[0]!.sentence = 'It is safe at home.'), ['note N-DIY', 'field "sentence"']],
  ['a missing sentence', (d) => void delete rule(d, 'R-DIABETES').sentence, ['rule R-DIABETES', 'field "sentence"']],
  ['a misspelt key', (d) => void (rule(d, 'R-KELOID').outcom = 'consultation'), ['rule R-KELOID', 'field "outcom"']],
  [
    '{date} without a date window',
    (d) => void (rule(d, 'R-ROSACEA').sentence = 'Come back on {date}.'),
    ['rule R-ROSACEA', 'field "sentence"', '{date}'],
  ],
  ['an unknown placeholder', (d) => void (rule(d, 'R-SUNBURN').sentence = 'Hello {name}.'), ['rule R-SUNBURN', '{name}']],
  ['a duplicate id', (d) => void (rule(d, 'R-DIABETES').id = 'R-KELOID'), ['rule R-KELOID', 'field "id"', 'duplicate']],
  ['a rule without id', (d) => void delete rule(d, 'R-SUNBURN').id, ['(no id)', 'field "id"']],
  ['an unknown source tag', (d) => void (rule(d, 'R-PSORIASIS').sources = ['X']), ['rule R-PSORIASIS', 'field "sources[0]"']],
  [
    'a rule whose question was left out of the catalogue',
    (d) => void (d.questions.screening = (d.questions.screening as Json[]).filter((q) => q.field !== 'diabetes')),
    ['rule R-DIABETES', 'field "if.field"', 'unknown answer field "diabetes"'],
  ],
  [
    'a question id twice',
    (d) => void ((d.questions.screening as Json[])[1]!.id = 'age'),
    ['field "questions.screening[1].id"', 'duplicate question id age'],
  ],
  [
    'a field asked twice',
    (d) => void ((d.questions.screening as Json[])[1]!.field = 'age'),
    ['field "questions.screening[1].field"', '"age" is asked twice'],
  ],
  [
    'a choice question without choices',
    (d) => void delete ((d.questions.screening as Json[]).find((q) => q.id === 'isotretinoin') as Json).choices,
    ['a choice question lists its choices'],
  ],
  ['an unknown question type', (d) => void ((d.questions.screening as Json[])[0]!.type = 'essay'), ['field "questions.screening[0].type"']],
  [
    'a checklist item that is not yes / no / not sure',
    (d) => void ((d.questions.screening as Json[]).find((q) => q.id === 'age')!.group = 'skinNow'),
    ['only yes / no / not sure questions go in a checklist group'],
  ],
  [
    'a follow-up asked on an unknown field',
    (d) =>
      void ((d.questions.screening as Json[]).find((q) => q.id === 'lastSessionDate')!.askedWhen = {
        field: 'lastSesion.status',
        is: 'done',
      }),
    ['askedWhen', 'unknown answer field "lastSesion.status"'],
  ],
  [
    'an after-treatment question outside afterTreatment',
    (d) => void ((d.questions['after-treatment'] as Json[])[0]!.field = 'breathing'),
    ['after-treatment fields are written afterTreatment.<name>'],
  ],
  ['no fallback rule', (d) => void (d.rules = (d.rules as Json[]).filter((r) => r.id !== 'R-NONE')), ['field "rules"', 'otherwise']],
  [
    '"otherwise" inside a condition',
    (d) => void (rule(d, 'R-DIABETES').if = { any: [{ otherwise: true }] }),
    ['rule R-DIABETES', 'field "if.any[0]"'],
  ],
  ['a bad version', (d) => void (d.version = 'one'), ['field "version"']],
  ['text that is not JSON', () => '{ "version": ', ['field "(file)"', 'not valid JSON']],
];

describe('broken safety data files', () => {
  for (const [name, change, expected] of ruleCases) {
    it(`rules.json with ${name} names the file, item and field`, () => {
      const error = loadBroken('rules.json', loadRuleTable, change);
      expect(error.message).to.contain('rules.json');
      for (const part of expected) expect(error.message).to.contain(part);
    });
  }

  it('lists every problem at once, each with its rule id and field', () => {
    const error = loadBroken('rules.json', loadRuleTable, (d) => {
      rule(d, 'R-AGE-MINOR').outcome = 'later';
      rule(d, 'R-DIABETES').checks = [];
    });
    expect(error.issues.map((issue) => [issue.id, issue.field])).to.deep.include.members([
      ['rule R-AGE-MINOR', 'outcome'],
      ['rule R-DIABETES', 'checks'],
    ]);
  });

  it('a missing file names the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safety-missing-'));
    try {
      expect(() => loadRuleTable(dir)).to.throw(KnowledgeFileError, /rules\.json.*cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
