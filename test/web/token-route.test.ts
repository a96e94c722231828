import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type RunningApp } from '../support/app.js';

const SECRET = 'direct-line-secret-never-in-the-browser';
const DAY_MS = 24 * 60 * 60 * 1000;

interface FakeDirectLine {
  server: Server;
  base: string;
  requests: Array<{ method: string; url: string; authorization: string | undefined; body: any }>;
  /** Conversations Direct Line still has (a reconnect to another one is 404). */
  conversations: Set<string>;
  /** When set, every request (or every one of `method`) gets this answer. */
  override: { method?: string; status: number; body: unknown } | undefined;
}

/** Direct Line's token and reconnect endpoints, played on 127.0.0.1 with the secret checked. */
async function startFakeDirectLine(): Promise<FakeDirectLine> {
  const fake: FakeDirectLine = {
    server: undefined as unknown as Server,
    base: '',
    requests: [],
    conversations: new Set(),
    override: undefined,
  };
  let count = 0;
  fake.server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = req.url ?? '';
    fake.requests.push({
      method: req.method ?? '',
      url,
      authorization: req.headers.authorization,
      body: raw ? JSON.parse(raw) : undefined,
    });
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (fake.override && (fake.override.method ?? req.method) === req.method) return answer(fake.override.status, fake.override.body);
    if (req.headers.authorization !== `Bearer ${SECRET}`) return answer(403, { error: { code: 'BadArgument' } });
    if (req.method === 'POST' && url === '/v3/directline/tokens/generate') {
      count += 1;
      fake.conversations.add(`conversation-${count}`);
      return answer(200, { conversationId: `conversation-${count}`, token: `token-${count}`, expires_in: 3600 });
    }
    const reconnect = /^\/v3\/directline\/conversations\/([^/?]+)$/.exec(url);
    if (req.method === 'GET' && reconnect && fake.conversations.has(decodeURIComponent(reconnect[1]!))) {
      count += 1;
      return answer(200, { conversationId: decodeURIComponent(reconnect[1]!), token: `token-${count}`, expires_in: 3600 });
    }
    return answer(404, { error: { code: 'BadArgument' } });
  });
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  return fake;
}

