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

  async function startConversation(request: Record<string, unknown> = {}) {
    const { body: session } = await call(app, 'POST', '/api/directline/token', undefined, request);
    const { status, body } = await call(app, 'POST', '/v3/directline/conversations', session.token, {});
    expect(status).to.equal(201);
    return {
      token: session.token as string,
      conversationId: body.conversationId as string,
      userId: session.userId as string,
      ticket: session.ticket as string,
    };
  }

  it('issues a token bound to a new person and conversation and points the page at the local Direct Line', async () => {
    const { status, body } = await call(app, 'POST', '/api/directline/token', undefined, {});
    expect(status).to.equal(200);
    expect(body).to.include({ domain: '/v3/directline', resumed: false });
    expect(body.userId).to.match(/^dl_[0-9a-f]{24}$/);
    expect(body.conversationId).to.be.a('string');
    expect(body.ticket).to.be.a('string');
    expect(body.token).to.be.a('string').with.length.greaterThan(20);
  });

  it('starts, for Web Chat, the conversation the token (and the ticket) was issued for', async () => {
    const { body: session } = await call(app, 'POST', '/api/directline/token', undefined, {});
    const { body } = await call(app, 'POST', '/v3/directline/conversations', session.token, {});
    expect(body.conversationId).to.equal(session.conversationId);
  });

  it('resumes the conversation with its ticket: the same token reads its history', async () => {
    const first = await startConversation();
    await call(app, 'POST', `/v3/directline/conversations/${first.conversationId}/activities`, first.token, {
      type: 'event',
      name: 'webchat/join',
    });
    await pollUntil(app, first.conversationId, first.token, '0', (activities) => activities.some((a) => /Do you agree/.test(a.text ?? '')));
    const { body } = await call(app, 'POST', '/api/directline/token', undefined, {
      conversationId: first.conversationId,
      ticket: first.ticket,
    });
    expect(body).to.include({ conversationId: first.conversationId, userId: first.userId, resumed: true });
    const history = await call(app, 'GET', `/v3/directline/conversations/${first.conversationId}?watermark=0`, body.token);
    expect(history.status).to.equal(200);
  });

  it('keeps refreshing the token of a conversation (Web Chat refreshes it while the page is open)', async () => {
    const { token } = await startConversation();
    const refreshed = await call(app, 'POST', '/v3/directline/tokens/refresh', token, {});
    expect(refreshed.status).to.equal(200);
    expect(refreshed.body.token).to.equal(token);
  });

  // [how the victim's conversation is asked for, the reason given]
  const borrowings: Array<
    [string, (victim: Awaited<ReturnType<typeof startConversation>>, own: string) => Record<string, unknown>, string]
  > = [
    [
      "with the victim's user id and no ticket",
      (victim) => ({ userId: victim.userId.slice(3), conversationId: victim.conversationId }),
      'missing',
    ],
    ["with the asker's own ticket", (victim, own) => ({ conversationId: victim.conversationId, ticket: own }), 'other-conversation'],
    [
      'with a forged ticket',
      (victim) => ({ conversationId: victim.conversationId, ticket: `${victim.ticket.split('.')[0]}.AAAA` }),
      'forged',
    ],
  ];
  for (const [how, request, reason] of borrowings) {
    it(`never gives someone else's conversation asked ${how}`, async () => {
      const victim = await startConversation();
      await call(app, 'POST', `/v3/directline/conversations/${victim.conversationId}/activities`, victim.token, {
        type: 'message',
        text: 'my answers',
      });
      const own = (await call(app, 'POST', '/api/directline/token', undefined, {})).body.ticket as string;
      const { body } = await call(app, 'POST', '/api/directline/token', undefined, request(victim, own));
      expect(body.conversationId).to.not.equal(victim.conversationId);
      expect(body.token).to.not.equal(victim.token);
      expect(body.userId).to.not.equal(victim.userId);
      expect(body).to.include({ resumed: false, resumeRefused: reason });
      // And the token given opens nothing of the victim's.
      for (const path of [
        `/v3/directline/conversations/${victim.conversationId}`,
        `/v3/directline/conversations/${victim.conversationId}/activities?watermark=0`,
      ]) {
        expect((await call(app, 'GET', path, body.token)).status, path).to.equal(403);
      }
    });
  }

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
    const { token, conversationId } = await startConversation();
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
    const { token, conversationId } = await startConversation();
    const { status, body } = await call(app, 'POST', `/v3/directline/conversations/${conversationId}/activities`, token, { text: 'hi' });
    expect(status).to.equal(400);
    expect(JSON.stringify(body)).to.match(/activity\.type/);
  });

  it('refuses a malformed conversation id or ticket for a token with 400 and a reason', async () => {
    for (const body of [{ conversationId: '<script>' }, { ticket: '<script>' }]) {
      const { status, body: answer } = await call(app, 'POST', '/api/directline/token', undefined, body);
      expect(status).to.equal(400);
      expect(answer.reason).to.match(/ticket/);
    }
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
