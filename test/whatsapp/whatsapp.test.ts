import { expect } from 'chai';
import { Agent, request } from 'node:http';
import { LIMITS } from '../../src/whatsapp/render.js';
import { startTestApp, type RunningApp } from '../support/app.js';
import { signBody } from '../../src/whatsapp/signature.js';
import {
  postWebhook,
  webhook,
  whatsappEnv,
  type Inbound,
  WHATSAPP_PHONE_ID,
  WHATSAPP_SECRET,
  WHATSAPP_VERIFY,
} from '../support/whatsapp-webhook.js';
import { startFakeGraph, type FakeGraph, type GraphRequest } from '../support/fake-graph.js';

const SECRET = WHATSAPP_SECRET;
const VERIFY = WHATSAPP_VERIFY;
const PHONE_ID = WHATSAPP_PHONE_ID;
const env = whatsappEnv;
const post = (app: RunningApp, body: unknown, signature?: string) => postWebhook(app.baseUrl, body, signature);

/** Everything a payload would show the person, for matching. */
function shown(request: GraphRequest): string {
  const body = request.body;
  if (body.type === 'text') return body.text.body;
  const interactive = body.interactive;
  const options =
    interactive.type === 'button'
      ? interactive.action.buttons.map((b: any) => b.reply.title)
      : interactive.action.sections[0].rows.map((r: any) => r.title);
  return `${interactive.body.text}\n${options.join('\n')}`;
}

/** Every WhatsApp limit a payload must keep. */
function checkLimits(request: GraphRequest): void {
  const body = request.body;
  expect(body.messaging_product).to.equal('whatsapp');
  if (body.type === 'text') return void expect(body.text.body.length).to.be.at.most(LIMITS.text);
  const interactive = body.interactive;
  expect(interactive.body.text.length).to.be.at.most(LIMITS.interactiveBody);
  if (interactive.type === 'button') {
    expect(interactive.action.buttons.length).to.be.within(1, LIMITS.buttons);
    for (const button of interactive.action.buttons) {
      expect(button.reply.title.length).to.be.at.most(LIMITS.buttonTitle);
      expect(button.reply.id.length).to.be.at.most(LIMITS.replyId);
    }
  } else {
    expect(interactive.type).to.equal('list');
    const rows = interactive.action.sections.flatMap((section: any) => section.rows);
    expect(rows.length).to.be.within(1, LIMITS.listRows);
    expect(interactive.action.button.length).to.be.at.most(LIMITS.listButton);
    for (const row of rows) {
      expect(row.title.length).to.be.at.most(LIMITS.rowTitle);
      expect((row.description ?? '').length).to.be.at.most(LIMITS.rowDescription);
    }
  }
}