async function requestToken(app: RunningApp, body: unknown = {}) {
  const response = await fetch(`${app.baseUrl}/api/directline/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as any };
}

describe('Direct Line token route (production)', () => {
  let fake: FakeDirectLine;
  let app: RunningApp;
  let now = new Date('2026-03-01T09:00:00Z');
  before(async () => {
    fake = await startFakeDirectLine();
    app = await startTestApp({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_BASE: fake.base, RETENTION_DAYS: '30' }, undefined, {
      clock: () => now,
    });
  });
  after(async () => {
    await app.close();
    fake.server.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.override = undefined;
    now = new Date('2026-03-01T09:00:00Z');
  });

  it('exchanges the secret for a token of a new conversation and a new user id; the secret never reaches the browser', async () => {
    const { status, text, body } = await requestToken(app);
    expect(status).to.equal(200);
    expect(body).to.include({ domain: `${fake.base}/v3/directline`, resumed: false });
    expect(body.userId).to.match(/^dl_[0-9a-f]{24}$/);
    expect(body.ticket).to.be.a('string');
    expect(text).to.not.contain(SECRET);
    expect(fake.requests).to.have.length(1);
    expect(fake.requests[0]).to.deep.include({ url: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    expect(fake.requests[0]!.body).to.deep.equal({ user: { id: body.userId } });
    expect(fake.conversations.has(body.conversationId)).to.equal(true);
  });

  it('never takes the user id from the request: an id alone proves nothing', async () => {
    const { body } = await requestToken(app, { userId: 'person-0001' });
    expect(body.userId).to.not.equal('dl_person-0001');
    expect(fake.requests[0]!.body).to.deep.equal({ user: { id: body.userId } });
  });

  it('resumes the conversation the page had (a reload, a later visit) with its ticket, and gives a fresh ticket', async () => {
    const first = (await requestToken(app)).body;
    now = new Date(now.getTime() + 20 * DAY_MS);
    const { text, body } = await requestToken(app, { conversationId: first.conversationId, ticket: first.ticket });
    expect(body).to.include({ conversationId: first.conversationId, userId: first.userId, resumed: true });
    expect(body.token).to.not.equal(first.token);
    expect(body.ticket).to.not.equal(first.ticket);
    expect(text).to.not.contain(SECRET);
    expect(fake.requests.at(-1)).to.deep.include({
      method: 'GET',
      url: `/v3/directline/conversations/${first.conversationId}`,
      authorization: `Bearer ${SECRET}`,
    });
    // The fresh ticket counts its lifetime from this visit: good 20 more days after the first would have expired.
    now = new Date(now.getTime() + 20 * DAY_MS);
    expect((await requestToken(app, { conversationId: first.conversationId, ticket: body.ticket })).body.resumed).to.equal(true);
  });

  it('"Start a new chat": the ticket alone gives a new conversation of the same person', async () => {
    const first = (await requestToken(app)).body;
    const { body } = await requestToken(app, { ticket: first.ticket });
    expect(body).to.include({ userId: first.userId, resumed: false });
    expect(body.conversationId).to.not.equal(first.conversationId);
    expect(fake.requests.at(-1)).to.deep.include({ url: '/v3/directline/tokens/generate' });
    expect(fake.requests.at(-1)!.body).to.deep.equal({ user: { id: first.userId } });
  });

  it('starts a new conversation of the same person when Direct Line no longer has theirs', async () => {
    const first = (await requestToken(app)).body;
    fake.conversations.delete(first.conversationId);
    const { body } = await requestToken(app, { conversationId: first.conversationId, ticket: first.ticket });
    expect(body).to.include({ userId: first.userId, resumed: false });
    expect(body.conversationId).to.not.equal(first.conversationId);
    expect(fake.requests.map((request) => request.url).slice(-2)).to.deep.equal([
      `/v3/directline/conversations/${first.conversationId}`,
      '/v3/directline/tokens/generate',
    ]);
  });

  describe("never gives a token for someone else's conversation", () => {
    it('someone who learned a conversation id (and any user id) gets no token for it', async () => {
      await requestToken(app);
      // The id as Direct Line made it, learned from anywhere (an activity, a log, a shared screen).
      const learned = [...fake.conversations].at(-1)!;
      fake.requests.length = 0;
      const { body } = await requestToken(app, { userId: 'attacker-0001', conversationId: learned });
      expect(fake.requests.map((r) => `${r.method} ${r.url}`)).to.deep.equal(['POST /v3/directline/tokens/generate']);
      expect(body.conversationId).to.not.equal(learned);
    });

    // [how the other person's conversation is asked for, what the ticket is, the reason given]
    const attempts: Array<[string, (victim: any, attacker: any) => Record<string, unknown>, string]> = [
      [
        'with their user id and no ticket',
        (victim) => ({ userId: victim.userId.slice(3), conversationId: victim.conversationId }),
        'missing',
      ],
      ['with another user id and no ticket', (victim) => ({ userId: 'attacker-0001', conversationId: victim.conversationId }), 'missing'],
      [
        "with the attacker's own ticket",
        (victim, attacker) => ({ conversationId: victim.conversationId, ticket: attacker.ticket }),
        'other-conversation',
      ],
      [
        "with the victim's ticket, its signature changed",
        (victim) => ({ conversationId: victim.conversationId, ticket: `${victim.ticket.split('.')[0]}.${'A'.repeat(43)}` }),
        'forged',
      ],
      [
        "with a ticket naming the victim's conversation, signed by the attacker",
        (victim, attacker) => ({
          conversationId: victim.conversationId,
          ticket: `${Buffer.from(JSON.stringify({ u: attacker.userId, c: victim.conversationId, e: 4_102_444_800_000 })).toString('base64url')}.${attacker.ticket.split('.')[1]}`,
        }),
        'forged',
      ],
      ['with a ticket that is not one', (victim) => ({ conversationId: victim.conversationId, ticket: 'not-a-ticket' }), 'malformed'],
    ];
    for (const [how, request, reason] of attempts) {
      it(`asked ${how}: a new conversation, and the reason "${reason}"`, async () => {
        const victim = (await requestToken(app)).body;
        const attacker = (await requestToken(app)).body;
        fake.requests.length = 0;
        const { status, body } = await requestToken(app, request(victim, attacker));
        expect(status).to.equal(200);
        expect(body).to.include({ resumed: false, resumeRefused: reason });
        expect(body.conversationId).to.not.equal(victim.conversationId);
        expect(body.userId).to.not.equal(victim.userId);
        // Direct Line was never asked for the victim's conversation.
        expect(fake.requests.map((r) => r.url)).to.deep.equal(['/v3/directline/tokens/generate']);
      });
    }

    it("asked with the victim's own ticket after it expired (RETENTION_DAYS): a new conversation and a new user id", async () => {
      const victim = (await requestToken(app)).body;
      now = new Date(now.getTime() + 30 * DAY_MS);
      fake.requests.length = 0;
      const { body } = await requestToken(app, { conversationId: victim.conversationId, ticket: victim.ticket });
      expect(body).to.include({ resumed: false, resumeRefused: 'expired' });
      expect(body.conversationId).to.not.equal(victim.conversationId);
      expect(body.userId).to.not.equal(victim.userId);
      expect(fake.requests.map((r) => r.url)).to.deep.equal(['/v3/directline/tokens/generate']);
    });

    it("refuses a reconnect answer for a conversation other than the one asked (Direct Line's reply is checked too)", async () => {
      const first = (await requestToken(app)).body;
      fake.override = { method: 'GET', status: 200, body: { conversationId: 'someone-elses', token: 'their-token' } };
      const { body } = await requestToken(app, { conversationId: first.conversationId, ticket: first.ticket });
      expect(body).to.include({ resumed: false, userId: first.userId });
      expect(body.token).to.not.equal('their-token');
      expect(body.conversationId).to.not.be.oneOf(['someone-elses', first.conversationId]);
    });
  });

  const invalid: Array<[string, unknown]> = [
    ['a conversation id with a slash', { conversationId: '../admin' }],
    ['a ticket with characters a ticket never has', { ticket: 'a b.c' }],
    ['a ticket longer than any ticket', { ticket: 'a'.repeat(2000) }],
    ['a ticket that is not a string', { ticket: 42 }],
  ];
  for (const [what, body] of invalid) {
    it(`answers 400 with a reason for ${what}`, async () => {
      const response = await requestToken(app, body);
      expect(response.status).to.equal(400);
      expect(response.body.reason).to.match(/conversationId.*ticket/);
      expect(fake.requests).to.have.length(0);
    });
  }

  for (const [name, reply] of [
    ['an error from Direct Line', { status: 500, body: { error: 'boom' } }],
    ['a reply without a token', { status: 200, body: { conversationId: 'c-1' } }],
    ['a reply without a conversation', { status: 200, body: { token: 't-1' } }],
  ] as const) {
    it(`answers 502 without details on ${name}`, async () => {
      fake.override = reply;
      const { status, text } = await requestToken(app);
      expect(status).to.equal(502);
      expect(text).to.not.contain(SECRET);
    });
  }

  it('turns the local Direct Line off when a secret is set', async () => {
    const response = await fetch(`${app.baseUrl}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).to.equal(404);
  });

  it('lets the page connect to Direct Line in its content security policy', async () => {
    const response = await fetch(`${app.baseUrl}/`);
    expect(response.headers.get('content-security-policy')).to.contain(`connect-src 'self' ${fake.base}`);
  });
});

describe('Direct Line token route: tickets across instances sharing DIRECT_LINE_SECRET', () => {
  let fake: FakeDirectLine;
  let apps: RunningApp[];
  before(async () => {
    fake = await startFakeDirectLine();
    const env = { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_BASE: fake.base };
    apps = [await startTestApp(env), await startTestApp(env)];
  });
  after(async () => {
    for (const app of apps) await app.close();
    fake.server.close();
  });

  it('a ticket from one instance resumes on the other', async () => {
    const first = (await requestToken(apps[0]!)).body;
    const { body } = await requestToken(apps[1]!, { conversationId: first.conversationId, ticket: first.ticket });
    expect(body).to.include({ conversationId: first.conversationId, userId: first.userId, resumed: true });
  });
});
