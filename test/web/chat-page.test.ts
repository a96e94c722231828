import { expect } from 'chai';
import { startTestApp, type RunningApp } from '../support/app.js';

describe('Chat page', () => {
  let app: RunningApp;
  before(async () => {
    app = await startTestApp({ BOOKING_URL: 'https://clinic.example/book?a=1&b="2"' });
  });
  after(async () => app.close());

  it('serves the page with a title, a language and a content security policy', async () => {
    const response = await fetch(`${app.baseUrl}/`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).to.contain("script-src 'self'");
    expect(policy).to.contain("object-src 'none'");
    const html = await response.text();
    expect(html).to.match(/<html lang="en">/);
    expect(html).to.match(/<title>[^<]+<\/title>/);
    expect(html).to.contain('src="/webchat/webchat.js"');
  });

  it('hands the booking link to the page escaped', async () => {
    const html = await (await fetch(`${app.baseUrl}/`)).text();
    expect(html).to.contain('data-booking-url="https://clinic.example/book?a=1&amp;b=&quot;2&quot;"');
  });

  it('serves the Web Chat bundle from node_modules and the page script', async () => {
    const bundle = await fetch(`${app.baseUrl}/webchat/webchat.js`);
    expect(bundle.status).to.equal(200);
    expect((await bundle.text()).length).to.be.greaterThan(1_000_000);
    const script = await fetch(`${app.baseUrl}/static/chat.js`);
    expect(await script.text()).to.contain('assessment.completed');
  });
});
