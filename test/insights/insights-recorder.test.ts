import { expect } from 'chai';
import sinon from 'sinon';
import { InsightsRecorder } from '../../src/insights/insights-recorder.js';
import { MemoryInsightsStore } from '../../src/insights/memory-insights-store.js';
import type { InsightsStore } from '../../src/insights/insights-store.js';
import { createLogger } from '../../src/logging/logger.js';
import { checkedLine } from '../../src/checked-lines.js';

const clock = () => new Date('2026-11-24T23:59:59Z');

describe('The insights recorder', () => {
  it('writes nothing during the turn: events wait in a buffer and go out together', async () => {
    const store = new MemoryInsightsStore();
    const append = sinon.spy(store, 'append');
    const recorder = new InsightsRecorder({ store, logger: createLogger('silent'), clock, flushDelayMs: 60_000 });
    recorder.record([{ kind: 'conversation.started' }]);
    recorder.record([{ kind: 'question.asked', questionId: 'agePrompt' }]);
    expect(append.called).to.equal(false);
    await recorder.flush();
    expect(append.calledOnce).to.equal(true);
    expect(append.firstCall.args[0]).to.deep.equal([
      { day: '2026-11-24', kind: 'conversation.started' },
      { day: '2026-11-24', kind: 'question.asked', questionId: 'agePrompt' },
    ]);
  });

  it('writes a full batch at once', async () => {
    const store = new MemoryInsightsStore();
    const append = sinon.spy(store, 'append');
    const recorder = new InsightsRecorder({ store, logger: createLogger('silent'), clock, flushDelayMs: 60_000, maxBatch: 3 });
    recorder.record([{ kind: 'booking.opened' }, { kind: 'booking.opened' }, { kind: 'booking.opened' }]);
    await recorder.flush();
    expect(append.callCount).to.equal(1);
    expect(append.firstCall.args[0]).to.have.length(3);
  });

  it('never throws into a turn: a failing store is logged (without the events) and the events dropped', async () => {
    const failing: InsightsStore = {
      append: async () => {
        throw new Error('disk full');
      },
      readDays: async () => [],
      rollUp: async () => false,
      deleteDaysBefore: async () => 0,
    };
    const logger = createLogger('silent');
    const warn = sinon.spy(logger, 'warn');
    const recorder = new InsightsRecorder({ store: failing, logger, clock, flushDelayMs: 60_000 });
    expect(() => recorder.record([{ kind: 'handoff.requested' }])).to.not.throw();
    await recorder.flush();
    expect(warn.calledOnce).to.equal(true);
    expect(warn.firstCall.args[0]).to.deep.equal({ event: 'insights.write_failed', events: 1, type: 'Error' });
  });

  it('drops a malformed fact instead of storing it (only known kinds and ids)', async () => {
    const store = new MemoryInsightsStore();
    const recorder = new InsightsRecorder({ store, logger: createLogger('silent'), clock, flushDelayMs: 60_000 });
    recorder.record([
      { kind: 'question.asked', questionId: 'I am 34 and pregnant' },
      { kind: 'nonsense' as never },
      { kind: 'booking.opened' },
    ]);
    await recorder.flush();
    expect(await store.readDays(['2026-11-24'])).to.deep.equal([{ lines: checkedLine('{"day":"2026-11-24","kind":"booking.opened"}') }]);
  });

  it('keeps a funnel step on the day its visit began (today or yesterday), never on a day that may be rolled up', async () => {
    const store = new MemoryInsightsStore();
    const recorder = new InsightsRecorder({ store, logger: createLogger('silent'), clock, flushDelayMs: 60_000 });
    recorder.record([
      { kind: 'consent.given', day: '2026-11-24' },
      { kind: 'consent.given', day: '2026-11-23' },
      { kind: 'consent.given', day: '2026-11-22' },
      { kind: 'consent.given', day: '2026-11-25' },
    ]);
    await recorder.flush();
    const [before, yesterday, today, tomorrow] = await store.readDays(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    expect([before, tomorrow]).to.deep.equal([{ lines: '' }, { lines: '' }]);
    expect(yesterday).to.deep.equal({ lines: checkedLine('{"day":"2026-11-23","kind":"consent.given"}') });
    expect(today).to.deep.equal({ lines: checkedLine('{"day":"2026-11-24","kind":"consent.given"}') });
  });
});
