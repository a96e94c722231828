/**
 * The clinic's insights in the terminal, from the same store as the server (STORAGE and its
 * settings from the environment or .env):
 *
 *   npm run insights -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
 *
 * Exit codes: 0 figures printed, 2 bad arguments or configuration, 1 the store could not be read.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../config/config.js';
import { parseDayRange } from '../insights/date-range.js';
import { createInsightsStore } from '../insights/create-insights-store.js';
import { insightsReport } from '../insights/insights-report.js';
import { renderInsightsTable } from '../insights/render-table.js';
import type { InsightsStore } from '../insights/insights-store.js';
import { insightNamer } from '../insights/insight-names.js';
import { loadRuleTable } from '../safety/index.js';
import { loadStrings } from '../strings/index.js';

export interface InsightsCliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Tests pass a store; otherwise the one STORAGE names. */
  store?: InsightsStore;
}

const usage = 'usage: npm run insights -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? (args[index + 1] ?? '') : undefined;
}

export async function runInsightsCli(args: string[], io: InsightsCliIo): Promise<number> {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--from' || arg === '--to') i += 1;
    else if (arg !== '--json') {
      io.err(`unknown argument ${arg}`);
      io.err(usage);
      return 2;
    }
  }
  let config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 2;
  }
  const parsed = parseDayRange({ from: option(args, '--from'), to: option(args, '--to') }, io.now());
  if (!parsed.ok) {
    io.err(parsed.reason);
    io.err(usage);
    return 2;
  }
  if (config.STORAGE === 'memory' && !io.store) {
    io.err('STORAGE is memory: the events live only inside the running server; use its /admin/api/insights');
    return 2;
  }
  let namer;
  try {
    // The names the server's page shows: the same strings and rule table.
    namer = insightNamer(loadStrings('en'), loadRuleTable());
  } catch (error) {
    io.err(`could not read the names of rules and questions: ${(error as Error)?.message ?? error}`);
    return 2;
  }
  try {
    const store = io.store ?? (await createInsightsStore(config));
    let skipped = 0;
    const report = await insightsReport(store, parsed.range, {
      minCount: config.INSIGHTS_MIN_COUNT,
      namer,
      onSkipped: (lines) => (skipped += lines),
    });
    if (skipped > 0) io.err(`${skipped} unreadable event line(s) skipped (torn or damaged)`);
    if (args.includes('--json')) io.out(JSON.stringify(report, null, 2));
    else for (const line of renderInsightsTable(report)) io.out(line);
    return 0;
  } catch (error) {
    io.err(`could not read the insights store: ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? ''}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // The same .env the server reads, when there is one.
  if (existsSync('.env')) process.loadEnvFile('.env');
  process.exitCode = await runInsightsCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    now: () => new Date(),
  });
}