describe('WhatsApp Cloud API channel', () => {
  let graph: FakeGraph;
  let app: RunningApp;
  let seen = 0;

  before(async () => {
    graph = await startFakeGraph();
    app = await startTestApp(env(graph.base), undefined, { whatsappRetryDelaysMs: [5, 5, 5] });
  });
  after(async () => {
    await app.close();
    await graph.close();
  });

  /** Waits for a payload to `waId` that shows `pattern`; returns the payloads since the last call. */
  async function replyShowing(pattern: RegExp, waId = '447700900001'): Promise<GraphRequest[]> {
    const until = Date.now() + 10_000;
    for (;;) {
      const fresh = graph.requests.slice(seen);
      const index = fresh.findIndex((request) => request.body.to === waId && pattern.test(shown(request)));
      if (index >= 0) {
        seen += index + 1;
        return fresh.slice(0, index + 1);
      }
      if (Date.now() > until) throw new Error(`no reply showing ${pattern}; got:\n${fresh.map(shown).join('\n---\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  describe('verification', () => {
    const cases: Array<[string, string, number]> = [
      ['the right token', `hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`, 200],
      ['a wrong token', 'hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1', 403],
      ['another mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY}&hub.challenge=1`, 403],
      ['no parameters', '', 403],
    ];
    for (const [name, query, status] of cases) {
      it(`answers ${status} to ${name}`, async () => {
        const response = await fetch(`${app.baseUrl}/api/whatsapp?${query}`);
        expect(response.status).to.equal(status);
        if (status === 200) expect(await response.text()).to.equal('1158201444');
      });
    }
  });

  describe('webhooks that never reach the bot', () => {
    const cases: Array<[string, unknown, string, number]> = [
      ['no signature', webhook('447700900009', { text: 'hi' }), 'none', 401],
      ['a wrong signature', webhook('447700900009', { text: 'hi' }), `sha256=${'0'.repeat(64)}`, 401],
      ['a signature of another body', webhook('447700900009', { text: 'hi' }), signBody('{}', SECRET), 401],
      ['a malformed signature', webhook('447700900009', { text: 'hi' }), 'sha1=abc', 401],
      ['malformed JSON', '{"object": "whatsapp_business_account", ', 'sign', 400],
      ['JSON that is not a webhook', { hello: 'world' }, 'sign', 400],
    ];
    for (const [name, body, signature, status] of cases) {
      it(`answers ${status} to ${name}`, async () => {
        const before = graph.requests.length;
        expect(await post(app, body, signature)).to.equal(status);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(graph.requests.length).to.equal(before);
      });
    }

    it('answers 413 to a body over the limit and keeps the connection usable (found by the fuzz suite)', async () => {
      // The route used to stop reading at the limit while the body was still arriving, which
      // destroyed the request and its keep-alive connection: the 413 could be lost, and a
      // client reusing the connection saw its next webhook fail.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const send = (body: string) =>
        new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
          const req = request(
            `${app.baseUrl}/api/whatsapp`,
            { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, SECRET) } },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      try {
        const large = await send(JSON.stringify({ object: 'whatsapp_business_account', entry: [], padding: 'x'.repeat(4 * 1024 * 1024) }));
        expect(large.status).to.equal(413);
        const next = await send(JSON.stringify({ hello: 'world' }));
        expect(next).to.deep.equal({ status: 400, reused: true });
      } finally {
        agent.destroy();
      }
    });

    it('ignores delivery statuses', async () => {
      const before = graph.requests.length;
      const statuses = {
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ value: { statuses: [{ id: 'wamid.x', status: 'delivered' }] } }] }],
      };
      expect(await post(app, statuses)).to.equal(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(graph.requests.length).to.equal(before);
    });
  });

  it('runs a whole assessment with buttons, list rows and typed answers within WhatsApp limits', async () => {
    seen = graph.requests.length;
    const turns: Array<[Inbound, RegExp]> = [
      [{ text: 'hi' }, /Do you agree/],
      [{ button: 'Yes, I agree' }, /in your own words[\s\S]*\n1\. Fine lines and wrinkles\n[\s\S]*Reply with the numbers/],
      // The concerns by number, two in one reply (sun damage, large pores).
      [{ text: '3, 5' }, /at a clinic, or of using a roller/],
      [{ button: 'At a clinic' }, /How old are you/],
      [{ text: 'thirty four' }, /pregnant or breastfeeding/],
      [{ button: 'No' }, /isotretinoin/],
      [{ list: 'Never' }, /In the area now[\s\S]*Conditions[\s\S]*Reply with the numbers/],
      // The health checklists in one numbered message, answered with the numbers in one reply: 6 is Rosacea.
      [{ text: '6' }, /darken after a cut/],
      [{ button: 'No' }, /Have you had micro-needling before/],
      [{ button: 'Never had it' }, /here is what I noted/],
      // Without a handoff webhook the result ends with the clinic's contacts, never an offer of a person.
      [{ button: "That's right" }, /To talk to someone at .*, contact them directly/],
    ];
    const all: GraphRequest[] = [];
    for (const [inbound, next] of turns) {
      expect(await post(app, webhook('447700900001', inbound))).to.equal(200);
      all.push(...(await replyShowing(next)));
    }
    for (const request of all) {
      checkLimits(request);
      expect(request.body.to).to.equal('447700900001');
      expect(request.path).to.equal(`/v21.0/${PHONE_ID}/messages`);
      expect(request.authorization).to.equal('Bearer graph-access-token');
    }
    const text = all.map(shown).join('\n');
    expect(text).to.match(/only a professional can decide/);
    expect(text).to.match(/Your consultation summary/);
    const kinds = new Set(all.map((request) => (request.body.type === 'text' ? 'text' : request.body.interactive.type)));
    expect([...kinds].sort()).to.deep.equal(['button', 'list', 'text']);
    // A long choice keeps its whole title in the row id (with its question) and description.
    // The checklists: one text, every choice numbered with its whole title, how to answer in one line.
    const checklists = all.find((request) => /In the area now/.test(shown(request)))!;
    expect(checklists.body.type).to.equal('text');
    expect(shown(checklists)).to.match(/\n\d+\. A weakened immune system \(chemotherapy, steroids\)\n/);
    expect(
      shown(checklists)
        .split('\n')
        .filter((line) => /numbers/.test(line)),
    ).to.have.length(1);
    expect(text).to.match(/With rosacea/);
  });

  it('processes a message id once, however often Meta retries the webhook', async () => {
    const body = webhook('447700900002', { text: 'hello' }, 'wamid.duplicate.1');
    expect(await post(app, body)).to.equal(200);
    expect(await post(app, body)).to.equal(200);
    const replies = await replyShowing(/Do you agree/, '447700900002');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const more = graph.requests.slice(seen).filter((request) => request.body.to === '447700900002');
    expect(replies.filter((request) => /Do you agree/.test(shown(request)))).to.have.length(1);
    expect(more).to.deep.equal([]);
  });

  it('asks for a typed answer when an image arrives', async () => {
    await post(app, webhook('447700900003', { text: 'hi' }));
    await replyShowing(/Do you agree/, '447700900003');
    await post(app, webhook('447700900003', { type: 'image' }));
    const replies = await replyShowing(/Do you agree/, '447700900003');
    expect(replies.map(shown).join('\n')).to.match(/only read text/);
  });

  it("keeps one person's turns in order", async () => {
    // Three messages at once, each answered whatever is pending: the replies come in the order sent.
    const waId = '447700900004';
    await post(app, webhook(waId, { text: 'hi' }));
    await post(app, webhook(waId, { text: 'help' }));
    await post(app, webhook(waId, { text: 'what do you know about me' }));
    const replies = await replyShowing(/don't have anything stored|nothing stored|I don't know anything/i, waId);
    const order = replies
      .map(shown)
      .map((text) =>
        /Do you agree/.test(text)
          ? 'consent'
          : /forget me/.test(text) && /start over/.test(text)
            ? 'help'
            : /stored|know anything/i.test(text)
              ? 'known'
              : '',
      )
      .filter((kind) => kind !== '');
    expect(order.slice(0, 1)).to.deep.equal(['consent']);
    expect(order.indexOf('help')).to.be.lessThan(order.lastIndexOf('known'));
  });

  it('a second tap of a reply button answers nothing else: the button says which question it was shown with', async () => {
    const waId = '447700900077';
    await post(app, webhook(waId, { text: 'hi' }));
    const [consent] = (await replyShowing(/Do you agree/, waId)).slice(-1);
    const agree = consent!.body.interactive.action.buttons.find((button: any) => /agree/i.test(button.reply.title)).reply.id as string;
    expect(JSON.parse(agree)).to.deep.include({ q: 'consent' });
    // The same button twice, as two messages (a double tap).
    await post(app, webhook(waId, { button: agree }));
    await replyShowing(/in your own words/, waId);
    const before = graph.requests.filter((request) => request.body.to === waId).length;
    await post(app, webhook(waId, { button: agree }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = graph.requests.filter((request) => request.body.to === waId);
    expect(after.length, 'no reply: the tap was for the consent question, not the concerns one').to.equal(before);
    // The question shown is still open and answered as usual.
    await post(app, webhook(waId, { text: 'my pores' }));
    await replyShowing(/at a clinic, or/, waId);
  });

  describe('Graph API errors', () => {
    it('retries throttling (130429) and delivers', async () => {
      graph.failNext({ status: 400, body: { error: { code: 130429, message: 'Rate limit hit' } } });
      const before = graph.requests.length;
      await post(app, webhook('447700900005', { text: 'hi' }));
      await replyShowing(/Do you agree/, '447700900005');
      const sent = graph.requests.slice(before);
      expect(sent[0]!.body).to.deep.equal(sent[1]!.body);
    });

    it('retries a server error a bounded number of times, then gives up without crashing', async () => {
      const failure = { status: 503, body: { error: { code: 2, message: 'Service temporarily unavailable' } } };
      graph.failNext(failure, failure, failure, failure);
      const before = graph.requests.length;
      await post(app, webhook('447700900006', { text: 'hi' }));
      await graph.waitForRequests(before + 4);
      // The first reply was dropped after 1 + 3 tries; the next replies still go out.
      await replyShowing(/Do you agree/, '447700900006');
      expect((await fetch(`${app.baseUrl}/healthz`)).status).to.equal(200);
    });

    it('does not retry a message outside the 24-hour window (131047)', async () => {
      graph.failNext({ status: 400, body: { error: { code: 131047, message: 'Re-engagement message' } } });
      const before = graph.requests.length;
      await post(app, webhook('447700900007', { text: 'hi' }));
      await replyShowing(/Do you agree/, '447700900007');
      const sent = graph.requests.slice(before);
      expect(sent[0]!.body).to.not.deep.equal(sent[1]!.body);
    });
  });
});

describe('WhatsApp not configured', () => {
  let app: RunningApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app.close());

  it('refuses webhooks and verification', async () => {
    expect(await post(app, webhook('447700900008', { text: 'hi' }))).to.equal(404);
    expect((await fetch(`${app.baseUrl}/api/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).status).to.equal(403);
  });
});
