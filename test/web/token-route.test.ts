import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type RunningApp } from '../support/app.js';

const SECRET = 'direct-line-secret-never-in-the-browser';

interface FakeDirectLine {
  server: Server;
  base: string;
  requests: Array<{ url: string; authorization: string | undefined; body: any }>;
  reply: { status: number; body: unknown };
}

/** Direct Line's token endpoint, played on 127.0.0.1. */
async function startFakeDirectLine(): Promise<FakeDirectLine> {
  const fake: FakeDirectLine = { server: undefined as unknown as Server, base: '', requests: [], reply: { status: 200, body: {} } };
  fake.server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    fake.requests.push({ url: req.url ?? '', authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined });
    res.writeHead(fake.reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(fake.reply.body));
  });
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  return fake;
}

async function requestToken(app: RunningApp) {
  const response = await fetch(`${app.baseUrl}/api/directline/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'person-0001' }),
  });
  return { status: response.status, text: await response.text() };
}

describe('Direct Line token route (production)', () => {
  let fake: FakeDirectLine;
  let app: RunningApp;
  before(async () => {
    fake = await startFakeDirectLine();
    app = await startTestApp({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_BASE: fake.base });
  });
  after(async () => {
    await app.close();
    fake.server.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('exchanges the secret for a token bound to the person; the secret never reaches the browser', async () => {
    fake.reply = { status: 200, body: { conversationId: 'c-1', token: 'dl-token-1', expires_in: 3600 } };
    const { status, text } = await requestToken(app);
    expect(status).to.equal(200);
    expect(JSON.parse(text)).to.deep.equal({ token: 'dl-token-1', domain: `${fake.base}/v3/directline`, userId: 'dl_person-0001' });
    expect(text).to.not.contain(SECRET);
    expect(fake.requests).to.have.length(1);
    expect(fake.requests[0]).to.deep.include({ url: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    expect(fake.requests[0]!.body).to.deep.equal({ user: { id: 'dl_person-0001' } });
  });

  it('reconnects to the conversation the page had (a reload, a later visit) with a fresh token for it', async () => {
    fake.reply = { status: 200, body: { conversationId: 'earlier-conversation', token: 'dl-token-resumed', expires_in: 3600 } };
    const response = await fetch(`${app.baseUrl}/api/directline/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'person-0001', conversationId: 'earlier-conversation' }),
    });
    const text = await response.text();
    expect(JSON.parse(text)).to.deep.include({ token: 'dl-token-resumed', conversationId: 'earlier-conversation' });
    expect(text).to.not.contain(SECRET);
    expect(fake.requests[0]).to.deep.include({
      url: '/v3/directline/conversations/earlier-conversation',
      authorization: `Bearer ${SECRET}`,
    });
  });

  it('starts a new conversation when the earlier one cannot be resumed', async () => {
    fake.reply = { status: 404, body: { error: { code: 'BadArgument' } } };
    await fetch(`${app.baseUrl}/api/directline/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'person-0001', conversationId: 'gone' }),
    });
    expect(fake.requests.map((request) => request.url)).to.deep.equal([
      '/v3/directline/conversations/gone',
      '/v3/directline/tokens/generate',
    ]);
  });

  for (const [name, reply] of [
    ['an error from Direct Line', { status: 500, body: { error: 'boom' } }],
    ['a reply without a token', { status: 200, body: { conversationId: 'c-1' } }],
  ] as const) {
    it(`answers 502 without details on ${name}`, async () => {
      fake.reply = reply;
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
