import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

// axe-core's browser script from node_modules (no CDN is reachable), read once.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One line per violation: the rule, what it means and where, so a failure reads without a browser. */
function describeViolation(violation: Result): string {
  const where = violation.nodes.map((node) => node.target.join(' ')).join(' | ');
  return `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help} at ${where}`;
}

/**
 * axe's violations on the page as it stands, one line each. The script is evaluated through the
 * browser's debugging protocol, which the page's content security policy does not block (an
 * injected <script> would be, rightly).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  );
  return results.violations.map(describeViolation);
}
