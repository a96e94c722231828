/**
 * Per-turn persistence cost of the lowdb store as the number of stored conversations grows.
 * A turn reads its user and conversation state and writes both back in one write (what a turn's
 * save does: src/bot/save-states.ts). With `--other DIR` the store of another build (made by
 * scripts/ab-store-build.sh: the write-ahead log of tag wal-store) runs in the same process, the
 * two taking turns in blocks of 50 turns, so a slower stretch of the disk weighs on both alike.
 * Usage: tsx bench/storage-turn-cost.ts [--sizes 100,10000,100000] [--turns 2000] [--other DIR] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Storage } from 'botbuilder';
import { LowdbStorage } from '../src/storage/index.js';
import { makeTempDir } from '../test/support/temp-dir.js';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const sizes = argument('sizes', '100,10000,100000').split(',').map(Number);
const turns = Number(argument('turns', '2000'));
const jsonFile = process.argv.includes('--json') ? argument('json', '') : '';
const other = argument('other', '');
const BLOCK = 50;

interface BenchStore extends Storage {
  close(): Promise<void>;
  /** The write-ahead-log store writes its documents out of the log (the prefill's, before measuring). */
  checkpoint?: () => Promise<void>;
}
type StoreClass = new (dir: string) => BenchStore;

const stores: Array<{ name: string; Store: StoreClass }> = [{ name: 'lowdb', Store: LowdbStorage }];
if (other) {
  const module = (await import(pathToFileURL(join(resolve(other), 'dist', 'src', 'storage', 'index.js')).href)) as {
    LowdbStorage: StoreClass;
  };
  stores.push({ name: 'wal-store', Store: module.LowdbStorage });
}

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

async function prefilled(Store: StoreClass, stored: number) {
  const temp = await makeTempDir('bench-store-');
  const storage = new Store(temp.dir);
  const batch = 200;
  for (let start = 0; start < stored; start += batch) {
    const changes: Record<string, object> = {};
    for (let i = start; i < Math.min(stored, start + batch); i++) {
      changes[`webchat/conversations/c${i}/`] = conversationState(i);
      changes[`webchat/users/u${i}/`] = { userProfile: { consent: { given: true, at: '2026-11-24T10:00:00Z' } } };
    }
    await storage.write(changes);
  }
  await storage.checkpoint?.();
  return { storage, remove: temp.remove };
}

async function turn(storage: BenchStore, stored: number, t: number): Promise<number> {
  const i = Math.floor(Math.random() * stored);
  const keys = [`webchat/users/u${i}/`, `webchat/conversations/c${i}/`];
  const began = performance.now();
  const items = await storage.read(keys);
  await storage.write({ [keys[0]!]: items[keys[0]!]!, [keys[1]!]: { ...items[keys[1]!], turn: t } });
  return performance.now() - began;
}

async function measure(stored: number) {
  const opened = [];
  for (const { name, Store } of stores) opened.push({ name, ...(await prefilled(Store, stored)), samples: [] as number[] });
  for (let t = 0; t < turns; t += BLOCK) {
    for (const store of opened)
      for (let k = t; k < Math.min(turns, t + BLOCK); k++) store.samples.push(await turn(store.storage, stored, k));
  }
  const results = [];
  for (const { name, storage, remove, samples } of opened) {
    await storage.close();
    await remove();
    samples.sort((a, b) => a - b);
    const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
    results.push({
      store: name,
      stored,
      turns,
      meanMs: +mean.toFixed(3),
      p50Ms: +percentile(samples, 50).toFixed(3),
      p99Ms: +percentile(samples, 99).toFixed(3),
    });
  }
  return results;
}

const results = [];
for (const stored of sizes) {
  for (const result of await measure(stored)) {
    results.push(result);
    console.log(
      `${result.store} stored=${result.stored} turns=${result.turns} mean=${result.meanMs}ms p50=${result.p50Ms}ms p99=${result.p99Ms}ms`,
    );
  }
}
for (const { name } of stores) {
  const own = results.filter((result) => result.store === name);
  for (const result of own.slice(1)) {
    console.log(`${name}: ratio mean ${result.stored}/${own[0]!.stored} = ${(result.meanMs / own[0]!.meanMs).toFixed(2)}`);
  }
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
