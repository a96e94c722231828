import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { postActivity, messageActivity, startTestApp, type RunningApp } from '../support/app.js';

/** A message activity without `field`. */
function without(field: string): Record<string, unknown> {
  const activity: Record<string, unknown> = messageActivity('x');
  delete activity[field];
  return activity;
}

describe('HTTP server', () => {
  let app: RunningApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app.close());

  it('answers /healthz with ok once ready', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ status: 'ok' });
  });

  it('returns the welcome and the consent question for an expectReplies message', async () => {
    const { status, body } = await postActivity(app.baseUrl, messageActivity('hi'));
    expect(status).to.equal(200);
    const texts = body.activities.filter((a: { type: string }) => a.type === 'message').map((a: { text: string }) => a.text);
    expect(texts[0]).to.match(/skin-treatment guide/);
    expect(texts.at(-1)).to.match(/Do you agree/);
    expect(body.activities.some((a: { type: string }) => a.type === 'trace')).to.equal(false);
  });

  const badBodies: Array<[string, unknown, number, RegExp]> = [
    ['malformed JSON', '{"type": "message",', 400, /JSON/i],
    ['a JSON array', '[1,2]', 400, /JSON object/],
    ['no activity type', { text: 'hi' }, 400, /activity\.type/],
    ['a wrong-typed type', { type: 5 }, 400, /activity\.type/],
    ['a wrong-typed conversation', { ...messageActivity('x'), conversation: 'c' }, 400, /activity\.conversation/],
    ['a text that is not a string', { ...messageActivity('x'), text: { a: 1 } }, 400, /activity\.text/],
    // Found by the fuzz suite (test/fuzz): each of these failed the turn, or the reply, in the adapter or the bot.
    ['no conversation', without('conversation'), 400, /activity\.conversation/],
    ['no sender', without('from'), 400, /activity\.from/],
    ['no recipient', without('recipient'), 400, /activity\.recipient/],
    ['no channel id', without('channelId'), 400, /activity\.channelId/],
    ['no service URL (replies would go to api.botframework.com)', without('serviceUrl'), 400, /activity\.serviceUrl/],
    ['a service URL that is not http(s)', { ...messageActivity('x'), serviceUrl: 'javascript:alert(1)' }, 400, /activity\.serviceUrl/],
    ['a numeric activity id', { ...messageActivity('x'), id: 278751342 }, 400, /activity\.id/],
    [
      'a conversation id with a lone surrogate',
      { ...messageActivity('x'), conversation: { id: 'c\ud800' } },
      400,
      /activity\.conversation\.id: .*lone surrogate/,
    ],
    [
      'a wrong-typed conversation field',
      { ...messageActivity('x'), conversation: { id: 'c', isGroup: 'yes' } },
      400,
      /activity\.conversation\.isGroup/,
    ],
    ['entities that are not a list', { ...messageActivity('x'), entities: 5 }, 400, /activity\.entities/],
    ['an entity without a type', { ...messageActivity('x'), entities: [null] }, 400, /activity\.entities\.0/],
    [
      'a mention that mentions nobody',
      { ...messageActivity('x'), entities: [{ type: 'mention', text: '<at>x</at>' }] },
      400,
      /activity\.entities\.0\.mentioned/,
    ],
    ['attachments that are not a list', { ...messageActivity('x'), attachments: 'x' }, 400, /activity\.attachments/],
    [
      'membersAdded with a member that is not an account',
      { ...messageActivity('x'), type: 'conversationUpdate', membersAdded: [null] },
      400,
      /activity\.membersAdded\.0/,
    ],
    [
      'a Teams activity without channelData',
      { ...messageActivity('x'), channelId: 'msteams', type: 'messageUpdate' },
      400,
      /activity\.channelData/,
    ],
  ];
  for (const [name, body, status, reason] of badBodies) {
    it(`refuses ${name} with ${status} and a reason`, async () => {
      const response = await postActivity(app.baseUrl, body);
      expect(response.status).to.equal(status);
      expect(JSON.stringify(response.body)).to.match(reason);
    });
  }

  it('refuses a body over the size limit with 413', async () => {
    const response = await postActivity(app.baseUrl, messageActivity('x'.repeat(300 * 1024)));
    expect(response.status).to.equal(413);
  });

  // Found by the fuzz suite: restify's bodyParser crashed the process on a corrupt gzip body
  // (zlib's error had no listener), inflated gzip past MAX_BODY_BYTES, and wrote multipart
  // uploads to the temp directory past the limit. The JSON routes now take JSON only.
  it('refuses a compressed body with 415 and a reason, and a corrupt one does not stop the server', async () => {
    for (const body of [gzipSync(JSON.stringify(messageActivity('hello'))), Buffer.from('not gzip at all')]) {
      const response = await fetch(`${app.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      expect(response.status).to.equal(415);
      expect(await response.json()).to.deep.equal({
        error: 'unsupported media type',
        reason: 'send the body uncompressed, without Content-Encoding',
      });
    }
    expect((await fetch(`${app.baseUrl}/healthz`)).status).to.equal(200);
  });

  it('refuses forms, multipart uploads and other types with 415, and leaves no file behind', async () => {
    const uploads = () => readdirSync(tmpdir()).filter((name) => name.startsWith('upload_'));
    const before = new Set(uploads());
    const file = `--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(300 * 1024)}\r\n--fuzz--\r\n`;
    const bodies: Array<[string, string]> = [
      ['multipart/form-data; boundary=fuzz', file],
      ['application/x-www-form-urlencoded', 'type=message&text=hi&deliveryMode=expectReplies'],
      ['text/plain', JSON.stringify(messageActivity('hello'))],
      ['text/csv', 'a,b\n1,2'],
    ];
    for (const [contentType, body] of bodies) {
      const response = await fetch(`${app.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
      expect(response.status, contentType).to.equal(415);
      expect(await response.json(), contentType).to.deep.equal({
        error: 'unsupported media type',
        reason: 'send the body as application/json',
      });
    }
    expect(uploads().filter((name) => !before.has(name))).to.deep.equal([]);
  });

  it('answers an invoke the bot does not handle with 400 and a reason, not 501', async () => {
    const { deliveryMode: _replies, ...activity } = messageActivity('', { conversation: 'invoke-chat' });
    const { status, body } = await postActivity(app.baseUrl, { ...activity, type: 'invoke', name: 'no/such-invoke', text: undefined });
    expect(status).to.equal(400);
    expect(body.reason).to.be.a('string');
  });

  it('keeps answering normal traffic after bad requests', async () => {
    await postActivity(app.baseUrl, '{oops');
    const { status } = await postActivity(app.baseUrl, messageActivity('hello', { conversation: 'after-bad' }));
    expect(status).to.equal(200);
  });
});
