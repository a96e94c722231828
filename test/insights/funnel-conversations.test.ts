import { expect } from 'chai';
import { MemoryStorage, type Activity } from 'botbuilder';
import { aggregateInsights, type InsightCounts } from '../../src/insights/aggregate.js';
import { daysOfRange } from '../../src/insights/date-range.js';
import { InsightsMiddleware } from '../../src/insights/insights-middleware.js';
import { InsightsRecorder } from '../../src/insights/insights-recorder.js';
import { MemoryInsightsStore } from '../../src/insights/memory-insights-store.js';
import { ReplyAfterSave } from '../../src/bot/reply-after-save.js';
import { createLogger } from '../../src/logging/logger.js';
import { buildTestBot, runConversation, scriptUntil, testCore, type Turn } from '../support/conversation.js';
import type { ScriptAnswers } from '../support/assessment-script.js';
import { receiverForSuite } from '../support/fake-handoff-receiver.js';
import type { HandoffTarget } from '../../src/handoff/webhook.js';

const DAY_MS = 86_400_000;

/**
 * Whole conversations through the real bot, wired as the server wires it (replies held until
 * the save, the insights middleware), into a memory store: the funnel and the corrections as
 * the page will count them.
 */
function insightsBench(handoff?: HandoffTarget) {
  let now = Date.parse('2026-11-24T10:00:00Z');
  const clock = () => new Date(now);
  const storage = new MemoryStorage();
  const store = new MemoryInsightsStore();
  const logger = createLogger('silent');
  const recorder = new InsightsRecorder({ store, logger, clock, flushDelayMs: 3_600_000 });
  const conversation = (conversationId: string, userId = 'user-1') => {
    const { adapter } = buildTestBot({ storage, clock, conversationId, userId, ...(handoff ? { handoff } : {}) });
    adapter.use(new ReplyAfterSave(testCore().strings, logger));
    adapter.use(new InsightsMiddleware(recorder));
    return (turns: Turn[]) => runConversation(turns, { adapter });
  };
  const counts = async (): Promise<InsightCounts> => {
    await recorder.flush();
    const today = clock().toISOString().slice(0, 10);
    return aggregateInsights(await store.readDays(daysOfRange({ from: '2026-11-24', to: today })));
  };
  return { conversation, counts, later: (days: number) => (now += days * DAY_MS) };
}

const funnel = (counts: InsightCounts) => [
  counts.conversations,
  counts.consented,
  counts.screeningsStarted,
  counts.screeningsCompleted,
  counts.followedUp,
];

const bookingOpened: Partial<Activity> = { type: 'event', name: 'booking.opened', value: {} };

/** A whole assessment, the offer of a person after the result answered too. */
const assessed = (answers: ScriptAnswers = {}): Turn => ({ script: { answers: { human: 'no thanks', ...answers }, until: 'none' } });

describe('The insights funnel and corrections, counted from whole conversations', function () {
  this.timeout(60_000);

  it('a red flag in the first message, before consent: an outcome and a red flag, but no consent or screening', async () => {
    const bench = insightsBench();
    await bench.conversation('c1')([{ send: "my lips are swelling and I can't breathe" }]);
    const counts = await bench.counts();
    expect(funnel(counts)).to.deep.equal([1, 0, 0, 0, 0]);
    expect(counts.outcomes).to.deep.equal({ emergency: 1 });
    expect(counts.redFlags.emergency).to.equal(1);
  });

  it('consent from an earlier conversation counts in the new one; its result only where it was reached', async () => {
    const bench = insightsBench();
    await bench.conversation('c1')([assessed()]);
    await bench.conversation('c2')([{ send: 'hi' }]);
    expect(funnel(await bench.counts())).to.deep.equal([2, 2, 1, 1, 0]);
  });

  const followUps: Array<[string, Turn[], number[]]> = [
    ['declining the offer', [assessed()], [1, 1, 1, 1, 0]],
    ['declining, then opening the booking link', [assessed(), { send: bookingOpened }], [1, 1, 1, 1, 1]],
    // Concerns and goal are no health answers: the screening has not started.
    ['opening the booking link before any result', [scriptUntil('age'), { send: bookingOpened }, { send: bookingOpened }], [1, 1, 0, 0, 0]],
  ];
  for (const [name, turns, steps] of followUps) {
    it(`the last step, after a result: ${name}`, async () => {
      const bench = insightsBench();
      await bench.conversation('c1')(turns);
      expect(funnel(await bench.counts())).to.deep.equal(steps);
    });
  }

  describe('asking the team to contact them (a handoff receiver on 127.0.0.1)', () => {
    const SECRET = 'funnel-handoff-secret-0123456789';
    const receiver = receiverForSuite(SECRET);
    const askTeam = assessed({ human: 'Yes, ask them to contact me', handoffContact: 'sam@example.com', handoffConsent: 'yes' });
    // [name, receiver's answers, funnel, handoffs]: a request counts once the receiver accepted it.
    const requests: Array<[string, number[], number[], number]> = [
      ['sent', [], [1, 1, 1, 1, 1], 1],
      ['sent on the third try', [503, 500], [1, 1, 1, 1, 1], 1],
      ['never accepted', [500, 500, 500], [1, 1, 1, 1, 0], 0],
      ['refused', [400], [1, 1, 1, 1, 0], 0],
    ];
    for (const [name, failures, steps, handoffs] of requests) {
      it(`the last step and the handoffs count, a request ${name}`, async () => {
        receiver().failNext(...failures);
        const bench = insightsBench({ url: receiver().url, secret: SECRET, retryDelaysMs: [1, 1] });
        await bench.conversation('c1')([askTeam]);
        const counts = await bench.counts();
        expect(funnel(counts)).to.deep.equal(steps);
        expect(counts.handoffs).to.equal(handoffs);
      });
    }
  });

  it('a conversation carried on two days later is counted again from where it is', async () => {
    const bench = insightsBench();
    const talk = bench.conversation('c1');
    await talk([scriptUntil('pregnancy')]);
    bench.later(2);
    await talk([{ script: { first: "no I'm not" } }]);
    expect(funnel(await bench.counts())).to.deep.equal([2, 2, 2, 1, 0]);
  });

  // [name, turns, corrected, decisions]: a message after the result that changes an answer decides again.
  const corrections: Array<[string, Turn[], Record<string, number>, number]> = [
    ['answers given once are no corrections', [assessed()], {}, 1],
    [
      '"not sure", then an answer, is no correction',
      [assessed({ pigmentation: 'not sure' }), { send: 'I do have a darker skin tone' }],
      {},
      2,
    ],
    ['a correction at the read-back', [assessed({ readBack: ["actually I'm 35", "that's right"] })], { age: 1 }, 1],
    ['a correction after the result', [assessed(), { send: "actually I'm pregnant" }], { pregnancy: 1 }, 2],
  ];
  for (const [name, turns, corrected, decisions] of corrections) {
    it(`counts answers corrected after noting: ${name}`, async () => {
      const bench = insightsBench();
      await bench.conversation('c1')(turns);
      const counts = await bench.counts();
      expect(counts.corrected).to.deep.equal(corrected);
      expect(Object.values(counts.outcomes).reduce((sum, n) => sum + n, 0)).to.equal(decisions);
    });
  }
});
