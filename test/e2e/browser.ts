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

/** The answers of a whole assessment, typed, each after its question. */
export const TYPED_ASSESSMENT: Array<[RegExp, string]> = [
  [/How old are you/, 'thirty four'],
  [/pregnant or breastfeeding/, "no, I'm not"],
  [/isotretinoin for acne/, 'never'],
  [/in the area you.d like treated/, 'none of these'],
  [/Do you have any of these conditions/, 'none'],
  [/Do you take blood thinners/, 'no'],
  [/darken after a cut/, 'no'],
  [/Have you had micro-needling before/, 'never had it'],
  [/here is what I noted/, "yes, that's right"],
];

/** From the concerns question to the summary card: one concern, a clinic, then every answer typed after its question. */
export async function answerToResult(page: Page): Promise<void> {
  await clickChoice(page, 'Large pores');
  await waitForBot(page, /Anything else from the list/);
  await clickChoice(page, "That's all");
  await waitForBot(page, /at a clinic, or of using a roller at home/);
  await clickChoice(page, 'At a clinic');
  for (const [question, answer] of TYPED_ASSESSMENT) {
    await waitForBot(page, question);
    await type(page, answer);
  }
  await page.locator('.ac-adaptiveCard', { hasText: 'Your consultation summary' }).waitFor({ timeout: 20_000 });
}
