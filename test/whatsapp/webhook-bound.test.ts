import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger.js';
import { startTestApp, type RunningApp } from '../support/app.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { postWebhook, webhook, whatsappEnv } from '../support/whatsapp-webhook.js';

/** One webhook carrying a message from each of `senders` (in that order), as a Meta batch would. */
function batch(senders: string[], text: string) {
  const bodies = senders.map((waId) => webhook(waId, { text }));
  const first = bodies[0]!;
  const value = first.entry[0]!.changes[0]!.value;
  value.messages = bodies.flatMap((body) => body.entry[0]!.changes[0]!.value.messages);
  value.contacts = bodies.flatMap((body) => body.entry[0]!.changes[0]!.value.contacts);
  return first;
}

const BOUND = 100;
const senders = Array.from({ length: 3 * BOUND }, (_, index) => `4477010${String(index).padStart(5, '0')}`);
const OTHER_PERSON = '447709999999';

describe('One WhatsApp webhook carrying thousands of messages', function () {
  this.timeout(120_000);
  let graph: FakeGraph;
  let app: RunningApp;
  const lines: string[] = [];
  before(async () => {
    graph = await startFakeGraph();
    const logs = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    app = await startTestApp(
      { ...whatsappEnv(graph.base), WHATSAPP_MAX_MESSAGES_PER_WEBHOOK: String(BOUND), MAX_BODY_BYTES: String(4 * 1024 * 1024) },
      undefined,
      { logger: createLogger('info', logs), whatsappRetryDelaysMs: [5] },
    );
    expect(await postWebhook(app.baseUrl, batch(senders, 'hello'))).to.equal(200);
    // Another person writes while the big webhook is being worked through.
    expect(await postWebhook(app.baseUrl, webhook(OTHER_PERSON, { text: 'hello' }))).to.equal(200);
    await app.settle();
    // Also by what Graph received, so the outcome is the same however the turns are waited for.
    const until = Date.now() + 60_000;
    const answered = () => senders.filter((waId) => graph.requests.some((request) => request.body.to === waId)).length;
    while ((answered() < BOUND || !graph.requests.some((request) => request.body.to === OTHER_PERSON)) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(async () => {
    await app.close();
    await graph.close();
  });

  /** Where each person's first reply is in the order Graph received them. */
  const firstReplyAt = (waId: string) => graph.requests.findIndex((request) => request.body.to === waId);

  it(`reads the first ${BOUND} messages (WHATSAPP_MAX_MESSAGES_PER_WEBHOOK) and not one more`, () => {
    const answered = senders.filter((waId) => firstReplyAt(waId) >= 0);
    expect(answered).to.deep.equal(senders.slice(0, BOUND));
  });

  it('logs what was not read, as counts only: no phone number, no text', () => {
    const overLimit = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry['event'] === 'whatsapp.webhook.over-limit');
    expect(overLimit).to.have.length(1);
    expect(overLimit[0]).to.include({ messages: 3 * BOUND, read: BOUND, dropped: 2 * BOUND });
    const text = lines.join('\n');
    for (const waId of [...senders, OTHER_PERSON]) expect(text).to.not.contain(waId);
    expect(text).to.not.contain('hello');
  });

  it("answers another person's message before the big webhook's messages are all answered", () => {
    const other = firstReplyAt(OTHER_PERSON);
    expect(other).to.be.greaterThan(-1);
    const answeredBefore = senders.slice(0, BOUND).filter((waId) => firstReplyAt(waId) < other).length;
    expect(answeredBefore).to.be.lessThan(BOUND);
  });
});
