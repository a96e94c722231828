import { expect } from 'chai';
import { JsonLinesInsightsStore } from '../../src/insights/jsonl-insights-store.js';
import { runInsightsCli } from '../../src/cli/insights.js';
import { makeTempDir } from '../support/temp-dir.js';
import { join } from 'node:path';
import type { InsightEvent } from '../../src/insights/events.js';

const now = () => new Date('2026-11-24T12:00:00Z');

function events(): InsightEvent[] {
  const list: InsightEvent[] = [];
  for (let i = 0; i < 6; i += 1) {
    list.push({ day: '2026-11-23', kind: 'conversation.started' }, { day: '2026-11-23', kind: 'question.asked', questionId: 'agePrompt' });
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
    expect(out).to.contain('Clinic insights 2026-11-01 to 2026-11-24');
    expect(out).to.match(/conversations\s+6/);
    expect(out).to.match(/consultation\s+<5/);
    expect(out).to.match(/agePrompt\s+6\s+<5/);
  });

  it('prints the API JSON with --json', async () => {
    const { code, out } = await run(['--from', '2026-11-23', '--to', '2026-11-24', '--json'], env);
    expect(code).to.equal(0);
    const report = JSON.parse(out);
    expect(report).to.include({ from: '2026-11-23', to: '2026-11-24', minCount: 5, conversations: 6, consented: null });
    expect(report.dropOff).to.deep.equal({ agePrompt: 6 });
    expect(report.suppressed).to.include('outcomes.consultation');
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
