import { expect } from 'chai';
import { JsonLinesInsightsStore } from '../../src/insights/jsonl-insights-store.js';
import { runInsightsCli } from '../../src/cli/insights.js';
import { makeTempDir } from '../support/temp-dir.js';
import { join } from 'node:path';
import type { InsightEvent } from '../../src/turn/insight-events.js';

const now = () => new Date('2026-11-24T12:00:00Z');

function events(): InsightEvent[] {
  const list: InsightEvent[] = [];
  for (let i = 0; i < 6; i += 1) {
    list.push(
      { day: '2026-11-23', kind: 'conversation.started' },
      { day: '2026-11-23', kind: 'question.asked', questionId: 'age' },
      { day: '2026-11-23', kind: 'answer.corrected', questionId: 'pregnancy' },
    );
  }
  list.push({ day: '2026-11-24', kind: 'outcome', outcome: 'consultation', rules: ['R-NONE'] });
  return list;
}

async function run(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runInsightsCli(args, { out: (line) => out.push(line), err: (line) => err.push(line), env, now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run insights', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let env: Record<string, string>;
  before(async () => {
    temp = await makeTempDir('insights-cli-');
    await new JsonLinesInsightsStore(join(temp.dir, 'insights')).append(events());
    env = { STORAGE: 'lowdb', DATA_DIR: temp.dir, INSIGHTS_MIN_COUNT: '5' };
  });
  after(() => temp.remove());

  it('prints a table from the store the configuration names', async () => {
    const { code, out } = await run(['--from', '2026-11-01', '--to', '2026-11-24'], env);
    expect(code).to.equal(0);
    expect(out).to.contain('Clinic insights 2026-11-01 to 2026-11-24 (counts from 1 to 4 hidden as <5, 0 shown)');
    expect(out).to.match(/Conversations\s+6\n/);
    // Zero is 0 (nobody), not "<5".
    expect(out).to.match(/Agreed to the terms\s+0\n/);
    expect(out).to.match(/Consultation\s+<5\n/);
    expect(out).to.match(/No other rule applies\s+<5\n/);
    expect(out).to.match(/Answers corrected after noting, by question\n\s+Pregnant or breastfeeding\s+6\n/);
    // Asked 6 times, never unreadable; it is also where those conversations stopped.
    expect(out).to.match(/^ {2}Age\s+6\s+0$/m);
    expect(out).to.match(/Where people stopped[^\n]*\n\s+Age\s+6\n/);
    for (const id of ['R-NONE', 'consultation', 'pregnancy', 'age ']) expect(out).to.not.contain(id);
  });

  it('prints the API JSON with --json', async () => {
    const { code, out } = await run(['--from', '2026-11-23', '--to', '2026-11-24', '--json'], env);
    expect(code).to.equal(0);
    const report = JSON.parse(out);
    expect(report).to.include({ from: '2026-11-23', to: '2026-11-24', minCount: 5, conversations: 6, consented: 0, zeroShown: true });
    expect(report.dropOff).to.deep.equal({ age: 6 });
    expect(report.corrected).to.deep.equal({ pregnancy: 6 });
    expect(report.suppressed).to.include('outcomes.consultation');
    expect(report.suppressed).to.not.include('consented');
    expect(report.names).to.deep.equal({
      questions: { age: 'Age', pregnancy: 'Pregnant or breastfeeding' },
      rules: { 'R-NONE': 'No other rule applies' },
      outcomes: { consultation: 'Consultation' },
    });
  });

  const bad: Array<[string[], RegExp]> = [
    [['--from', '2026-11-24', '--to', '2026-11-01'], /from: must be on or before to/],
    [['--from', 'last week'], /from: expected a date/],
    [['--verbose'], /unknown argument --verbose/],
  ];
  for (const [args, message] of bad) {
    it(`stops with exit code 2 for ${args.join(' ')}`, async () => {
      const { code, err } = await run(args, env);
      expect(code).to.equal(2);
      expect(err).to.match(message);
    });
  }

  it('stops with exit code 2 naming a bad setting', async () => {
    const { code, err } = await run([], { ...env, INSIGHTS_MIN_COUNT: '0' });
    expect(code).to.equal(2);
    expect(err).to.contain('INSIGHTS_MIN_COUNT:');
  });
});
