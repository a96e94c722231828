import { expect } from 'chai';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { aggregateInsights } from '../../src/insights/aggregate.js';
import { JsonLinesInsightsStore } from '../../src/insights/jsonl-insights-store.js';
import { MemoryInsightsStore } from '../../src/insights/memory-insights-store.js';
import type { InsightEvent } from '../../src/turn/insight-events.js';
import type { InsightsStore } from '../../src/insights/insights-store.js';
import { insightsRetentionTarget } from '../../src/insights/create-insights-store.js';
import { makeTempDir } from '../support/temp-dir.js';

const events: InsightEvent[] = [
  { day: '2026-11-01', kind: 'conversation.started' },
  { day: '2026-11-01', kind: 'conversation.started' },
  { day: '2026-11-01', kind: 'question.asked', questionId: 'agePrompt' },
  { day: '2026-11-01', kind: 'outcome', outcome: 'consultation', rules: ['R-NONE'] },
  { day: '2026-11-02', kind: 'booking.opened' },
];

const stores: Array<[string, () => Promise<{ store: InsightsStore; done: () => Promise<void> }>]> = [
  ['memory', async () => ({ store: new MemoryInsightsStore(), done: async () => undefined })],
  [
    'JSON lines',
    async () => {
      const temp = await makeTempDir('insights-store-');
      return { store: new JsonLinesInsightsStore(join(temp.dir, 'insights')), done: temp.remove };
    },
  ],
];

describe('Insights stores', () => {
  for (const [name, make] of stores) {
    it(`${name}: a rolled-up day counts as before, and more lines after it add up`, async () => {
      const { store, done } = await make();
      try {
        await store.append(events);
        const before = aggregateInsights(await store.readDays(['2026-11-01', '2026-11-02']));
        expect(await store.rollUp('2026-11-01')).to.equal(true);
        expect(await store.rollUp('2026-11-01')).to.equal(false);
        expect(aggregateInsights(await store.readDays(['2026-11-01', '2026-11-02']))).to.deep.equal(before);
        await store.append([{ day: '2026-11-01', kind: 'conversation.started' }]);
        expect(aggregateInsights(await store.readDays(['2026-11-01'])).conversations).to.equal(3);
        await store.rollUp('2026-11-01');
        expect(aggregateInsights(await store.readDays(['2026-11-01'])).conversations).to.equal(3);
      } finally {
        await done();
      }
    });

    it(`${name}: the retention sweep deletes old days and rolls up the finished ones`, async () => {
      const { store, done } = await make();
      try {
        await store.append([...events, { day: '2026-11-20', kind: 'conversation.started' }]);
        const target = insightsRetentionTarget(store, () => new Date('2026-11-21T12:00:00Z'));
        expect(await target.sweep(new Date('2026-11-02T00:00:00Z'))).to.equal(1);
        const [gone, kept, today] = await store.readDays(['2026-11-01', '2026-11-02', '2026-11-20']);
        expect(gone).to.deep.equal({ lines: '' });
        expect(kept!.lines).to.equal('');
        expect(Object.values(kept!.rolledUp ?? {})).to.deep.equal([1]);
        // Yesterday may still get a late batch: not rolled up yet.
        expect(today!.rolledUp).to.equal(undefined);
      } finally {
        await done();
      }
    });
  }

  it('JSON lines: a roll-up interrupted before the lines were removed does not count them twice', async () => {
    const temp = await makeTempDir('insights-store-');
    try {
      const dir = join(temp.dir, 'insights');
      const store = new JsonLinesInsightsStore(dir);
      await store.append(events);
      const lines = await readFile(join(dir, 'insights-2026-11-01.jsonl'));
      await store.rollUp('2026-11-01');
      const rollUp = JSON.parse(await readFile(join(dir, 'insights-2026-11-01.counts.json'), 'utf8'));
      // As if the process died between writing the counts and removing the lines.
      await writeFile(join(dir, 'insights-2026-11-01.counts.json'), JSON.stringify({ ...rollUp, countedBytes: lines.length }));
      await writeFile(join(dir, 'insights-2026-11-01.jsonl'), lines);
      expect(aggregateInsights(await store.readDays(['2026-11-01'])).conversations).to.equal(2);
      await store.rollUp('2026-11-01');
      expect(aggregateInsights(await store.readDays(['2026-11-01'])).conversations).to.equal(2);
      expect((await readdir(dir)).sort()).to.deep.equal(['insights-2026-11-01.counts.json', 'insights-2026-11-02.jsonl']);
    } finally {
      await temp.remove();
    }
  });

  it('the aggregation skips lines that are not events (a torn last line, a stray field)', () => {
    const lines = [
      JSON.stringify({ day: '2026-11-01', kind: 'conversation.started' }),
      '{"day":"2026-11-01","kind":"conv',
      JSON.stringify({ day: '2026-11-01', kind: 'conversation.started', text: 'my name is' }),
      JSON.stringify({ day: '2026-11-01', kind: 'made.up' }),
    ].join('\n');
    expect(aggregateInsights([{ lines }]).conversations).to.equal(1);
  });
});
