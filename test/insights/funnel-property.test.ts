import { expect } from 'chai';
import fc from 'fast-check';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ConversationFunnel, type FunnelState } from '../../src/insights/conversation-funnel.js';
import { aggregateInsights, type InsightCounts } from '../../src/insights/aggregate.js';
import { InsightsRecorder } from '../../src/insights/insights-recorder.js';
import { MemoryInsightsStore } from '../../src/insights/memory-insights-store.js';
import { daysOfRange } from '../../src/insights/date-range.js';
import { collectTurnFacts, noteFact } from '../../src/insights/turn-facts.js';
import { utcDay, type InsightFact } from '../../src/insights/events.js';
import { createLogger } from '../../src/logging/logger.js';

/**
 * What can happen in one turn of a conversation, in any order: the cases the old funnel got
 * wrong are all here (a decision before consent, consent given in another conversation of the
 * same person, a booking click before any result, a conversation carried on days later).
 */
const ACTIONS = ['message', 'consent', 'answer', 'decide', 'booking', 'handoff', 'ask'] as const;
type Action = (typeof ACTIONS)[number];

interface Turn {
  conversation: number;
  /** The person of the conversation (several conversations may be one person's: consent is theirs). */
  person: number;
  action: Action;
  /** Hours since the turn before: within a day, overnight, or days later. */
  hoursLater: number;
}

const turnArb: fc.Arbitrary<Turn> = fc.record({
  conversation: fc.integer({ min: 0, max: 5 }),
  person: fc.integer({ min: 0, max: 2 }),
  action: fc.constantFrom(...ACTIONS),
  hoursLater: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 80 })),
});

const STEPS = ['conversations', 'consented', 'screeningsStarted', 'screeningsCompleted', 'followedUp'] as const;
const stepsOf = (counts: InsightCounts) => STEPS.map((step) => counts[step]);

/** The turns played through the real funnel and recorder, as the bot wires them, into a memory store. */
async function play(turns: Turn[]): Promise<{ store: MemoryInsightsStore; firstDay: string; lastDay: string }> {
  let now = Date.parse('2026-11-01T08:00:00Z');
  const clock = () => new Date(now);
  const funnelStates = new Map<number, FunnelState>();
  const consentedPeople = new Set<number>();
  const answered = new Set<number>();
  const personOf = new Map<number, number>();
  const conversationOf = (context: TurnContext) => context.turnState.get('conversation') as number;
  const state: StatePropertyAccessor<FunnelState> = {
    get: async (context: TurnContext, fallback?: FunnelState) => {
      const id = conversationOf(context);
      if (!funnelStates.has(id) && fallback) funnelStates.set(id, fallback);
      return funnelStates.get(id)!;
    },
    set: async (context: TurnContext, value: FunnelState) => void funnelStates.set(conversationOf(context), value),
    delete: async (context: TurnContext) => void funnelStates.delete(conversationOf(context)),
  } as StatePropertyAccessor<FunnelState>;
  const funnel = new ConversationFunnel({
    state,
    consented: async (context) => consentedPeople.has(personOf.get(conversationOf(context))!),
    healthAnswersNoted: async (context) => answered.has(conversationOf(context)),
    clock,
  });
  const store = new MemoryInsightsStore();
  const recorder = new InsightsRecorder({ store, logger: createLogger('silent'), clock, flushDelayMs: 3_600_000 });
  const firstDay = utcDay(clock());
  for (const turn of turns) {
    now += turn.hoursLater * 3_600_000;
    // A conversation belongs to the person who first wrote in it.
    if (!personOf.has(turn.conversation)) personOf.set(turn.conversation, turn.person);
    const turnState = new Map<unknown, unknown>([['conversation', turn.conversation]]);
    const context = { turnState } as unknown as TurnContext;
    const facts: InsightFact[] = [];
    collectTurnFacts(context, facts);
    // A booking click is an event turn: it continues no dialog, so no visit begins with it.
    if (turn.action === 'booking') facts.push({ kind: 'booking.opened' });
    else await funnel.started(context);
    switch (turn.action) {
      case 'consent':
        consentedPeople.add(personOf.get(turn.conversation)!);
        break;
      case 'answer':
        answered.add(turn.conversation);
        break;
      case 'decide':
        // Any time: before consent too (a red flag in the first message).
        noteFact(context, { kind: 'outcome', outcome: 'emergency', rules: ['R-RF-ANAPHYLAXIS'] });
        break;
      case 'handoff':
        // A request for the team the receiver accepted (the bot notes it after the delivery).
        noteFact(context, { kind: 'handoff.requested' });
        break;
      case 'ask':
        await funnel.questionAsked(context, 'age');
        break;
      default:
        break;
    }
    await funnel.endTurn(context);
    recorder.record(facts);
  }
  await recorder.flush();
  return { store, firstDay, lastDay: utcDay(clock()) };
}

