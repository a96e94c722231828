import { expect } from 'chai';
import fc from 'fast-check';
import { createLogger } from '../../src/logging/logger.js';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { freeTextPerson } from '../support/free-text-person.js';
import {
  LOOPBACK_SERVICE_URL,
  bogusCardSubmit,
  hostileAnswer,
  hostileMessage,
  mutatedActivity,
  otherTypeActivity,
  rawBody,
  useReplyServiceUrl,
  type ActivityCase,
  type RawCase,
} from './arbitraries.js';
import {
  EventLoopWatchdog,
  FUZZ_QUOTA,
  FUZZ_SEED,
  LogSink,
  NO_TIME_BUDGET,
  StatusTally,
  Tripwires,
  describeInputs,
  fuzzOptions,
  postRaw,
  reasonOf,
  type RawResponse,
} from './harness.js';

/** Requests in flight at once: one property run posts this many inputs together. */
const BATCH = 4;
/** A normal person's turns every this many runs. */
const NORMAL_EVERY = 25;
const ACTIVITY_RUNS = 1_300;
const RAW_RUNS = 350;
const ANSWER_RUNS = 150;

/**
 * Fuzzing POST /api/messages in local mode (no App ID): activities with wrong, missing or
 * hostile fields, bogus card submits, unknown types, and bodies that are not JSON objects.
 * Every answer must be 200 (the replies, with `expectReplies`) or a 4xx that says why; no turn
 * may fail (an error log line); meanwhile a normal person keeps getting sensible answers.
 */
