import { expect } from 'chai';
import sinon from 'sinon';
import { MemoryStorage, type Activity } from 'botbuilder';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { projectRoot } from '../../src/paths.js';
import { signBody } from '../../src/whatsapp/signature.js';
import { testCore } from '../support/conversation.js';
import { shownText } from '../support/assessment-script.js';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

/** The rate limiters' clock, stepped by the tests: nothing here sleeps or measures time. */
function manualClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

interface Sent {
  status: number;
  retryAfter: string | null;
  body: any;
}

/** A POST whose headers go at once and whose body waits for `release`: the request stays in flight. */
function heldBackPost(
  baseUrl: string,
  path: string,
  body: string,
  headers: Record<string, string>,
  release: Promise<void>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${baseUrl}${path}`,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.flushHeaders();
    void release.then(() => request.end(body));
  });
}

async function send(
  baseUrl: string,
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const init: RequestInit = { method: options.method ?? 'GET', headers: { ...options.headers } };
  if (options.body !== undefined) {
    init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

/** As if the request came through Azure App Service's front end from `address`. */
const from = (address: string) => ({ 'x-forwarded-for': `${address}:50123` });

/** What each message shows: its text, or the text of its card (an emergency reply is a card). */
function messageTexts(body: any): string[] {
  return (body?.activities ?? []).filter((a: Partial<Activity>) => a.type === 'message').map((a: Partial<Activity>) => shownText(a));
}

const NOTICE = testCore().strings('rateLimited');

describe('Rate limits: configuration', () => {
  it('has defaults generous for people and safe behind no proxy', () => {
    expect(loadConfig({})).to.include({ RATE_LIMIT_PER_CLIENT_PER_MINUTE: 600, RATE_LIMIT_PER_CONVERSATION: 20, TRUST_PROXY: 0 });
  });

  it('documents every rate-limit variable in .env.example and the README', () => {
    const envExample = readFileSync(join(projectRoot, '.env.example'), 'utf8');
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    for (const variable of ['RATE_LIMIT_PER_CLIENT_PER_MINUTE', 'RATE_LIMIT_PER_CONVERSATION', 'TRUST_PROXY']) {
      expect(envExample, variable).to.match(new RegExp(`^${variable}=`, 'm'));
      expect(readme, variable).to.contain(`| \`${variable}\` |`);
    }
  });

  const accepted: Array<[Record<string, string>, Record<string, number>]> = [
    [{ TRUST_PROXY: 'true' }, { TRUST_PROXY: 1 }],
    [{ TRUST_PROXY: 'false' }, { TRUST_PROXY: 0 }],
    [{ TRUST_PROXY: '2' }, { TRUST_PROXY: 2 }],
    [{ TRUST_PROXY: '' }, { TRUST_PROXY: 0 }],
    [
      { RATE_LIMIT_PER_CLIENT_PER_MINUTE: '0', RATE_LIMIT_PER_CONVERSATION: '0' },
      { RATE_LIMIT_PER_CLIENT_PER_MINUTE: 0, RATE_LIMIT_PER_CONVERSATION: 0 },
    ],
    // An empty value (a copied .env.example line) is the default, never "off" by accident.
    [
      { RATE_LIMIT_PER_CLIENT_PER_MINUTE: '', RATE_LIMIT_PER_CONVERSATION: ' ' },
      { RATE_LIMIT_PER_CLIENT_PER_MINUTE: 600, RATE_LIMIT_PER_CONVERSATION: 20 },
    ],
  ];
  for (const [env, expected] of accepted) {
    it(`reads ${JSON.stringify(env)}`, () => {
      expect(loadConfig(env)).to.include(expected);
    });
  }

  const refused: Array<[Record<string, string>, string]> = [
    [{ RATE_LIMIT_PER_CLIENT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_CLIENT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_CLIENT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_CLIENT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_CONVERSATION: '2.5' }, 'RATE_LIMIT_PER_CONVERSATION'],
    [{ RATE_LIMIT_PER_CONVERSATION: '100000' }, 'RATE_LIMIT_PER_CONVERSATION'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10' }, 'TRUST_PROXY'],
  ];
  for (const [env, variable] of refused) {
    it(`stops with one line naming ${variable} for ${JSON.stringify(env)}`, () => {
      expect(() => loadConfig(env))
        .to.throw(ConfigError)
        .with.property('message')
        .that.matches(new RegExp(`^Invalid configuration: ${variable}: [^\\n]+$`));
    });
  }
});

