import { expect } from 'chai';
import { Writable } from 'node:stream';
import sinon from 'sinon';
import type { Activity, TurnContext } from 'botbuilder';
import { createLogger } from '../../src/logging/logger.js';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { answerQuestions, type Send } from '../support/assessment-script.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { postWebhook, webhook, whatsappEnv } from '../support/whatsapp-webhook.js';

/** Things a person sends that must never reach a log line, each unique enough to search for. */
const SENTINEL = 'Sentinel-Purple-Giraffe-4417';
const NAME = 'Wilhelmina Quux-Sentinelova';
const PHONE = '447700987654';

/** Every line the app logs, at the most talkative level. */
function captureLogs(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('Logs hold no message text, names or phone numbers', function () {
  this.timeout(60_000);
  let graph: FakeGraph;
  let app: RunningApp;
  const logs = captureLogs();
  let rateLimitNow = 0;

  before(async () => {
    graph = await startFakeGraph();
    app = await startTestApp({ ...whatsappEnv(graph.base), LOG_LEVEL: 'trace', RATE_LIMIT_PER_CONVERSATION: '20' }, undefined, {
      logger: createLogger('trace', logs.stream),
      whatsappRetryDelaysMs: [1],
      // The rate limits' clock: it moves on only when the test says, so the assessment is never limited.
      rateLimitClock: () => rateLimitNow,
    });
  });
  after(async () => {
    await app.close();
    await graph.close();
  });

  it('after a whole conversation, a failed turn, bad requests, a flood and WhatsApp, the sentinel is nowhere', async () => {
    const ids = { user: 'sentinel-user', conversation: 'sentinel-chat' };
    const withName = (text: string) => ({ ...messageActivity(text, ids), from: { id: ids.user, name: NAME } });
    // A whole assessment where every answer also carries the sentinel, typed and as a card submit.
    const send: Send = async (answer) => {
      await postActivity(app.baseUrl, withName(`${answer} ${SENTINEL}`));
      const replies = await postActivity(app.baseUrl, {
        ...withName(''),
        text: undefined,
        value: { answer: `${answer} ${SENTINEL}`, note: SENTINEL },
      });
      rateLimitNow += 10_000;
      return (replies.body?.activities ?? []) as Partial<Activity>[];
    };
    await answerQuestions(send, {}, { repeat: true });
    // A turn that fails the way bugs do: with what the person typed in the error message.
    const run = sinon.stub(app.bot, 'run').callsFake(async (context: TurnContext) => {
      throw new Error(`cannot read "${context.activity.text}" from ${context.activity.from.name}`);
    });
    const failed = await postActivity(app.baseUrl, withName(`I am pregnant ${SENTINEL}`));
    run.restore();
    expect(failed.status).to.equal(200);
    // The failed turn's own notice (turnError), never the person's words.
    expect(JSON.stringify(failed.body)).to.match(/couldn't save that/);
    // Bad requests carrying the sentinel in wrong places.
    expect((await postActivity(app.baseUrl, { ...withName(SENTINEL), conversation: SENTINEL })).status).to.equal(400);
    expect((await postActivity(app.baseUrl, `{"text": "${SENTINEL}", broken`)).status).to.equal(400);
    // A flood of one conversation, so the rate limiter has something to say.
    const flood = { user: 'flood-user', conversation: 'flood-chat' };
    for (let i = 0; i < 30; i++)
      await postActivity(app.baseUrl, { ...messageActivity(`${SENTINEL} ${i}`, flood), from: { id: flood.user, name: NAME } });
    // WhatsApp: the phone number is the sender id, the profile holds the name.
    expect(await postWebhook(app.baseUrl, webhook(PHONE, { text: `hello ${SENTINEL}` }, undefined, NAME))).to.equal(200);
    await graph.waitForRequests(1);
    await app.settle();

    const events = logs.lines.map((line) => (JSON.parse(line) as { event?: string }).event);
    // The test would prove nothing if nothing were logged: the failed turn and the flood are.
    expect(events).to.include.members(['http.request', 'turn.error', 'ratelimit.conversation']);
    const everything = logs.lines.join('\n');
    for (const secret of [SENTINEL, NAME, PHONE, 'Wilhelmina', 'pregnant']) expect(everything, secret).to.not.contain(secret);
  });
});
