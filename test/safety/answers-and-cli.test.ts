import { expect } from 'chai';
import { readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAssess } from '../../src/cli/assess.js';
import { answersSchemaFor, assess, parseAnswers, safetyKnowledgeDir } from '../../src/safety/index.js';
import { table } from './helpers.js';

function schemaLeaves(): string[] {
  const shape = (answersSchemaFor(table.fields) as unknown as { shape: Record<string, unknown> }).shape;
  return Object.entries(shape).flatMap(([key, value]) => {
    const inner = (value as { unwrap?: () => unknown }).unwrap?.() as { shape?: Record<string, unknown> } | undefined;
    return inner?.shape ? Object.keys(inner.shape).map((child) => `${key}.${child}`) : [key];
  });
}

describe('answers schema', () => {
  it('is derived from the catalogue: one leaf per answer field the rule table is checked against', () => {
    expect(Object.keys(table.fields)).to.have.members(schemaLeaves());
  });

  it('accepts the dialog contract and refuses unknown fields and values in one line', () => {
    expect(
      parseAnswers(
        { age: 34, isotretinoin: { status: 'stopped', stoppedOn: '2025-01-02' }, afterTreatment: { daysSinceTreatment: 2 } },
        table.fields,
      ).ok,
    ).to.equal(true);
    const bad = parseAnswers(
      { age: -1, rosacea: 'maybe', pregnant: 'no', lastSession: { status: 'done', date: '2025-02-30' } },
      table.fields,
    );
    expect(bad.ok).to.equal(false);
    if (!bad.ok) {
      expect(bad.error).not.to.contain('\n');
      for (const part of ['age', 'rosacea', 'pregnant', 'lastSession.date']) expect(bad.error).to.contain(part);
    }
  });
});

describe('example answers files', () => {
  const expected: Record<string, string> = {
    'consultation.json': 'consultation',
    'not-suitable-now.json': 'not-suitable-now',
    'after-treatment.json': 'consultation',
  };
  const dir = join(safetyKnowledgeDir, 'examples');
  it('there are 2-3 examples and each is valid', () => {
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    expect(files).to.have.members(Object.keys(expected));
  });
  for (const [file, outcome] of Object.entries(expected)) {
    it(`${file} gives ${outcome} on 2025-06-15`, () => {
      const lines: string[] = [];
      const code = runAssess([join(dir, file), '--date', '2025-06-15', '--json'], {
        out: (l) => lines.push(l),
        err: (l) => lines.push(l),
        today: () => '2000-01-01',
      });
      expect(code).to.equal(0);
      expect((JSON.parse(lines.join('\n')) as { outcome: string }).outcome).to.equal(outcome);
    });
  }
});

describe('assess CLI', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'assess-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = runAssess(args, { out: (l) => out.push(l), err: (l) => err.push(l), today: () => '2025-06-15' });
    return { code, out, err };
  }

  it('prints outcome, reasons with rule ids, notes and the reconsider date', () => {
    const file = join(dir, 'a.json');
    writeFileSync(
      file,
      JSON.stringify({ age: 34, pregnantOrBreastfeeding: 'unknown', lastSession: { status: 'done', date: '2025-06-10' } }),
    );
    const { code, out, err } = run([file]);
    expect(code).to.equal(0);
    expect(err).to.deep.equal([]);
    const text = out.join('\n');
    expect(text).to.contain('outcome:          not-suitable-now');
    expect(text).to.contain('R-TOO-SOON: ');
    expect(text).to.contain('8 July 2025');
    expect(text).to.contain('R-UNKNOWN: ');
    expect(text).to.contain('N-AFTERCARE: ');
  });

  it('--json prints the decision the engine gives, for the --date given', () => {
    const file = join(dir, 'a.json');
    writeFileSync(file, JSON.stringify({ rosacea: 'yes' }));
    const { code, out } = run([file, '--json', '--date', '2024-01-01']);
    expect(code).to.equal(0);
    expect(JSON.parse(out.join('\n'))).to.deep.equal(assess({ rosacea: 'yes' }, '2024-01-01', table));
  });

  const failures: [string, () => string[], RegExp][] = [
    ['no file', () => [], /no answers file given/],
    ['a missing file', () => [join(dir, 'nope.json')], /cannot read/],
    ['a file that is not JSON', () => (writeFileSync(join(dir, 'x.json'), '{ age: 3'), [join(dir, 'x.json')]), /not valid JSON/],
    [
      'invalid answers',
      () => (writeFileSync(join(dir, 'x.json'), '{"age":"old","rosaceaa":"no"}'), [join(dir, 'x.json')]),
      /invalid answers: .*age.*rosaceaa/,
    ],
    ['a bad --date', () => (writeFileSync(join(dir, 'x.json'), '{}'), [join(dir, 'x.json'), '--date', '2025-02-30']), /--date expects/],
    ['an unknown option', () => ['--verbose'], /unknown option --verbose/],
  ];
  for (const [name, args, message] of failures) {
    it(`${name}: one clear error line, exit code 2`, () => {
      const { code, out, err } = run(args());
      expect(code).to.equal(2);
      expect(out).to.deep.equal([]);
      expect(err).to.have.length(1);
      expect(err[0]).to.match(message);
    });
  }
});