describe('Rate limit per client (60 a minute: a burst of 10, then 1 a second)', () => {
  const clock = manualClock();
  let app: RunningApp;
  before(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_CLIENT_PER_MINUTE: '60', TRUST_PROXY: 'true' }, undefined, { rateLimitClock: clock.now });
  });
  after(async () => app.close());

  async function flood(address: string, path = '/static/chat.css', count = 10): Promise<number[]> {
    const statuses: number[] = [];
    for (let index = 0; index < count; index++) statuses.push((await send(app.baseUrl, path, { headers: from(address) })).status);
    return statuses;
  }

  it('answers a flood from one client with 429, Retry-After and a reason', async () => {
    expect(await flood('203.0.113.1')).to.deep.equal(Array(10).fill(200));
    const refused = await send(app.baseUrl, '/static/chat.css', { headers: from('203.0.113.1') });
    expect(refused.status).to.equal(429);
    expect(refused.retryAfter).to.equal('1');
    expect(refused.body).to.deep.equal({
      error: 'too many requests',
      reason: 'more than 60 requests a minute from this client; try again in 1 s',
    });
  });

  // [what, path and method, expected status while the client is within its limit]
  const routes: Array<[string, string, string, unknown, number]> = [
    ['the chat page', 'GET', '/', undefined, 200],
    ['the token route', 'POST', '/api/directline/token', {}, 200],
    ['the messaging endpoint', 'POST', '/api/messages', messageActivity('hi', { conversation: 'per-client-route' }), 200],
    ['an unknown path (a scanner)', 'GET', '/wp-login.php', undefined, 404],
  ];
  routes.forEach(([what, method, path, body, status], index) => {
    it(`limits ${what} too`, async () => {
      const address = `203.0.113.${20 + index}`;
      for (let count = 0; count < 10; count++)
        expect((await send(app.baseUrl, path, { method, body, headers: from(address) })).status).to.equal(status);
      expect((await send(app.baseUrl, path, { method, body, headers: from(address) })).status).to.equal(429);
    });
  });

  it('never limits /healthz, even for a client over its limit', async () => {
    await flood('203.0.113.2', '/', 11);
    for (let count = 0; count < 30; count++) {
      const health = await send(app.baseUrl, '/healthz', { headers: from('203.0.113.2') });
      expect(health).to.include({ status: 200 });
      expect(health.body).to.deep.equal({ status: 'ok' });
    }
  });

  it('answers another client normally while one floods the messaging endpoint', async () => {
    const flooding = Array.from({ length: 40 }, (_, index) =>
      send(app.baseUrl, '/api/messages', {
        method: 'POST',
        body: messageActivity(`flood ${index}`, { conversation: 'flooder', user: 'flooder' }),
        headers: from('203.0.113.3'),
      }),
    );
    const calm = (async () => {
      const welcome = await send(app.baseUrl, '/api/messages', {
        method: 'POST',
        body: messageActivity('hi', { conversation: 'calm', user: 'calm' }),
        headers: from('203.0.113.4'),
      });
      const agreed = await send(app.baseUrl, '/api/messages', {
        method: 'POST',
        body: messageActivity('yes', { conversation: 'calm', user: 'calm' }),
        headers: from('203.0.113.4'),
      });
      return [welcome, agreed];
    })();
    const [floodResults, [welcome, agreed]] = await Promise.all([Promise.all(flooding), calm]);
    const statuses = floodResults!.map((result) => result.status);
    expect(statuses.filter((status) => status === 200)).to.have.length(10);
    expect(statuses.filter((status) => status === 429)).to.have.length(30);
    expect(welcome!.status).to.equal(200);
    expect(messageTexts(welcome!.body).join('\n')).to.match(/skin-treatment guide[\s\S]*Do you agree/);
    expect(agreed!.status).to.equal(200);
    expect(messageTexts(agreed!.body).join('\n')).to.match(/in your own words/);
  });

  it('does not give a fresh bucket for made-up X-Forwarded-For entries left of the proxy', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 11; index++) {
      statuses.push((await send(app.baseUrl, '/', { headers: { 'x-forwarded-for': `10.9.8.${index}, 203.0.113.5:4431` } })).status);
    }
    expect(statuses).to.deep.equal([...Array(10).fill(200), 429]);
  });

  it('serves the client again once it slows down: one request a second, a full burst after 10 s', async () => {
    await flood('203.0.113.6', '/', 11);
    clock.advance(1_000);
    expect(await flood('203.0.113.6', '/', 2)).to.deep.equal([200, 429]);
    clock.advance(10_000);
    expect(await flood('203.0.113.6', '/', 11)).to.deep.equal([...Array(10).fill(200), 429]);
  });
});

