import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';
import { startTestApp, type RunningApp } from '../support/app.js';
import { INVITATION, answerToResult, clickChoice, launchBrowser, type, waitForBot } from './browser.js';

const BOOKING_URL = 'https://clinic.example/book';

describe('The website chat widget in a real browser', function () {
  this.timeout(180_000);
  let app: RunningApp;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    app = await startTestApp({ BOOKING_URL });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('takes a person from consent to the summary card, a cited answer and the booking panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(app.baseUrl);
    expect(await page.title()).to.match(/Skin treatment guide/);
    expect(await page.getAttribute('html', 'lang')).to.equal('en');

    await waitForBot(page, /Do you agree to continue/);
    await clickChoice(page, 'Yes, I agree');
    await waitForBot(page, INVITATION);
    await answerToResult(page);
    await waitForBot(page, /Nothing in your answers rules out a consultation/);
    // Without a handoff webhook: the clinic's contacts, never an offer of a person.
    await waitForBot(page, /To talk to someone at .*, contact them directly/);

    // A question answered from the guide, with its source shown by Web Chat.
    await type(page, 'how many sessions will I need?');
    await waitForBot(page, /4 to 5 sessions/);
    await page
      .getByText(/Micro-needling article, section: Results/)
      .first()
      .waitFor({ timeout: 20_000 });

    const booking = page.locator('#booking');
    await booking.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('#booking-link').getAttribute('href')).to.equal(BOOKING_URL);

    const outputDir = join(projectRoot, 'test-output');
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, 'webchat.png'), fullPage: true });

    expect(await page.getByText(/Send failed/i).count()).to.equal(0);
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
