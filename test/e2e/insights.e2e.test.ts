import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';
import { startTestApp, type RunningApp } from '../support/app.js';
import { launchBrowser } from './browser.js';
import { ADMIN_TOKEN, getInsights, runInsightScript, SCRIPT_FIGURES } from '../support/insights-script.js';
import { makeTempDir } from '../support/temp-dir.js';

const BOOKING_URL = 'https://clinic.example/book';

/**
 * What each chart draws: its labels (a long one is drawn on several lines, given back as one)
 * and every dataset's values, read from the Chart.js instances.
 */
async function chartData(page: Page) {
  return page.evaluate(() => {
    const charts = (
      window as unknown as {
        insightsCharts: Record<string, { data: { labels: Array<string | string[]>; datasets: Array<{ label: string; data: unknown[] }> } }>;
      }
    ).insightsCharts;
    return Object.fromEntries(
      Object.entries(charts).map(([name, chart]) => [
        name,
        {
          labels: chart.data.labels.map((label) => (Array.isArray(label) ? label.join(' ') : label)),
          datasets: chart.data.datasets.map((dataset) => ({ label: dataset.label, data: dataset.data })),
        },
      ]),
    );
  });
}

/** A chart of one dataset as { label: value }. */
function byLabel(chart: { labels: string[]; datasets: Array<{ data: unknown[] }> }): Record<string, unknown> {
  return Object.fromEntries(chart.labels.map((label, i) => [label, chart.datasets[0]!.data[i]]));
}

async function openInsightsPage(
  browser: Browser,
  baseUrl: string,
  problems: string[],
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  await context.setExtraHTTPHeaders({ authorization: `Bearer ${ADMIN_TOKEN}` });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  const response = await page.goto(`${baseUrl}/admin/insights`);
  expect(response?.status()).to.equal(200);
  await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 20_000 });
  return { page, close: () => context.close() };
}