describe('Rate limit per client: which requests count', () => {
  const clock = manualClock();

  it('ignores X-Forwarded-For without TRUST_PROXY: anyone could write it', async () => {
    const app = await startTestApp({ RATE_LIMIT_PER_CLIENT_PER_MINUTE: '60' }, undefined, { rateLimitClock: clock.now });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 11; index++)
        statuses.push((await send(app.baseUrl, '/', { headers: from(`198.51.100.${index}`) })).status);
      expect(statuses).to.deep.equal([...Array(10).fill(200), 429]);
    } finally {
      await app.close();
    }
  });

  it("charges forged WhatsApp webhooks but not signed ones (Meta sends everyone's messages from few addresses)", async () => {
    const secret = 'whatsapp-app-secret';
    const app = await startTestApp(
      {
        RATE_LIMIT_PER_CLIENT_PER_MINUTE: '60',
        WHATSAPP_VERIFY_TOKEN: 'verify',
        WHATSAPP_APP_SECRET: secret,
        WHATSAPP_ACCESS_TOKEN: 'token',
        WHATSAPP_PHONE_NUMBER_ID: '1098',
        WHATSAPP_GRAPH_API_BASE: 'http://127.0.0.1:9/v21.0',
      },
      undefined,
      { rateLimitClock: clock.now },
    );
    try {
      // Delivery statuses only: accepted, nothing for the bot to answer.
      const raw = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ value: { statuses: [{ id: 'wamid.x', status: 'read' }] } }] }],
      });
      const post = (signature: string) =>
        send(app.baseUrl, '/api/whatsapp', { method: 'POST', body: raw, headers: { 'x-hub-signature-256': signature } });
      for (let count = 0; count < 30; count++) expect((await post(signBody(raw, secret))).status).to.equal(200);
      // Three times the burst in flight at once (headers sent, bodies held back until all have
      // started): accepted platform traffic never costs a token, however much is in flight.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const inFlight = Array.from({ length: 30 }, () =>
        heldBackPost(app.baseUrl, '/api/whatsapp', raw, { 'x-hub-signature-256': signBody(raw, secret) }, released),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      expect(await Promise.all(inFlight)).to.deep.equal(Array(30).fill(200));
      const forged: number[] = [];
      for (let count = 0; count < 11; count++) forged.push((await post(`sha256=${'0'.repeat(64)}`)).status);
      expect(forged).to.deep.equal([...Array(10).fill(401), 429]);
    } finally {
      await app.close();
    }
  });

  it('charges unauthenticated posts to /api/messages when the bot has an App ID', async () => {
    const app = await startTestApp(
      {
        RATE_LIMIT_PER_CLIENT_PER_MINUTE: '60',
        MicrosoftAppId: 'app-id',
        MicrosoftAppPassword: 'app-password',
        MicrosoftAppTenantId: 'tenant-id',
      },
      undefined,
      {
        rateLimitClock: clock.now,
      },
    );
    // CloudAdapter prints every refused token with console.error; keep the test output readable.
    const quiet = sinon.stub(console, 'error');
    try {
      const statuses: number[] = [];
      for (let count = 0; count < 11; count++)
        statuses.push((await postActivity(app.baseUrl, messageActivity('hi', { conversation: 'no-token' }))).status);
      expect(statuses).to.deep.equal([...Array(10).fill(401), 429]);
    } finally {
      quiet.restore();
      await app.close();
    }
  });
});

