import { expect } from 'chai';
import { loadConfig } from '../../src/config/config.js';
import { inboundTurns, webhookSchema } from '../../src/whatsapp/inbound.js';
import { startTestApp, type RunningApp } from '../support/app.js';
import { postWebhook, whatsappEnv, WHATSAPP_PHONE_ID } from '../support/whatsapp-webhook.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

const BSUID = 'US.13491208655302741918';
let counter = 0;

/** A webhook as Meta sends it for a person with a username: no phone number anywhere, only their BSUID. */
function bsuidOnlyWebhook(text: string) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: WHATSAPP_PHONE_ID },
              contacts: [{ profile: { name: 'Sam', username: '@sam' }, user_id: BSUID }],
              messages: [
                { from_user_id: BSUID, id: `wamid.bsuid.${++counter}`, timestamp: '1795540000', type: 'text', text: { body: text } },
              ],
            },
          },
        ],
      },
    ],
  };
}

describe('WhatsApp senders known only by their business-scoped user id (BSUID)', function () {
  this.timeout(20_000);
  let graph: FakeGraph;
  let app: RunningApp;
  before(async () => {
    graph = await startFakeGraph();
    app = await startTestApp(whatsappEnv(graph.base), undefined, { whatsappRetryDelaysMs: [5, 5, 5] });
  });
  after(async () => {
    await app.close();
    await graph.close();
  });

  it('reads the BSUID as the person, and falls back to the contact when the message names nobody', () => {
    const message = bsuidOnlyWebhook('hi');
    expect(inboundTurns(webhookSchema.parse(message))[0]).to.include({ waId: BSUID, text: 'hi' });
    delete (message.entry[0]!.changes[0]!.value.messages[0] as { from_user_id?: string }).from_user_id;
    expect(inboundTurns(webhookSchema.parse(message))[0]).to.include({ waId: BSUID });
  });

  it('answers through `recipient` (no phone number assumed) and keeps the conversation across messages', async () => {
    expect(await postWebhook(app.baseUrl, bsuidOnlyWebhook('hello'))).to.equal(200);
    const shownSince = (count: number) =>
      graph.requests
        .slice(count)
        .map((request) => JSON.stringify(request.body))
        .join(' ');
    const waitToSee = async (pattern: RegExp, count: number) => {
      const until = Date.now() + 10_000;
      while (!pattern.test(shownSince(count)) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    // The person answers once they see the question (answering before it was asked raced it).
    await waitToSee(/Do you agree/, 0);
    expect(graph.requests.every((request) => request.body.recipient === BSUID && request.body.to === undefined)).to.equal(true);
    const count = graph.requests.length;
    expect(await postWebhook(app.baseUrl, bsuidOnlyWebhook('yes'))).to.equal(200);
    await waitToSee(/Thank you/, count);
    expect(shownSince(count)).to.match(/Thank you/);
    expect(graph.requests.every((request) => request.body.recipient === BSUID && request.body.to === undefined)).to.equal(true);
  });

  it("defaults to Meta's current Graph API version", () => {
    expect(loadConfig({}).WHATSAPP_GRAPH_API_BASE).to.equal('https://graph.facebook.com/v27.0');
  });
});