describe('The insights funnel: nested in every range of days (fast-check)', function () {
  this.timeout(120_000);

  it('never counts a step above the one before it, for any events and any range', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(turnArb, { maxLength: 60 }), fc.nat(), fc.nat(), async (turns, a, b) => {
        const { store, firstDay, lastDay } = await play(turns);
        const days = daysOfRange({ from: firstDay, to: lastDay });
        const [from, to] = [a % days.length, b % days.length].sort((x, y) => x - y) as [number, number];
        for (const range of [days, days.slice(from, to + 1)]) {
          const steps = stepsOf(aggregateInsights(await store.readDays(range)));
          for (let i = 1; i < steps.length; i += 1) {
            if (steps[i]! > steps[i - 1]!)
              expect.fail(`${STEPS[i]} ${steps[i]} above ${STEPS[i - 1]} ${steps[i - 1]} in ${range.join(',')}`);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  // The cases the old funnel counted wrongly, each as a fixed stream.
  const cases: Array<{ name: string; turns: Array<[number, number, Action, number]>; steps: number[] }> = [
    { name: 'a decision before consent is no completed screening', turns: [[0, 0, 'decide', 0]], steps: [1, 0, 0, 0, 0] },
    {
      name: 'consent from an earlier conversation counts in the new one, and only there once',
      turns: [
        [0, 0, 'consent', 0],
        [1, 0, 'message', 1],
        [1, 0, 'message', 1],
      ],
      steps: [2, 2, 0, 0, 0],
    },
    {
      name: 'a result, then booking: every step once, however often it happens again',
      turns: [
        [0, 0, 'consent', 0],
        [0, 0, 'answer', 0],
        [0, 0, 'decide', 0],
        [0, 0, 'decide', 0],
        [0, 0, 'booking', 0],
        [0, 0, 'handoff', 0],
      ],
      steps: [1, 1, 1, 1, 1],
    },
    {
      name: 'a booking click before any result is no follow-up',
      turns: [
        [0, 0, 'consent', 0],
        [0, 0, 'booking', 0],
        [0, 0, 'answer', 0],
      ],
      steps: [1, 1, 1, 0, 0],
    },
    {
      name: 'a conversation carried on two days later is a new visit',
      turns: [
        [0, 0, 'consent', 0],
        [0, 0, 'answer', 0],
        [0, 0, 'message', 50],
        [0, 0, 'decide', 0],
      ],
      steps: [2, 2, 2, 1, 0],
    },
    {
      name: 'overnight, the visit goes on (its steps stay on the day it began)',
      turns: [
        [0, 0, 'consent', 0],
        [0, 0, 'answer', 20],
        [0, 0, 'decide', 0],
      ],
      steps: [1, 1, 1, 1, 0],
    },
  ];
  for (const { name, turns, steps } of cases) {
    it(name, async () => {
      const { store, firstDay, lastDay } = await play(
        turns.map(([conversation, person, action, hoursLater]) => ({ conversation, person, action, hoursLater })),
      );
      expect(stepsOf(aggregateInsights(await store.readDays(daysOfRange({ from: firstDay, to: lastDay }))))).to.deep.equal(steps);
    });
  }

  it('writes every step of a visit to the day it began, even when a turn is on the next day', async () => {
    const { store } = await play([
      { conversation: 0, person: 0, action: 'consent', hoursLater: 0 },
      { conversation: 0, person: 0, action: 'decide', hoursLater: 20 },
    ]);
    const [first, second] = await store.readDays(['2026-11-01', '2026-11-02']);
    expect(stepsOf(aggregateInsights([first!]))).to.deep.equal([1, 1, 1, 1, 0]);
    // The outcome itself is counted on the day it was decided.
    expect(aggregateInsights([second!]).outcomes).to.deep.equal({ emergency: 1 });
  });
});
