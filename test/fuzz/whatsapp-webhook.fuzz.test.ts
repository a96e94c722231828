import { expect } from 'chai';
import fc from 'fast-check';
import sinon from 'sinon';
import { signBody } from '../../src/whatsapp/signature.js';
import { inboundTurns, webhookSchema } from '../../src/whatsapp/inbound.js';
import { LIMITS } from '../../src/whatsapp/render.js';
import { createLogger } from '../../src/logging/logger.js';
import { startTestApp, type RunningApp } from '../support/app.js';
import { startFakeGraph, type FakeGraph, type GraphRequest } from '../support/fake-graph.js';
import { WHATSAPP_SECRET, WHATSAPP_VERIFY, whatsappEnv } from '../support/whatsapp-webhook.js';
import { MAX_BODY_BYTES, verificationQuery, webhookCase, type WebhookCase } from './arbitraries.js';
import {
  EventLoopWatchdog,
  FUZZ_QUOTA,
  FUZZ_SEED,
  HANG_MS,
  NO_TIME_BUDGET,
  LogSink,
  StatusTally,
  Tripwires,
  describeInputs,
  fuzzOptions,
  postRaw,
  reasonOf,
  withinHangLimit,
} from './harness.js';

const BATCH = 4;
const NORMAL_EVERY = 25;
const WEBHOOK_RUNS = 650;
const VERIFICATION_RUNS = 100;

/**
 * Fuzzing the WhatsApp webhook: bodies with every field wrong, correctly signed (so they get
 * past the signature check and a hostile one must still be handled) and badly signed (401,
 * nothing reaches the bot), plus Meta's verification GET with hostile parameters. Every
 * answer is 200 or a 4xx with a reason; every message a signed webhook carries is taken as one
 * turn that finishes without an error; every reply keeps WhatsApp's limits and goes only to
 * someone who wrote; a normal person keeps getting answers.
 */
