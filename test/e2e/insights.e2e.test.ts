import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';
import { startTestApp, type RunningApp } from '../support/app.js';
import { launchBrowser } from './browser.js';
import { ADMIN_TOKEN, getInsights, runInsightScript, SCRIPT_FIGURES } from '../support/insights-script.js';

const BOOKING_URL = 'https://clinic.example/book';

/** What each chart draws: its labels and every dataset's values, read from the Chart.js instances. */
async function chartData(page: Page) {
  return page.evaluate(() => {
    const charts = (
      window as unknown as {
        insightsCharts: Record<string, { data: { labels: string[]; datasets: Array<{ label: string; data: unknown[] }> } }>;
      }
    ).insightsCharts;
    return Object.fromEntries(
      Object.entries(charts).map(([name, chart]) => [
        name,
        { labels: chart.data.labels, datasets: chart.data.datasets.map((dataset) => ({ label: dataset.label, data: dataset.data })) },
      ]),
    );
  });
}

describe('The clinic insights page in a real browser', function () {
  this.timeout(180_000);
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ ADMIN_TOKEN, INSIGHTS_MIN_COUNT: '1', BOOKING_URL });
    await runInsightScript(app, 'e2e');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('counts the booking link opened on the chat page', async () => {
    const context = await browser.newContext();
    // The booking site is not reachable here: the new tab gets a local stand-in.
    await context.route('https://clinic.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<p>booking</p>' }),
    );
    const page = await context.newPage();
    await page.goto(app.baseUrl);
    await page
      .getByText(/Do you agree to continue/)
      .last()
      .waitFor({ state: 'visible', timeout: 30_000 });
    // The panel shows after an assessment; here it is shown at once to click its link.
    await page.evaluate(() => {
      document.getElementById('booking')!.hidden = false;
      const link = document.getElementById('booking-link')!;
      link.setAttribute('href', document.body.getAttribute('data-booking-url') ?? '');
      link.hidden = false;
    });
    const popup = context.waitForEvent('page');
    await page.locator('#booking-link').click();
    await (await popup).close();
    const deadline = Date.now() + 15_000;
    let clicks = 0;
    while (Date.now() < deadline && clicks < 2) {
      await app.settle();
      clicks = (await getInsights(app)).body.bookingClicks;
      if (clicks < 2) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // One from the scripted conversations, one from this page.
    expect(clicks).to.equal(2);
    await context.close();
  });

  it('draws the funnel, outcomes, rules, drop-off, unreadable answers and red flags with the API figures, on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
    await context.setExtraHTTPHeaders({ authorization: `Bearer ${ADMIN_TOKEN}` });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
    });
    const response = await page.goto(`${app.baseUrl}/admin/insights`);
    expect(response?.status()).to.equal(200);
    await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 20_000 });
    const charts = await chartData(page);
    const api = (await getInsights(app)).body;

    expect(charts['funnel']!.labels).to.deep.equal(['Conversations', 'Consented', 'Screenings completed', 'Handoffs', 'Booking clicks']);
    expect(charts['funnel']!.datasets[0]!.data).to.deep.equal([
      SCRIPT_FIGURES.conversations + 1,
      SCRIPT_FIGURES.consented,
      SCRIPT_FIGURES.screeningsCompleted,
      SCRIPT_FIGURES.handoffs,
      2,
    ]);
    expect(charts['outcomes']!.labels).to.deep.equal(['2026-11-24']);
    expect(Object.fromEntries(charts['outcomes']!.datasets.map((dataset) => [dataset.label, dataset.data]))).to.deep.equal({
      consultation: [1],
      emergency: [1],
    });
    const rules = charts['rules']!;
    expect(Object.fromEntries(rules.labels.map((label, i) => [label, rules.datasets[0]!.data[i]]))).to.deep.equal(SCRIPT_FIGURES.rules);
    const dropOff = charts['dropoff']!;
    // The chat page's own visit stopped at the consent question too.
    expect(Object.fromEntries(dropOff.labels.map((label, i) => [label, dropOff.datasets[0]!.data[i]]))).to.deep.equal({
      consent: 2,
      pregnancy: 1,
    });
    const unreadable = charts['unreadable']!;
    const byQuestion = Object.fromEntries(
      unreadable.labels.map((label, i) => [label, { asked: unreadable.datasets[0]!.data[i], unreadable: unreadable.datasets[1]!.data[i] }]),
    );
    expect(byQuestion['pregnancy']).to.deep.equal({ asked: 3, unreadable: 1 });
    // Zero is below the minimum of 1: drawn as nothing, as the API hides it.
    expect(byQuestion['age']).to.deep.equal({ asked: 2, unreadable: null });
    expect(charts['safety']!.datasets[0]!.data).to.deep.equal([1, null, 1, 2]);
    expect(api.redFlags).to.deep.equal({ emergency: 1, urgent: null });

    // The summary reads the same numbers; a hidden one says so.
    const summary = await page.locator('#summary').innerText();
    expect(summary)
      .to.match(/Conversations\s+5/)
      .and.match(/Urgent\s+fewer than 1/);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
    const outputDir = join(projectRoot, 'test-output');
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, 'insights.png'), fullPage: true });
    expect(problems, problems.join('\n')).to.deep.equal([]);
    await context.close();
  });

  it('asks for the token (HTTP Basic) and opens with it as the password', async () => {
    // Without credentials the page answers 401 with the Basic challenge (a browser then asks for them).
    const anonymous = await browser.newContext();
    const refused = await anonymous.request.get(`${app.baseUrl}/admin/insights`);
    expect(refused.status()).to.equal(401);
    expect(refused.headers()['www-authenticate']).to.match(/^Basic realm="insights"/);
    await anonymous.close();

    const context = await browser.newContext({ httpCredentials: { username: 'manager', password: ADMIN_TOKEN } });
    const page = await context.newPage();
    const response = await page.goto(`${app.baseUrl}/admin/insights?from=2026-11-20&to=2026-11-24`);
    expect(response?.status()).to.equal(200);
    await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 20_000 });
    expect(await page.inputValue('input[name="from"]')).to.equal('2026-11-20');
    expect((await chartData(page))['funnel']!.datasets[0]!.data[0]).to.equal(5);
    await context.close();
  });
});
