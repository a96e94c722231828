import { expect } from 'chai';
import type { Browser, Page, Route } from 'playwright-core';
import { startTestApp, type RunningApp } from '../support/app.js';
import { axeViolations } from './axe.js';
import { INVITATION, answerToResult, clickChoice, launchBrowser, screenshot, type, waitForBot } from './browser.js';

const BOOKING_URL = 'https://clinic.example/book';

const SCREENS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, phone: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, phone: true },
];

/** What is wrong with the send box's place on the first screen (the page not scrolled); undefined: in view. */
function sendBoxOutOfView(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const box = document.querySelector('[data-id="webchat-sendbox-input"]');
    if (!box) return 'no send box';
    if (window.scrollY !== 0) return `the page is scrolled by ${window.scrollY}px`;
    const rect = box.getBoundingClientRect();
    const inside = rect.top >= 0 && rect.left >= 0 && rect.bottom <= window.innerHeight && rect.right <= window.innerWidth;
    return inside ? undefined : `the send box spans ${rect.top}-${rect.bottom}px of a ${window.innerHeight}px screen`;
  });
}

/** Waits until Web Chat has scrolled to its newest message and stopped, so a screenshot shows it. */
async function transcriptAtRest(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const scrollable = document.querySelector('.webchat__basic-transcript__scrollable');
      if (!scrollable) return true;
      const state = window as unknown as { lastScrollTop?: number };
      const still = state.lastScrollTop === scrollable.scrollTop;
      state.lastScrollTop = scrollable.scrollTop;
      return still && scrollable.scrollTop + scrollable.clientHeight >= scrollable.scrollHeight - 2;
    },
    undefined,
    { polling: 150, timeout: 10_000 },
  );
}

describe('The chat page at 1280x800 and 390x844', function () {
  this.timeout(240_000);
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ BOOKING_URL, EMERGENCY_NUMBER: '999', CLINIC_PHONE: '+44 20 7946 0000' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const screen of SCREENS) {
    it(`${screen.name}: the welcome, a checklist, the result and the emergency reply, each with the input in view and no axe violation; booking offered once; "forget me" clears the screen`, async () => {
      const context = await browser.newContext({ viewport: screen.viewport, isMobile: screen.phone, hasTouch: screen.phone });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      // Each screen is kept under test-output/ as the person sees it, then checked.
      const check = async (step: string, { chat = true } = {}) => {
        if (chat) await transcriptAtRest(page);
        await screenshot(page, `chat-${screen.name}-${step}.png`, { fullPage: false });
        const outOfView = chat ? await sendBoxOutOfView(page) : undefined;
        if (outOfView) problems.push(`${step}: ${outOfView}`);
        for (const violation of await axeViolations(page)) problems.push(`${step}: axe ${violation}`);
      };

      await page.goto(app.baseUrl);
      await waitForBot(page, /Do you agree to continue/);
      await check('welcome');
      // The header leaves the screen to the chat (it took a third of a phone's screen).
      const header = await page.locator('.site-header').boundingBox();
      expect(header!.height, 'header height').to.be.at.most(screen.viewport.height * (screen.phone ? 0.12 : 0.2));

      await clickChoice(page, 'Yes, I agree');
      await waitForBot(page, INVITATION);
      await check('invitation');

      // The health checklists: one card of checkboxes (multi-select), with "None of these".
      await answerToResult(page, () => check('checklist'));
      await page.locator('#booking-link').waitFor({ state: 'visible', timeout: 20_000 });
      await check('result');
      // Booking is offered once: the page's panel, and neither a link nor a button in the chat.
      expect(await page.locator('#booking-link').getAttribute('href')).to.equal(BOOKING_URL);
      expect(await page.locator('#webchat').getByText(BOOKING_URL).count(), 'the link in the chat').to.equal(0);
      expect(
        await page
          .locator('#webchat')
          .getByRole('button', { name: /Book a consultation/ })
          .count(),
        'a button in the chat',
      ).to.equal(0);
      const bookingBox = await page.locator('#booking-link').boundingBox();
      expect(bookingBox!.y + bookingBox!.height, 'the booking button on the first screen').to.be.at.most(screen.viewport.height);

      // "forget me": the answers and the booking offer leave the screen, and the notice says so.
      await type(page, 'forget me');
      await page.locator('#forgotten').waitFor({ state: 'visible', timeout: 20_000 });
      expect(await page.locator('#webchat').count(), 'the chat on the screen').to.equal(0);
      expect(await page.getByText(/Large pores|in your own words|Your consultation summary/).count(), 'answers on the screen').to.equal(0);
      expect(await page.locator('#booking').isVisible(), 'the booking panel').to.equal(false);
      expect(await page.evaluate(() => document.activeElement?.id), 'focus on the notice').to.equal('forgotten');
      await check('forgotten', { chat: false });

      // A new chat, from the notice: a new conversation, and the emergency reply.
      await page.locator('#forgotten').getByRole('link', { name: 'Start a new chat' }).click();
      await waitForBot(page, /Do you agree to continue/);
      expect(await page.getByText(/Large pores/).count(), 'the forgotten conversation').to.equal(0);
      await clickChoice(page, 'Yes, I agree');
      await waitForBot(page, INVITATION);
      await type(page, "my lips and throat are swelling and I can't breathe");
      await waitForBot(page, /Call 999 now/);
      await check('emergency');

      expect(problems, problems.join('\n')).to.deep.equal([]);
      await context.close();
    });
  }

  it('shows that the bot is working: the typing indicator comes before the reply', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Each poll of the local Direct Line goes through here: once a typing indicator from the bot
    // is delivered, what follows it is held back until the test has looked at the page.
    let heldAfter: number | undefined;
    let holding = true;
    await page.route(/\/v3\/directline\/conversations\/[^/]+\/activities/, async (route: Route) => {
      if (route.request().method() !== 'GET' || !holding) return route.continue();
      if (heldAfter !== undefined) return route.fulfill({ json: { activities: [], watermark: String(heldAfter) } });
      const from = Number(new URL(route.request().url()).searchParams.get('watermark') ?? 0);
      const response = await route.fetch();
      const body = (await response.json()) as { activities: Array<{ type: string; from?: { role?: string } }>; watermark: string };
      const typing = body.activities.findIndex((activity) => activity.type === 'typing' && activity.from?.role === 'bot');
      if (typing < 0) return route.fulfill({ response, json: body });
      heldAfter = from + typing + 1;
      return route.fulfill({ response, json: { activities: body.activities.slice(0, typing + 1), watermark: String(heldAfter) } });
    });
    await page.goto(app.baseUrl);
    await waitForBot(page, /Do you agree to continue/);
    await clickChoice(page, 'Yes, I agree');
    await page.locator('.webchat__typing-indicator').waitFor({ state: 'visible', timeout: 20_000 });
    // Everything up to the indicator is here, and the reply is not: it came after the indicator.
    expect(await page.getByText(INVITATION).count()).to.equal(0);
    await screenshot(page, 'chat-desktop-typing.png', { fullPage: false });
    holding = false;
    await waitForBot(page, INVITATION);
    await page.locator('.webchat__typing-indicator').waitFor({ state: 'hidden', timeout: 20_000 });
    await page.close();
  });
});
