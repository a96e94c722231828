import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { LowdbStorage } from '../../src/storage/index.js';
import { JsonLinesTranscriptStore } from '../../src/storage/jsonl-transcript-store.js';
import { join } from 'node:path';
import { startTestApp, type RunningApp } from '../support/app.js';
import { makeTempDir } from '../support/temp-dir.js';
import {
  INVITATION,
  TYPED_ASSESSMENT as ASSESSMENT,
  clickChoice,
  tick,
  launchBrowser,
  screenshot,
  scrollsSideways,
  type,
  waitForBot,
} from './browser.js';

async function startAssessment(page: Page): Promise<void> {
  await waitForBot(page, /Do you agree to continue/);
  await clickChoice(page, 'Yes, I agree');
  await waitForBot(page, INVITATION);
  await tick(page, ['Large pores']);
  await waitForBot(page, /at a clinic, or of using a roller at home/);
}

describe('The website widget across visits, on a phone, and without a booking link', function () {
  this.timeout(240_000);
  let browser: Browser;
  let temp: { dir: string; remove: () => Promise<void> };
  let app: RunningApp;

  before(async () => {
    browser = await launchBrowser();
    temp = await makeTempDir('widget-');
    // No BOOKING_URL: the booking panel must show the clinic's contacts and no dead button.
    app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir, CLINIC_PHONE: '+44 20 7946 0000', EMERGENCY_NUMBER: '999' });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await temp?.remove();
  });

  it('resumes the same conversation at the same question after a reload, with the history shown', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.baseUrl);
    await startAssessment(page);
    const before = await page.evaluate(() => window.localStorage.getItem('skinGuideConversationId'));
    expect(before).to.be.a('string');
    expect(await page.evaluate(() => window.localStorage.getItem('skinGuideTicket'))).to.be.a('string');

    await page.reload();
    await waitForBot(page, /at a clinic, or of using a roller at home/);
    // The history is back, and no second welcome was given.
    expect(await page.getByText(INVITATION).count()).to.be.greaterThan(0);
    await screenshot(page, 'widget-reloaded.png');
    expect(await page.locator('.webchat__bubble__content', { hasText: /Do you agree to continue/ }).count()).to.equal(1);
    expect(await page.evaluate(() => window.localStorage.getItem('skinGuideConversationId'))).to.equal(before);
    await clickChoice(page, 'At a clinic');
    await waitForBot(page, /How old are you/);
    await screenshot(page, 'widget-resumed.png');

    // Another browser that learned the conversation id (but has no ticket) gets a new chat, not this one.
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const stranger = await other.newPage();
    await stranger.addInitScript((id) => window.localStorage.setItem('skinGuideConversationId', id), before!);
    await stranger.goto(app.baseUrl);
    await waitForBot(stranger, /Do you agree to continue/);
    expect(await stranger.getByText(INVITATION).count()).to.equal(0);
    expect(await stranger.evaluate(() => window.localStorage.getItem('skinGuideConversationId'))).to.not.equal(before);
    await other.close();
    await page.close();
  });

  it('"forget me" after a new chat leaves no file of the earlier conversation, and clears the browser', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.baseUrl);
    await startAssessment(page);
    const earlier = (await page.evaluate(() => window.localStorage.getItem('skinGuideConversationId')))!;

    await page.getByText('Start a new chat').first().click();
    await waitForBot(page, /Do you agree to continue|Welcome back/);
    await type(page, 'forget me');
    await waitForBot(page, /deleted/i);
    await page.locator('#forgotten').waitFor({ state: 'visible', timeout: 20_000 });
    expect(
      await page.evaluate(() => [
        window.localStorage.getItem('skinGuideConversationId'),
        window.localStorage.getItem('skinGuideTicket'),
        window.localStorage.getItem('skinGuideUserId'),
      ]),
    ).to.deep.equal([null, null, null]);
    await app.settle();
    expect(await new LowdbStorage(temp.dir).read([`webchat/conversations/${earlier}/`])).to.deep.equal({});
    const transcripts = await new JsonLinesTranscriptStore(join(temp.dir, 'transcripts')).listTranscripts('webchat');
    expect(transcripts.items.map((item) => item.id)).to.not.include(earlier);
    await screenshot(page, 'widget-forgotten.png');
    await context.close();
  });

  it('fits a 390 px phone through a whole assessment, and shows no booking button without BOOKING_URL', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(app.baseUrl);
    await startAssessment(page);
    expect(await scrollsSideways(page)).to.equal(false);
    await clickChoice(page, 'At a clinic');
    for (const [question, answer] of ASSESSMENT) {
      await waitForBot(page, question);
      expect(await scrollsSideways(page), `at ${question}`).to.equal(false);
      await type(page, answer);
    }
    await page.locator('.ac-adaptiveCard', { hasText: 'Your consultation summary' }).waitFor({ timeout: 20_000 });
    expect(await scrollsSideways(page)).to.equal(false);

    await page.locator('#booking').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('#booking-link').isVisible()).to.equal(false);
    expect(await page.locator('#booking-contact').innerText()).to.contain('+44 20 7946 0000');
    await screenshot(page, 'widget-phone-390.png');
    await context.close();
  });

  it('shows the emergency reply apart, with the number, a button that calls it, and words a screen reader says', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(app.baseUrl);
    await waitForBot(page, /Do you agree to continue/);
    await clickChoice(page, 'Yes, I agree');
    await waitForBot(page, INVITATION);
    await type(page, "my lips are swelling and i can't breathe");
    await waitForBot(page, /Call 999 now/);
    const call = page.getByRole('button', { name: 'Call 999' }).last();
    await call.waitFor({ state: 'visible', timeout: 20_000 });
    // One card that stands apart (the attention style), saying what it may mean, what to do now and what else.
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Call 999 now' }).last();
    expect(await card.innerText()).to.match(/serious allergic reaction[\s\S]*What to do now[\s\S]*What else[\s\S]*\+44 20 7946 0000/);
    const background = await card
      .locator('.ac-container')
      .first()
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background, 'the attention style').to.equal('rgb(255, 197, 178)');
    // A screen reader hears the card's words, not only "1 attachment".
    const liveRegion = page.locator('.webchat__live-region-transcript');
    await page.waitForFunction(
      () =>
        /Call 999 now[\s\S]*serious allergic reaction/.test(document.querySelector('.webchat__live-region-transcript')?.textContent ?? ''),
      undefined,
      { timeout: 20_000 },
    );
    expect(await liveRegion.textContent()).to.not.match(/Call 999 now[^]*1 attachment/);
    await screenshot(page, 'widget-emergency.png');
    await context.close();
  });

  it('names the emergency number in the footer with a tap-to-call link', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(app.baseUrl);
    expect(await page.locator('.site-footer a[href="tel:999"]').innerText()).to.equal('999');
    await page.close();
  });
});
