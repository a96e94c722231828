/**
 * Per-turn persistence cost of the lowdb store as the number of stored conversations grows.
 * A turn reads its user and conversation state and writes both back (what BotState does).
 * Usage: tsx bench/storage-turn-cost.ts [--sizes 100,10000,100000] [--turns 2000] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LowdbStorage } from '../src/storage/index.js';
import { makeTempDir } from '../test/support/temp-dir.js';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const sizes = argument('sizes', '100,10000,100000').split(',').map(Number);
const turns = Number(argument('turns', '2000'));
const jsonFile = process.argv.includes('--json') ? argument('json', '') : '';

/** A conversation state about the size a finished assessment leaves behind (~3 KB). */
function conversationState(i: number) {
  return {
    dialogState: {
      dialogStack: [{ id: 'mainDialog', state: { answers: { age: 30 + (i % 40), concerns: ['large-pores'], notes: 'x'.repeat(2500) } } }],
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(stored: number) {
  const temp = await makeTempDir('bench-store-');
  const storage = new LowdbStorage(temp.dir);
  const batch = 200;
  for (let start = 0; start < stored; start += batch) {
    const changes: Record<string, object> = {};
    for (let i = start; i < Math.min(stored, start + batch); i++) {
      changes[`webchat/conversations/c${i}/`] = conversationState(i);
      changes[`webchat/users/u${i}/`] = { userProfile: { consent: { given: true, at: '2026-11-24T10:00:00Z' } } };
    }
    await storage.write(changes);
  }
  const samples: number[] = [];
  for (let t = 0; t < turns; t++) {
    const i = Math.floor(Math.random() * stored);
    const keys = [`webchat/conversations/c${i}/`, `webchat/users/u${i}/`];
    const began = performance.now();
    const items = await storage.read(keys);
    await storage.write({ [keys[0]!]: { ...items[keys[0]!], turn: t }, [keys[1]!]: items[keys[1]!]! });
    samples.push(performance.now() - began);
  }
  await storage.close();
  await temp.remove();
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return {
    stored,
    turns,
    meanMs: +mean.toFixed(3),
    p50Ms: +percentile(samples, 50).toFixed(3),
    p99Ms: +percentile(samples, 99).toFixed(3),
  };
}

const results = [];
for (const stored of sizes) {
  const result = await measure(stored);
  results.push(result);
  console.log(`stored=${result.stored} turns=${result.turns} mean=${result.meanMs}ms p50=${result.p50Ms}ms p99=${result.p99Ms}ms`);
}
const base = results[0]!;
for (const result of results.slice(1)) {
  console.log(`ratio mean ${result.stored}/${base.stored} = ${(result.meanMs / base.meanMs).toFixed(2)}`);
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