describe(`Fuzz: POST /api/whatsapp (FUZZ_SEED=${FUZZ_SEED})`, function () {
  this.timeout(NO_TIME_BUDGET);

  const tripwires = new Tripwires();
  const watchdog = new EventLoopWatchdog();
  const log = new LogSink();
  const tally = new StatusTally();
  let graph: FakeGraph;
  let app: RunningApp;
  let turns: sinon.SinonSpy;
  let sent = 0;
  let normalTurns = 0;
  /** Message ids taken so far: the adapter skips one it has seen (Meta retries). */
  const seenMessageIds = new Set<string>();
  let expectedTurns = 0;
  /** Everyone a signed webhook carried a message from: the only people replies may go to. */
  const writers = new Set<string>();
  let graphChecked = 0;

  before(async () => {
    tripwires.install();
    watchdog.start();
    graph = await startFakeGraph();
    app = await startTestApp(whatsappEnv(graph.base), undefined, { logger: createLogger('warn', log), whatsappRetryDelaysMs: [1, 1, 1] });
    // Each WhatsApp message is one bot.run; the spy keeps each turn's promise, to wait for it.
    turns = sinon.spy(app.bot, 'run');
  });
  after(async () => {
    turns?.restore();
    await app?.close();
    await graph?.close();
    tripwires.remove();
    await watchdog.stop();
    tally.print(`answers to ${sent} inputs; ${expectedTurns} bot turns, ${graph?.requests.length ?? 0} replies sent`);
  });

  /** The turns the webhook's messages start, counted the way the adapter takes them. */
  function countTurns(body: string): void {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return;
    }
    const payload = webhookSchema.safeParse(json);
    if (!payload.success) return;
    // Every message reaches the bot, a retried id too: the bot itself answers an id it already
    // processed with nothing new (the ids are kept with the conversation's state).
    for (const turn of inboundTurns(payload.data)) {
      writers.add(turn.waId);
      seenMessageIds.add(turn.messageId);
      expectedTurns += 1;
    }
  }

  /** Waits until every turn started so far has finished; a turn that never comes or never ends is a hang. */
  async function turnsDone(): Promise<void> {
    const until = Date.now() + HANG_MS;
    while (turns.callCount < expectedTurns) {
      if (Date.now() > until) throw new Error(`expected ${expectedTurns} bot turns, ${turns.callCount} started`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await withinHangLimit(Promise.allSettled(turns.returnValues), 'the turns of the webhooks sent so far');
    expect(turns.callCount, 'turns from messages that should not have reached the bot').to.equal(expectedTurns);
  }

  /** Every reply so far: a WhatsApp message within limits, to someone who wrote. */
  function checkReplies(): void {
    for (const request of graph.requests.slice(graphChecked)) checkReply(request);
    graphChecked = graph.requests.length;
  }

  function checkReply({ body }: GraphRequest): void {
    const where = JSON.stringify(body).slice(0, 300);
    expect(body.messaging_product, where).to.equal('whatsapp');
    expect(writers.has(body.to), `a reply to someone who never wrote: ${where}`).to.equal(true);
    if (body.type === 'text') {
      expect(body.text.body.length, where).to.be.within(1, LIMITS.text);
      return;
    }
    expect(body.type, where).to.equal('interactive');
    const interactive = body.interactive;
    expect(interactive.body.text.length, where).to.be.within(1, LIMITS.interactiveBody);
    if (interactive.type === 'button') {
      expect(interactive.action.buttons.length, where).to.be.within(1, LIMITS.buttons);
      for (const button of interactive.action.buttons) expect(button.reply.title.length, where).to.be.within(1, LIMITS.buttonTitle);
      return;
    }
    expect(interactive.type, where).to.equal('list');
    const rows = interactive.action.sections.flatMap((section: { rows: unknown[] }) => section.rows);
    expect(rows.length, where).to.be.within(1, LIMITS.listRows);
    for (const row of rows) expect(row.title.length, where).to.be.within(1, LIMITS.rowTitle);
  }

  /** One hostile webhook: counted, and its answer checked. */
  async function postHostile(input: WebhookCase): Promise<void> {
    sent += 1;
    await postWebhook(input);
  }

  async function postWebhook(input: WebhookCase): Promise<void> {
    const headers: Record<string, string> = {};
    if (input.contentType !== undefined) headers['content-type'] = input.contentType;
    if (input.signature === 'valid') headers['x-hub-signature-256'] = signBody(input.body, WHATSAPP_SECRET);
    else if (input.signature !== undefined) headers['x-hub-signature-256'] = input.signature;
    const response = await postRaw(`${app.baseUrl}/api/whatsapp`, input.body, headers);
    tally.add(input.signature === 'valid' ? 'signed' : 'badly signed', response.status);
    const where = `${input.label}: ${response.status} ${response.text.slice(0, 300)}`;
    const tooLarge = Buffer.byteLength(input.body) > MAX_BODY_BYTES;
    if (tooLarge) {
      expect(response.status, where).to.equal(413);
    } else if (input.signature !== 'valid') {
      expect(response.status, `a badly signed webhook must be refused (${where})`).to.equal(401);
    } else if (response.status === 200) {
      expect(response.json, where).to.deep.equal({ received: true });
      countTurns(input.body);
      return;
    } else {
      expect(response.status, where).to.equal(400);
    }
    expect(reasonOf(response.json), `a 4xx without a reason (${where})`).to.be.a('string');
  }

  /** A normal person meanwhile: "hello" from a new number gets the welcome and the consent question. */
  async function normalConversation(): Promise<void> {
    normalTurns += 1;
    const waId = `4477009990${String(normalTurns).padStart(2, '0')}`;
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          changes: [
            {
              field: 'messages',
              value: { messages: [{ from: waId, id: `wamid.normal.${normalTurns}`, type: 'text', text: { body: 'hello' } }] },
            },
          ],
        },
      ],
    });
    await postWebhook({ body, signature: 'valid', label: 'normal hello' });
    await turnsDone();
    const replies = graph.requests.filter((request) => request.body.to === waId);
    const shown = replies.map((request) => request.body.text?.body ?? request.body.interactive?.body?.text ?? '').join('\n');
    expect(shown, `replies to ${waId}`)
      .to.match(/skin-treatment guide/)
      .and.to.match(/Do you agree/);
  }

  it('answers hostile webhooks, signed or not, with 200 or a 4xx with a reason; each message is one turn, without an error', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(webhookCase, { minLength: BATCH, maxLength: BATCH }), async (inputs) => {
        run += 1;
        watchdog.sending(describeInputs(inputs));
        const errorsBefore = log.errors().length;
        await Promise.all(inputs.map(postHostile));
        await turnsDone();
        if (run % NORMAL_EVERY === 0) await normalConversation();
        checkReplies();
        expect(log.errors().length - errorsBefore, `error logged:\n${log.describeErrors(errorsBefore)}`).to.equal(0);
      }),
      fuzzOptions(WEBHOOK_RUNS, 10),
    );
  });

  it('answers the verification GET with hostile parameters with 403, or the challenge as plain text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(verificationQuery(WHATSAPP_VERIFY), { minLength: BATCH, maxLength: BATCH }), async (inputs) => {
        watchdog.sending(describeInputs(inputs));
        await Promise.all(
          inputs.map(async ({ query, label, right }) => {
            const response = await fetch(`${app.baseUrl}/api/whatsapp?${query}`, { signal: AbortSignal.timeout(HANG_MS) });
            const text = await response.text();
            sent += 1;
            tally.add('verification', response.status);
            const expected = new URL(`http://local/?${query}`).searchParams;
            if (right) {
              expect(response.status, label).to.equal(200);
              expect(response.headers.get('content-type'), label).to.match(/^text\/plain/);
              expect(text, label).to.equal(expected.get('hub.challenge') ?? '');
            } else {
              expect(response.status, `${label}: ${text}`).to.equal(403);
            }
          }),
        );
      }),
      fuzzOptions(VERIFICATION_RUNS, 11),
    );
  });

  it('kept answering: /healthz, and a person who writes after the fuzzing gets the welcome', async () => {
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).to.equal(200);
    await normalConversation();
    expect(normalTurns).to.be.at.least(Math.floor(WEBHOOK_RUNS / NORMAL_EVERY) + 1);
  });

  it(`sent at least ${FUZZ_QUOTA.whatsapp} hostile inputs; no unhandled rejection, uncaught exception, error logged or connection beyond loopback`, () => {
    expect(sent).to.be.at.least(FUZZ_QUOTA.whatsapp);
    expect(expectedTurns, 'messages that reached the bot (the generators must keep getting past the checks)').to.be.at.least(500);
    expect(
      tripwires.unhandledRejections.length + tripwires.uncaughtExceptions.length + tripwires.outboundConnections.length,
      tripwires.describe(),
    ).to.equal(0);
    expect(log.errors(), log.describeErrors()).to.deep.equal([]);
  });
});
