import { expect } from 'chai';
import { postActivity, messageActivity, startTestApp, type RunningApp } from '../support/app.js';

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

  it('keeps answering normal traffic after bad requests', async () => {
    await postActivity(app.baseUrl, '{oops');
    const { status } = await postActivity(app.baseUrl, messageActivity('hello', { conversation: 'after-bad' }));
    expect(status).to.equal(200);
  });
});
