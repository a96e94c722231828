import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';

/** Debian's Chromium, with the flags that keep it off the network (only loopback is reachable here). */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export const outputDir = join(projectRoot, 'test-output');

/** Saves a screenshot under test-output/: the whole page, or only the screen (`fullPage: false`). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, name), fullPage });
}

export async function clickChoice(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: title, exact: true }).last().click();
}

export async function type(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** Waits for a bot message; on a timeout keeps a screenshot of what the page showed. */
export async function waitForBot(page: Page, text: RegExp, failureShot = 'webchat-failure.png'): Promise<void> {
  try {
    await page.getByText(text).last().waitFor({ state: 'visible', timeout: 20_000 });
  } catch (error) {
    await screenshot(page, failureShot);
    throw error;
  }
}

/** True when the page scrolls sideways (a card or button wider than the screen). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** The invitation after consent: say it in your own words, or tick the concerns (issue 29). */
export const INVITATION = /Tell me in your own words/;

/** The health checklists, asked together on one card of checkboxes. */
export const CHECKLISTS = /Do any of these apply to you/;

/** Ticks these boxes on the newest checklist card and presses its Send. */
export async function tick(page: Page, titles: string[]): Promise<void> {
  const card = page.locator('.ac-adaptiveCard', { has: page.getByRole('checkbox') }).last();
  for (const title of titles) await card.getByRole('checkbox', { name: title }).check();
  await card.getByRole('button', { name: 'Send', exact: true }).click();
}

/** The answers of a whole assessment, typed, each after its question (the checklists' card answered in words). */
export const TYPED_ASSESSMENT: Array<[RegExp, string]> = [
  [/How old are you/, 'thirty four'],
  [/pregnant or breastfeeding/, "no, I'm not"],
  [/isotretinoin for acne/, 'never'],
  [CHECKLISTS, 'none of these'],
  [/darken after a cut/, 'no'],
  [/Have you had micro-needling before/, 'never had it'],
  [/here is what I noted/, "yes, that's right"],
];

/**
 * From the invitation to the summary card: "Large pores" ticked, a clinic, every answer typed
 * after its question but the checklists, ticked "None of these" on their card (`atChecklists`
 * runs first, with the card on the screen).
 */
export async function answerToResult(page: Page, atChecklists: () => Promise<void> = async () => undefined): Promise<void> {
  await tick(page, ['Large pores']);
  await waitForBot(page, /at a clinic, or of using a roller at home/);
  await clickChoice(page, 'At a clinic');
  for (const [question, answer] of TYPED_ASSESSMENT) {
    await waitForBot(page, question);
    if (question !== CHECKLISTS) {
      await type(page, answer);
      continue;
    }
    await page.getByRole('checkbox', { name: 'None of these' }).last().waitFor({ state: 'visible', timeout: 20_000 });
    await atChecklists();
    await tick(page, ['None of these']);
  }
  await page.locator('.ac-adaptiveCard', { hasText: 'Your consultation summary' }).waitFor({ timeout: 20_000 });
}
