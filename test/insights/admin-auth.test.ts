import { expect } from 'chai';
import sinon from 'sinon';
import { startTestApp, type RunningApp } from '../support/app.js';
import { ADMIN_TOKEN } from '../support/insights-script.js';
import { isAuthorized, tokenComparison, tokenMatches } from '../../src/server/admin-auth.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('The clinic insights: who may see them', function () {
  this.timeout(60_000);
  let app: RunningApp;
  before(async () => {
    app = await startTestApp({ ADMIN_TOKEN });
  });
  after(() => app.close());

  const cases: Array<{ name: string; path: string; authorization?: string; status: number }> = [
    { name: 'no token (API)', path: '/admin/api/insights', status: 401 },
    { name: 'a wrong token (API)', path: '/admin/api/insights', authorization: `Bearer ${'x'.repeat(40)}`, status: 401 },
    { name: 'the token cut short (API)', path: '/admin/api/insights', authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}`, status: 401 },
    { name: 'the right Bearer (API)', path: '/admin/api/insights', authorization: `Bearer ${ADMIN_TOKEN}`, status: 200 },
    { name: 'Basic on the API (Bearer only)', path: '/admin/api/insights', authorization: basic('clinic', ADMIN_TOKEN), status: 401 },
    { name: 'no token (page)', path: '/admin/insights', status: 401 },
    { name: 'the right Bearer (page)', path: '/admin/insights', authorization: `Bearer ${ADMIN_TOKEN}`, status: 200 },
    { name: 'Basic with the token as password (page)', path: '/admin/insights', authorization: basic('anyone', ADMIN_TOKEN), status: 200 },
    { name: 'Basic with an empty user name (page)', path: '/admin/insights', authorization: basic('', ADMIN_TOKEN), status: 200 },
    { name: 'Basic with a wrong password (page)', path: '/admin/insights', authorization: basic('clinic', 'wrong'), status: 401 },
    { name: 'Basic with the token as user name (page)', path: '/admin/insights', authorization: basic(ADMIN_TOKEN, ''), status: 401 },
    { name: 'garbage (page)', path: '/admin/insights', authorization: 'Token abc', status: 401 },
  ];
  for (const { name, path, authorization, status } of cases) {
    it(`answers ${status} with ${name}, never cached`, async () => {
      const response = await fetch(`${app.baseUrl}${path}`, { headers: authorization ? { authorization } : {} });
      expect(response.status).to.equal(status);
      expect(response.headers.get('cache-control')).to.equal('no-store');
      if (status === 401) {
        const challenge = response.headers.get('www-authenticate');
        if (path === '/admin/insights') expect(challenge).to.match(/^Basic realm="insights"/);
        else expect(challenge).to.match(/^Bearer/);
      }
    });
  }

  it('serves the page with a strict Content-Security-Policy and the figures embedded', async () => {
    const response = await fetch(`${app.baseUrl}/admin/insights`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).to.contain("script-src 'self'").and.contain("default-src 'none'").and.contain("frame-ancestors 'none'");
    expect(policy).to.not.contain('unsafe');
    const html = await response.text();
    expect(html).to.match(/<script id="insights-data" type="application\/json">\s*{"from":/);
    expect(html).to.contain('/admin/static/chart.umd.min.js');
  });

  it('serves Chart.js from node_modules', async () => {
    const response = await fetch(`${app.baseUrl}/admin/static/chart.umd.min.js`);
    expect(response.status).to.equal(200);
    expect(await response.text()).to.contain('Chart.js v4');
  });

  it('compares the token with crypto.timingSafeEqual on SHA-256 digests', async () => {
    const spy = sinon.spy(tokenComparison, 'equal');
    try {
      await fetch(`${app.baseUrl}/admin/api/insights`, { headers: { authorization: 'Bearer short' } });
      expect(spy.calledOnce).to.equal(true);
      const [given, expected] = spy.firstCall.args;
      expect(given).to.have.length(32);
      expect(expected).to.have.length(32);
      expect(spy.firstCall.returnValue).to.equal(false);
    } finally {
      spy.restore();
    }
    expect(tokenComparison.equal.toString()).to.contain('timingSafeEqual');
    expect(tokenMatches(ADMIN_TOKEN, ADMIN_TOKEN)).to.equal(true);
    expect(tokenMatches('', ADMIN_TOKEN)).to.equal(false);
    expect(isAuthorized(undefined, ADMIN_TOKEN, { allowBasic: true })).to.equal(false);
  });

  describe('counts wrong tokens, not requests, per client address', () => {
    let limited: RunningApp;
    beforeEach(async () => {
      // One proxy in front, so each test client can have its own address.
      limited = await startTestApp({ ADMIN_TOKEN, TRUST_PROXY: '1' });
    });
    afterEach(() => limited.close());

    const from = (address: string, authorization?: string) =>
      fetch(`${limited.baseUrl}/admin/api/insights`, {
        headers: { 'x-forwarded-for': address, ...(authorization ? { authorization } : {}) },
      });

    it('refuses the 31st wrong token a minute with 429 and a reason, and still lets the right token in', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 32; i += 1) statuses.push((await from('203.0.113.7', `Bearer ${'x'.repeat(40)}`)).status);
      expect(statuses).to.deep.equal([...Array(30).fill(401), 429, 429]);
      // The manager, at the same address (one office, one proxy), is not locked out.
      expect((await from('203.0.113.7', `Bearer ${ADMIN_TOKEN}`)).status).to.equal(200);
      const refused = await from('203.0.113.7', 'Bearer guess');
      expect(refused.headers.get('retry-after')).to.match(/^\d+$/);
      expect(await refused.json()).to.deep.equal({ error: 'too many requests', reason: 'more than 30 wrong tokens a minute to /admin' });
      expect((await from('203.0.113.8', 'Bearer guess')).status).to.equal(401);
      // The chat is not affected by the admin limit.
      expect((await fetch(`${limited.baseUrl}/healthz`)).status).to.equal(200);
    });

    it('never limits the right token: 40 reports in a row are all answered', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await from('203.0.113.9', `Bearer ${ADMIN_TOKEN}`)).status);
      expect(statuses).to.deep.equal(Array(40).fill(200));
      // And they used none of the address's allowance for wrong ones.
      expect((await from('203.0.113.9', 'Bearer guess')).status).to.equal(401);
    });
  });
});

describe('The clinic insights without ADMIN_TOKEN', () => {
  it('do not exist: 404 for the page and the API', async () => {
    const app = await startTestApp({});
    try {
      for (const path of ['/admin/insights', '/admin/api/insights']) {
        const response = await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        expect(response.status, path).to.equal(404);
      }
    } finally {
      await app.close();
    }
  });
});
