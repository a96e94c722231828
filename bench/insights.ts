/**
 * The clinic's insights at scale: the events of 100k conversations (about 23 each, spread over
 * 30 days) in the lowdb JSON-lines store, then the API's figures for those 30 days, timed: with
 * every day still as lines, and as the daily sweep leaves them (finished days rolled up; the
 * figure that must stay under 1 s).
 * Also the cost of the event writes per turn: `record` (what a turn pays) and a batched flush.
 * Usage: tsx bench/insights.ts [--conversations 100000] [--runs 5]
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { JsonLinesInsightsStore } from '../src/insights/jsonl-insights-store.js';
import { InsightsRecorder } from '../src/insights/insights-recorder.js';
import { insightsReport } from '../src/insights/insights-report.js';
import { daysOfRange } from '../src/insights/date-range.js';
import type { InsightEvent, InsightFact } from '../src/turn/insight-events.js';
import { createLogger } from '../src/logging/logger.js';
import { insightNamer } from '../src/insights/insight-names.js';
import { loadRuleTable } from '../src/safety/index.js';
import { loadStrings } from '../src/strings/index.js';
import { makeTempDir } from '../test/support/temp-dir.js';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const conversations = Number(argument('conversations', '100000'));
const runs = Number(argument('runs', '5'));
const DAYS = 30;
const QUESTIONS = ['consent', 'concerns', 'goal', 'age', 'pregnancy', 'isotretinoin', 'pigmentation'];
/** The first health question: answering it starts the screening in the funnel. */
const FIRST_HEALTH_QUESTION = 3;
const OUTCOMES: Array<[string, string[]]> = [
  ['consultation', ['R-NONE']],
  ['clinician-review', ['R-UNKNOWN']],
  ['not-suitable-now', ['R-ISO-CURRENT', 'R-UNKNOWN']],
  ['emergency', ['R-RF-ANAPHYLAXIS']],
];

/** One conversation's funnel facts: most finish, some stop at a question, some are unreadable or corrected once. */
function conversationFacts(i: number): InsightFact[] {
  const facts: InsightFact[] = [{ kind: 'conversation.started' }];
  const stopsAt = i % 7 === 0 ? i % QUESTIONS.length : -1;
  for (const [index, questionId] of QUESTIONS.entries()) {
    facts.push({ kind: 'question.asked', questionId });
    if (index === stopsAt) return facts;
    if (i % 11 === index) facts.push({ kind: 'question.unreadable', questionId }, { kind: 'question.asked', questionId });
    facts.push({ kind: 'question.answered', questionId }, { kind: 'question.left', questionId });
    if (index === 0) facts.push({ kind: 'consent.given' });
    if (index === FIRST_HEALTH_QUESTION) facts.push({ kind: 'funnel.screening-started' });
    if (index > FIRST_HEALTH_QUESTION && i % 9 === index) facts.push({ kind: 'answer.corrected', questionId: 'age' });
  }
  const [outcome, rules] = OUTCOMES[i % OUTCOMES.length]!;
  facts.push({ kind: 'funnel.screening-completed' }, { kind: 'outcome', outcome, rules });
  if (outcome === 'emergency') facts.push({ kind: 'red.flag', outcome });
  if (i % 5 === 0) facts.push({ kind: 'booking.opened' });
  if (i % 13 === 0) facts.push({ kind: 'handoff.requested' });
  if (i % 5 === 0 || i % 13 === 0) facts.push({ kind: 'funnel.followed-up' });
  return facts;
}

const temp = await makeTempDir('bench-insights-');
try {
  const store = new JsonLinesInsightsStore(join(temp.dir, 'insights'));
  const firstDay = Date.parse('2026-11-01T00:00:00Z');
  let stored = 0;
  let batch: InsightEvent[] = [];
  for (let i = 0; i < conversations; i += 1) {
    const day = new Date(firstDay + (i % DAYS) * 86_400_000).toISOString().slice(0, 10);
    for (const fact of conversationFacts(i)) batch.push({ day, ...fact });
    if (batch.length >= 50_000) {
      stored += batch.length;
      await store.append(batch);
      batch = [];
    }
  }
  stored += batch.length;
  await store.append(batch);

  const range = { from: '2026-11-01', to: '2026-11-30' };
  const namer = insightNamer(loadStrings('en'), loadRuleTable());
  let conversationsCounted: number | null = 0;
  const timeReports = async () => {
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const start = performance.now();
      const report = await insightsReport(store, range, { minCount: 5, namer });
      times.push(performance.now() - start);
      conversationsCounted = report.conversations;
    }
    times.sort((a, b) => a - b);
    return {
      median: Number(times[Math.floor(times.length / 2)]!.toFixed(1)),
      min: Number(times[0]!.toFixed(1)),
      max: Number(times.at(-1)!.toFixed(1)),
    };
  };
  // Every day still as appended lines (before any daily sweep has run).
  const raw = await timeReports();
  // As the daily sweep leaves it on 2026-11-30: the days before yesterday rolled up, yesterday and today as lines.
  const rollUpStart = performance.now();
  for (const day of daysOfRange({ from: '2026-11-01', to: '2026-11-28' })) await store.rollUp(day);
  const rollUpMs = performance.now() - rollUpStart;
  const steady = await timeReports();
  const median = steady.median;

  // Per turn: a turn hands about five facts to the recorder; the write happens later, batched.
  const recorder = new InsightsRecorder({
    store: new JsonLinesInsightsStore(join(temp.dir, 'turns')),
    logger: createLogger('silent'),
    clock: () => new Date('2026-11-24T10:00:00Z'),
    flushDelayMs: 60_000,
    maxBatch: Number.MAX_SAFE_INTEGER,
  });
  const turns = 100_000;
  const turnFacts: InsightFact[] = [
    { kind: 'question.answered', questionId: 'age' },
    { kind: 'question.left', questionId: 'age' },
    { kind: 'question.asked', questionId: 'pregnancy' },
  ];
  const recordStart = performance.now();
  for (let turn = 0; turn < turns; turn += 1) recorder.record(turnFacts);
  const recordUs = ((performance.now() - recordStart) / turns) * 1000;
  const flushStart = performance.now();
  await recorder.flush();
  const flushUsPerTurn = ((performance.now() - flushStart) / turns) * 1000;

  const result = {
    conversations,
    eventsStored: stored,
    days: DAYS,
    conversationsCounted,
    reportMs: { steady, allDaysAsLines: raw },
    rollUpOfFinishedDaysMs: Number(rollUpMs.toFixed(0)),
    perTurn: { recordMicroseconds: Number(recordUs.toFixed(2)), batchedWriteMicroseconds: Number(flushUsPerTurn.toFixed(2)) },
    withinOneSecond: median < 1000,
  };
  console.log(JSON.stringify(result, null, 2));
  if (!result.withinOneSecond) process.exitCode = 1;
} finally {
  await temp.remove();
}