describe(`Fuzz: POST /api/messages (FUZZ_SEED=${FUZZ_SEED})`, function () {
  this.timeout(NO_TIME_BUDGET);

  const tripwires = new Tripwires();
  const watchdog = new EventLoopWatchdog();
  const log = new LogSink();
  let connector: FakeConnector;
  let app: RunningApp;
  let sent = 0;
  let normalTurns = 0;
  const tally = new StatusTally();

  before(async () => {
    tripwires.install();
    watchdog.start();
    connector = await startFakeConnector();
    // Replies of activities not asking for expectReplies are posted to this loopback connector.
    useReplyServiceUrl(connector.serviceUrl);
    app = await startTestApp({}, undefined, { logger: createLogger('warn', log) });
  });
  after(async () => {
    await app?.close();
    await connector?.close();
    useReplyServiceUrl(LOOPBACK_SERVICE_URL);
    tripwires.remove();
    await watchdog.stop();
    tally.print(`answers to ${sent} inputs`);
  });

  /** A normal person meanwhile: a fresh conversation gets the welcome, and "yes" moves it on. */
  async function normalConversation(): Promise<void> {
    normalTurns += 1;
    const ids = { user: `normal-user-${normalTurns}`, conversation: `normal-${normalTurns}` };
    const hello = await postActivity(app.baseUrl, messageActivity('hello', ids));
    expect(hello.status, 'hello').to.equal(200);
    const helloTexts = (hello.body.activities as Array<{ text?: string }>).map((reply) => reply.text ?? '').join('\n');
    expect(helloTexts)
      .to.match(/skin-treatment guide/)
      .and.to.match(/Do you agree/);
    const yes = await postActivity(app.baseUrl, messageActivity('yes', ids));
    expect(yes.status, 'yes').to.equal(200);
    expect((yes.body.activities as Array<{ text?: string }>).map((reply) => reply.text ?? '').join('\n')).to.match(/in your own words/);
  }

  /** 200, or a 4xx with a reason; never a 5xx (an invoke no handler answers is a 400 too). */
  function checkAnswer(input: ActivityCase | RawCase, response: RawResponse): void {
    sent += 1;
    tally.add('activity' in input ? 'activity' : 'raw body', response.status);
    const where = `${input.label}: ${response.status} ${response.text.slice(0, 300)}`;
    if (response.status >= 400 && response.status < 500) {
      expect(reasonOf(response.json), `a 4xx without a reason (${where})`).to.be.a('string');
      return;
    }
    expect(response.status, `neither 200 nor a 4xx (${where})`).to.equal(200);
  }

  async function postActivityCase(input: ActivityCase): Promise<void> {
    const response = await postRaw(`${app.baseUrl}/api/messages`, JSON.stringify(input.activity), { 'content-type': 'application/json' });
    checkAnswer(input, response);
    if (response.status === 200 && input.activity['deliveryMode'] === 'expectReplies') {
      const body = response.json as { activities?: unknown } | undefined;
      expect(body?.activities, `expectReplies without the replies (${input.label})`).to.be.an('array');
    }
  }

  async function postRawCase(input: RawCase): Promise<void> {
    const headers: Record<string, string> = {};
    if (input.contentType !== undefined) headers['content-type'] = input.contentType;
    if (input.contentEncoding !== undefined) headers['content-encoding'] = input.contentEncoding;
    checkAnswer(input, await postRaw(`${app.baseUrl}/api/messages`, input.body, headers));
  }

  /** One property run: a batch at once, now and then with a normal person's turns alongside; no turn may fail. */
  function batchProperty<T>(arbitrary: fc.Arbitrary<T>, post: (input: T) => Promise<void>) {
    let run = 0;
    return fc.asyncProperty(fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }), async (inputs) => {
      run += 1;
      watchdog.sending(describeInputs(inputs));
      const errorsBefore = log.errors().length;
      await Promise.all([...inputs.map(post), run % NORMAL_EVERY === 0 ? normalConversation() : Promise.resolve()]);
      expect(log.errors().length - errorsBefore, `error logged:\n${log.describeErrors(errorsBefore)}`).to.equal(0);
    });
  }

  const activityCase = fc.oneof(
    { arbitrary: mutatedActivity, weight: 6 },
    { arbitrary: hostileMessage, weight: 2 },
    { arbitrary: bogusCardSubmit, weight: 2 },
    { arbitrary: otherTypeActivity, weight: 2 },
  );

  it('answers activities with wrong, missing or hostile fields with 200 or a 4xx with a reason', async () => {
    await fc.assert(batchProperty(activityCase, postActivityCase), fuzzOptions(ACTIVITY_RUNS, 0));
  });

  it('answers bodies that are not a JSON object, in any content type or encoding, with 200 or a 4xx with a reason', async () => {
    await fc.assert(batchProperty(rawBody, postRawCase), fuzzOptions(RAW_RUNS, 1));
  });

  it('replies to hostile answers at every step of the assessment, never with a failed turn', async () => {
    // One conversation stopped at each step of a whole assessment; each hostile answer goes to a copy.
    const steps: string[] = [];
    for (let step = 1; step < freeTextPerson.length; step++) {
      const ids = { user: 'steps-user', conversation: `step-${step}` };
      for (const text of freeTextPerson.slice(0, step))
        expect((await postActivity(app.baseUrl, messageActivity(text, ids))).status).to.equal(200);
      steps.push(ids.conversation);
    }
    let copies = 0;
    async function answerAt(step: number, answer: { text?: string; value?: unknown; label: string }): Promise<void> {
      const conversation = `answer-${++copies}`;
      // ConversationState's key: channel, conversation id, and its namespace (empty) after a slash.
      const key = (id: string) => `webchat/conversations/${id}/`;
      const stored = (await app.storage.read([key(steps[step]!)]))[key(steps[step]!)];
      expect(stored, `the conversation stopped at step ${step + 1}`).to.have.property('dialogState');
      await app.storage.write({ [key(conversation)]: { ...stored, eTag: '*' } });
      const activity = { ...messageActivity('', { user: 'steps-user', conversation }) } as Record<string, unknown>;
      delete activity['text'];
      if (answer.text !== undefined) activity['text'] = answer.text;
      if (answer.value !== undefined) activity['value'] = answer.value;
      const input = { activity, label: `step ${step + 1} (after "${freeTextPerson[step]}"): ${answer.label}` };
      const response = await postRaw(`${app.baseUrl}/api/messages`, JSON.stringify(activity), { 'content-type': 'application/json' });
      checkAnswer(input, response);
      if (response.status !== 200) return; // a card submit over MAX_BODY_BYTES: 413
      const replies = (response.json as { activities: Array<{ type: string }> }).activities;
      expect(
        replies.filter((reply) => reply.type === 'message'),
        `no reply to ${input.label}`,
      ).to.not.deep.equal([]);
    }
    const answerCase = fc.record({ step: fc.nat({ max: steps.length - 1 }), answer: hostileAnswer });
    await fc.assert(
      batchProperty(answerCase, ({ step, answer }) => answerAt(step, answer)),
      fuzzOptions(ANSWER_RUNS, 2),
    );
  });

  it('kept answering: /healthz, then a whole conversation to its outcome', async () => {
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.deep.equal({ status: 'ok' });
    const replies: Array<{ type: string; name?: string }> = [];
    for (const text of freeTextPerson) {
      const response = await postActivity(app.baseUrl, messageActivity(text, { user: 'after-fuzz', conversation: 'after-fuzz' }));
      expect(response.status, text).to.equal(200);
      replies.push(...response.body.activities);
    }
    expect(replies.some((reply) => reply.type === 'event' && reply.name === 'assessment.completed')).to.equal(true);
    expect(normalTurns, 'normal turns interleaved with the fuzzing').to.be.at.least(
      Math.floor((ACTIVITY_RUNS + RAW_RUNS + ANSWER_RUNS) / NORMAL_EVERY),
    );
  });

  it(`sent at least ${FUZZ_QUOTA.messages} hostile inputs; no unhandled rejection, uncaught exception, error logged or connection beyond loopback`, () => {
    expect(sent).to.be.at.least(FUZZ_QUOTA.messages);
    expect(
      tripwires.unhandledRejections.length + tripwires.uncaughtExceptions.length + tripwires.outboundConnections.length,
      tripwires.describe(),
    ).to.equal(0);
    expect(log.errors(), log.describeErrors()).to.deep.equal([]);
  });
});
