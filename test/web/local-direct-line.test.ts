import { expect } from 'chai';
import { startTestApp, type RunningApp } from '../support/app.js';

interface DlActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  entities?: Array<Record<string, unknown>>;
}

async function call(app: RunningApp, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
}

/** Polls like Web Chat until `done` holds for the activities after `watermark`. */
async function pollUntil(
  app: RunningApp,
  conversationId: string,
  token: string,
  watermark: string,
  done: (activities: DlActivity[]) => boolean,
) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { body } = await call(app, 'GET', `/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, token);
    if (done(body.activities)) return body as { activities: DlActivity[]; watermark: string };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the bot did not answer through the local Direct Line');
}

describe('Local Direct Line (development and tests)', () => {
  let app: RunningApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app.close());

  async function startConversation(userId = 'person-0001') {
    const { body: session } = await call(app, 'POST', '/api/directline/token', undefined, { userId });
    const { status, body } = await call(app, 'POST', '/v3/directline/conversations', session.token, {});
    expect(status).to.equal(201);
    return { token: session.token as string, conversationId: body.conversationId as string, userId: session.userId as string };
  }

  it('issues a token bound to the person and points the page at the local Direct Line', async () => {
    const { status, body } = await call(app, 'POST', '/api/directline/token', undefined, { userId: 'person-0001' });
    expect(status).to.equal(200);
    expect(body).to.include({ domain: '/v3/directline', userId: 'dl_person-0001' });
    expect(body.token).to.be.a('string').with.length.greaterThan(20);
  });

  it('echoes the posted activity and delivers the bot replies through CloudAdapter, with watermarks', async () => {
    const { token, conversationId, userId } = await startConversation();
    const posted = await call(app, 'POST', `/v3/directline/conversations/${conversationId}/activities`, token, {
      type: 'event',
      name: 'webchat/join',
      from: { id: 'someone-else' },
    });
    expect(posted.status).to.equal(200);
    const first = await pollUntil(app, conversationId, token, '0', (activities) =>
      activities.some((a) => /Do you agree/.test(a.text ?? '')),
    );
    expect(first.activities[0]).to.include({ id: posted.body.id, type: 'event' });
    // The person is who the token says, not who the body claims.
    expect(first.activities[0]!.from.id).to.equal(userId);
    expect(first.activities.slice(1).every((a) => a.from.role === 'bot')).to.equal(true);

    const later = await call(app, 'GET', `/v3/directline/conversations/${conversationId}/activities?watermark=${first.watermark}`, token);
    expect(later.body.activities).to.deep.equal([]);
  });

  it('keeps the citation entity whole on its way through the Bot Connector client', async () => {
    const { token, conversationId } = await startConversation('person-0002');
    await call(app, 'POST', `/v3/directline/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text: 'how many sessions will I need?',
    });
    const { activities } = await pollUntil(app, conversationId, token, '0', (list) =>
      list.some((a) => /4 to 5 sessions/.test(a.text ?? '')),
    );
    const answer = activities.find((a) => /4 to 5 sessions/.test(a.text ?? ''))!;
    const entity = answer.entities?.find((e) => e['type'] === 'https://schema.org/Message');
    expect(entity).to.include({ '@type': 'Message', '@id': '' });
    expect(entity?.['citation']).to.be.an('array').with.length.greaterThan(0);
  });

  const refusals: Array<[string, string, string, unknown, number]> = [
    ['starting without a token', 'POST', '/v3/directline/conversations', {}, 403],
    ['reading a conversation that is not yours', 'GET', '/v3/directline/conversations/nope/activities?watermark=0', undefined, 403],
    [
      'posting to a conversation that is not yours',
      'POST',
      '/v3/directline/conversations/nope/activities',
      { type: 'message', text: 'hi' },
      403,
    ],
  ];
  for (const [name, method, path, body, status] of refusals) {
    it(`refuses ${name}`, async () => {
      expect((await call(app, method, path, 'wrong-token', body)).status).to.equal(status);
    });
  }

  it('refuses an activity without a type with 400 and a reason', async () => {
    const { token, conversationId } = await startConversation('person-0003');
    const { status, body } = await call(app, 'POST', `/v3/directline/conversations/${conversationId}/activities`, token, { text: 'hi' });
    expect(status).to.equal(400);
    expect(JSON.stringify(body)).to.match(/activity\.type/);
  });

  it('refuses a malformed user id for a token', async () => {
    const { status } = await call(app, 'POST', '/api/directline/token', undefined, { userId: '<script>' });
    expect(status).to.equal(400);
  });
});

describe('Local Direct Line in production mode', () => {
  let app: RunningApp;
  before(async () => {
    app = await startTestApp({
      NODE_ENV: 'production',
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'app-password',
      MicrosoftAppTenantId: 'tenant-id',
    });
  });
  after(async () => app.close());

  it('is not there, and the token route says chat is not configured', async () => {
    expect((await call(app, 'POST', '/v3/directline/conversations', 'any', {})).status).to.equal(404);
    const token = await call(app, 'POST', '/api/directline/token', undefined, {});
    expect(token.status).to.equal(503);
    expect(token.body.error).to.match(/DIRECT_LINE_SECRET/);
  });
});