describe('The clinic insights page in a real browser', function () {
  this.timeout(180_000);
  let app: RunningApp;
  let browser: Browser;
  let temp: { dir: string; remove: () => Promise<void> };

  before(async () => {
    // The file store, so a second server can show the same events with another minimum.
    temp = await makeTempDir('insights-e2e-');
    app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir, ADMIN_TOKEN, INSIGHTS_MIN_COUNT: '1', BOOKING_URL });
    await runInsightScript(app, 'e2e');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await temp?.remove();
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

  it('draws the nested funnel, outcomes, rules, drop-off, unreadable and corrected answers and red flags by name, on a phone', async () => {
    const problems: string[] = [];
    const { page, close } = await openInsightsPage(browser, app.baseUrl, problems);
    const charts = await chartData(page);
    const api = (await getInsights(app)).body;

    // The funnel's steps, each a subset of the one before (the emergency before consent is not a completed screening).
    expect(byLabel(charts['funnel']!)).to.deep.equal({
      Conversations: SCRIPT_FIGURES.conversations + 1,
      'Agreed to the terms': SCRIPT_FIGURES.consented,
      'Started the health questions': SCRIPT_FIGURES.screeningsStarted,
      'Got a result': SCRIPT_FIGURES.screeningsCompleted,
      'Opened booking or asked for the team': SCRIPT_FIGURES.followedUp,
    });
    const steps = charts['funnel']!.datasets[0]!.data as number[];
    steps.slice(1).forEach((count, i) => expect(count).to.be.at.most(steps[i]!));
    expect(steps.slice(1)).to.deep.equal([2, 2, 1, 1]);

    expect(charts['outcomes']!.labels).to.deep.equal(['2026-11-24']);
    expect(Object.fromEntries(charts['outcomes']!.datasets.map((dataset) => [dataset.label, dataset.data]))).to.deep.equal({
      Consultation: [1],
      Emergency: [1],
    });
    expect(byLabel(charts['rules']!)).to.deep.equal({
      'No other rule applies': 1,
      'Trouble breathing, swelling of the lips, tongue, throat or face, feeling faint': 1,
      'Any answer of this check is "not sure", missing, or could not be understood after two tries': 1,
    });
    // The chat page's own visit stopped at the consent question too.
    expect(byLabel(charts['dropoff']!)).to.deep.equal({ 'Agreeing to the terms': 2, 'Pregnant or breastfeeding': 1 });
    expect(byLabel(charts['corrected']!)).to.deep.equal({ Age: 1 });
    const unreadable = charts['unreadable']!;
    const byQuestion = Object.fromEntries(
      unreadable.labels.map((label, i) => [label, { asked: unreadable.datasets[0]!.data[i], unreadable: unreadable.datasets[1]!.data[i] }]),
    );
    expect(byQuestion['Pregnant or breastfeeding']).to.deep.equal({ asked: 3, unreadable: 1 });
    // Zero is 0 (with a minimum of 1 nothing is hidden), not "fewer than 1".
    expect(byQuestion['Age']).to.deep.equal({ asked: 2, unreadable: 0 });
    // Without a handoff webhook no person is offered, so no request is sent: handoffs 0 (issue 29).
    expect(charts['safety']!.datasets[0]!.data).to.deep.equal([1, 0, 0, 2]);
    expect(api.redFlags).to.deep.equal({ emergency: 1, urgent: 0 });

    // No id reaches the page's charts: every rule, question and outcome id of the API is shown by its name.
    const ids = [
      ...Object.keys(api.rules),
      ...Object.keys(api.outcomes),
      ...Object.keys(api.dropOff),
      ...Object.keys(api.unrecognised),
      ...Object.keys(api.corrected),
    ];
    expect(ids).to.include.members(['R-NONE', 'consent', 'pregnancy', 'age', 'readBack', 'checklists']);
    const drawn = Object.values(charts).flatMap((chart) => [...chart.labels, ...chart.datasets.map((dataset) => dataset.label)]);
    for (const id of ids) expect(drawn, id).to.not.include(id);

    // The summary reads the same numbers; zero is 0.
    const summary = await page.locator('#summary').innerText();
    expect(summary)
      .to.match(/Conversations\s+5/)
      .and.match(/Got a result\s+1/)
      .and.match(/Urgent\s+0/)
      .and.not.match(/fewer than/);
    expect(await page.locator('#hidden-rule').innerText()).to.contain('Every count is shown');
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
    const outputDir = join(projectRoot, 'test-output');
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, 'insights.png'), fullPage: true });
    expect(problems, problems.join('\n')).to.deep.equal([]);
    await close();
  });

  it('with a minimum of 3 shows a hidden count as "1 to 2" and zero as 0', async () => {
    const other = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir, ADMIN_TOKEN, INSIGHTS_MIN_COUNT: '3' });
    try {
      const problems: string[] = [];
      const { page, close } = await openInsightsPage(browser, other.baseUrl, problems);
      const summary = await page.locator('#summary').innerText();
      expect(summary)
        .to.match(/Conversations\s+5/)
        .and.match(/Got a result\s+1 to 2/)
        .and.match(/Urgent\s+0/);
      expect(await page.locator('#hidden-rule').innerText()).to.contain('counts from 1 to 2 read “1 to 2”; 0 is 0');
      const charts = await chartData(page);
      expect(charts['safety']!.datasets[0]!.data).to.deep.equal([null, 0, 0, null]);
      expect(problems, problems.join('\n')).to.deep.equal([]);
      await close();
    } finally {
      await other.close();
    }
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
    // A range with nothing in it: zeros, and the charts of ids say there is none.
    await page.goto(`${app.baseUrl}/admin/insights?from=2026-11-25&to=2026-11-26`);
    await page.waitForSelector('body[data-charts-ready="true"]', { timeout: 20_000 });
    expect(await page.locator('#summary').innerText()).to.match(/Conversations\s+0/);
    expect(await page.getByText('None in these dates.').count()).to.equal(4);
    await context.close();
  });
});