describe('Rate limit per conversation (3 messages: a burst of 3, full again after 10 s)', () => {
  const clock = manualClock();
  const memory: Record<string, string> = {};
  let app: RunningApp;
  let connector: FakeConnector;
  before(async () => {
    connector = await startFakeConnector();
    app = await startTestApp({ RATE_LIMIT_PER_CONVERSATION: '3' }, new MemoryStorage(memory), { rateLimitClock: clock.now });
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  const say = (text: string, conversation: string) =>
    postActivity(app.baseUrl, messageActivity(text, { conversation, user: `user-${conversation}` }));
  /** Everything stored for one conversation and its person. */
  const stored = (conversation: string) => JSON.stringify(Object.entries(memory).filter(([key]) => key.includes(conversation)));

  it('answers a flood once, politely, and does not run the extra turns', async () => {
    // [message, expected replies]: three messages are a human burst; the fourth is too many.
    const turns: Array<[string, (texts: string[]) => void]> = [
      ['hi', (texts) => expect(texts.join('\n')).to.match(/Do you agree/)],
      ['help', (texts) => expect(texts.join('\n')).to.match(/Do you agree/)],
      ['help', (texts) => expect(texts.join('\n')).to.match(/Do you agree/)],
    ];
    for (const [text, check] of turns) {
      const reply = await say(text, 'flood-1');
      expect(reply.status).to.equal(200);
      check(messageTexts(reply.body));
    }
    const before = stored('flood-1');
    expect(before).to.contain('flood-1');

    const notice = await say('yes', 'flood-1');
    expect(notice.status).to.equal(200);
    expect(messageTexts(notice.body)).to.deep.equal([NOTICE]);
    expect(NOTICE).to.match(/faster than I can answer[\s\S]*wait a few seconds/);

    // More of the flood: 200 (nothing for a channel to retry), no second notice, nothing run.
    for (let count = 0; count < 10; count++) {
      const quiet = await say('yes', 'flood-1');
      expect(quiet.status).to.equal(200);
      expect(quiet.body.activities).to.deep.equal([]);
    }
    expect(stored('flood-1')).to.equal(before);

    // 10 s later the bucket is full again: the dialog goes on from the consent question, so
    // none of the eleven refused "yes" was taken as the answer.
    clock.advance(10_000);
    const agreed = await say('yes', 'flood-1');
    expect(messageTexts(agreed.body).join('\n')).to.match(/in your own words/);
    expect(stored('flood-1')).to.not.equal(before);
  });

  it('tells the person again after they slowed down and flood again, but once per flood', async () => {
    clock.advance(10_000);
    const replies: string[][] = [];
    for (let count = 0; count < 6; count++) replies.push(messageTexts((await say('hi', 'flood-2')).body));
    expect(replies.slice(3)).to.deep.equal([[NOTICE], [], []]);
    clock.advance(10_000);
    const again: string[][] = [];
    for (let count = 0; count < 6; count++) again.push(messageTexts((await say('hi', 'flood-2')).body));
    expect(again.slice(0, 3).every((texts) => texts.length > 0 && !texts.includes(NOTICE))).to.equal(true);
    expect(again.slice(3)).to.deep.equal([[NOTICE], [], []]);
  });

  it('lets a red flag through however fast the messages come, typed or from a card', async () => {
    clock.advance(10_000);
    for (let count = 0; count < 5; count++) await say('hi', 'flood-rf');
    const typed = await say("I can't breathe", 'flood-rf');
    expect(messageTexts(typed.body).join('\n')).to.match(/emergency number now[\s\S]*serious allergic reaction/);
    const card = await postActivity(app.baseUrl, {
      ...messageActivity('', { user: 'flood-rf-user', conversation: 'flood-rf' }),
      text: undefined,
      value: { answer: 'having trouble breathing' },
    });
    expect(messageTexts(card.body).join('\n')).to.match(/serious allergic reaction/);
  });

  it('answers another conversation normally while one floods', async () => {
    const flood = Array.from({ length: 30 }, (_, index) => say(`flood ${index}`, 'flood-3'));
    const calm = (async () => [await say('hi', 'calm-3'), await say('Yes, I agree', 'calm-3'), await say('acne scars', 'calm-3')])();
    const [flooded, [welcome, agreed, concern]] = await Promise.all([Promise.all(flood), calm]);
    expect(flooded.every((reply) => reply.status === 200)).to.equal(true);
    expect(flooded.filter((reply) => messageTexts(reply.body).includes(NOTICE))).to.have.length(1);
    expect(messageTexts(welcome!.body).join('\n')).to.match(/skin-treatment guide[\s\S]*Do you agree/);
    expect(messageTexts(agreed!.body).join('\n')).to.match(/in your own words/);
    expect(messageTexts(concern!.body).join('\n')).to.match(/your concerns: acne scars/);
    expect([welcome, agreed, concern].flatMap((reply) => messageTexts(reply!.body))).to.not.include(NOTICE);
  });

  it('on a channel without expectReplies: 200 for every message, the notice sent once through the connector', async () => {
    const post = (text: string) => {
      const activity: Record<string, unknown> = {
        ...messageActivity(text, { conversation: 'flood-connector', user: 'user-connector' }),
        serviceUrl: connector.serviceUrl,
      };
      delete activity['deliveryMode'];
      return postActivity(app.baseUrl, activity);
    };
    connector.takeSent();
    const statuses: number[] = [];
    for (let count = 0; count < 8; count++) statuses.push((await post('hi')).status);
    expect(statuses).to.deep.equal(Array(8).fill(200));
    const sent = connector.takeSent().filter((activity) => activity.type === 'message');
    expect(sent.filter((activity) => activity.text === NOTICE)).to.have.length(1);
    expect(sent.at(-1)!.text).to.equal(NOTICE);
  });
});

describe('Rate limit per WhatsApp sender', () => {
  const secret = 'whatsapp-app-secret';
  const clock = manualClock();
  let graph: FakeGraph;
  let app: RunningApp;
  let messageCounter = 0;
  before(async () => {
    graph = await startFakeGraph();
    app = await startTestApp(
      {
        RATE_LIMIT_PER_CONVERSATION: '2',
        WHATSAPP_VERIFY_TOKEN: 'verify',
        WHATSAPP_APP_SECRET: secret,
        WHATSAPP_ACCESS_TOKEN: 'token',
        WHATSAPP_PHONE_NUMBER_ID: '1098',
        WHATSAPP_GRAPH_API_BASE: graph.base,
      },
      undefined,
      { rateLimitClock: clock.now, whatsappRetryDelaysMs: [5] },
    );
  });
  after(async () => {
    await app.close();
    await graph.close();
  });

  /** One signed webhook carrying `texts` from `waId`, in order, as Meta batches them. */
  async function webhook(waId: string, texts: string[]): Promise<number> {
    const messages = texts.map((body) => ({
      from: waId,
      id: `wamid.rate.${++messageCounter}`,
      timestamp: '1795540000',
      type: 'text',
      text: { body },
    }));
    const raw = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: { messages } }] }] });
    return (
      await send(app.baseUrl, '/api/whatsapp', { method: 'POST', body: raw, headers: { 'x-hub-signature-256': signBody(raw, secret) } })
    ).status;
  }

  const shown = (request: { body: any }) =>
    request.body.type === 'text' ? request.body.text.body : (request.body.interactive?.body?.text ?? '');
  async function waitFor(waId: string, pattern: RegExp): Promise<void> {
    const until = Date.now() + 10_000;
    while (!graph.requests.some((request) => request.body.to === waId && pattern.test(shown(request)))) {
      if (Date.now() > until) throw new Error(`no message to ${waId} showing ${pattern}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('sends a flooding sender one notice, drops the rest, and answers another sender normally', async () => {
    expect(await webhook('447700900101', ['hi', 'hi', 'yes', 'yes', 'yes', 'yes', 'yes'])).to.equal(200);
    expect(await webhook('447700900102', ['hi'])).to.equal(200);
    await waitFor('447700900102', /Do you agree/);
    await waitFor('447700900101', /faster than I can answer/);

    // Slowed down: the next message is answered, from the consent question (no "yes" was run).
    // One sender's turns run in order, so once this reply is out the flood has been handled.
    clock.advance(10_000);
    expect(await webhook('447700900101', ['yes'])).to.equal(200);
    await waitFor('447700900101', /in your own words/);
    const toFlooder = graph.requests.filter((request) => request.body.to === '447700900101').map(shown);
    expect(toFlooder.filter((text) => text === NOTICE)).to.have.length(1);
    expect(toFlooder.filter((text) => /in your own words/.test(text))).to.have.length(1);
    const toOther = graph.requests.filter((request) => request.body.to === '447700900102').map(shown);
    expect(toOther).to.not.include(NOTICE);
  });
});
