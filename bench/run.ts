/**
 * `npm run bench [-- --quick]`: throughput, latency and memory of the bot against the framework
 * floor (an echo bot on the same stack), a persistence curve (lowdb and blob on Azurite) and
 * start-up time. Everything runs on 127.0.0.1. Results: bench/results/*.json and a table.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Storage } from 'botbuilder';
import { projectRoot } from '../src/paths.js';
import { LowdbStorage } from '../src/storage/index.js';
import { freeTextPerson } from '../test/support/free-text-person.js';
import { startAzurite } from '../test/support/azurite.js';
import { makeTempDir } from '../test/support/temp-dir.js';
import { NODE_FLAGS, People, driveSlice, drive, rssMb, startProcess, summary, type Slice } from './drive.js';

const quick = process.argv.includes('--quick');
const LEVELS = [1, 8, 32, 128];
const LEVEL_SECONDS = quick ? 2 : 10;
/** Slices each level's seconds are cut into, the floor and the bot taking turns. */
const SLICES = quick ? 2 : 5;
const CURVE_SECONDS = quick ? 1.5 : 6;
const CURVE_SIZES = process.env['BENCH_LOWDB_SIZES']?.split(',').map(Number) ?? (quick ? [100, 1_000] : [100, 10_000, 100_000]);
const BLOB_SIZES = process.env['BENCH_BLOB_SIZES']?.split(',').map(Number) ?? (quick ? [100, 1_000] : [100, 10_000]);

/**
 * The bot and the floor at one level, taking turns in slices: a machine that is slower for a
 * while (these VMs swing by a third within minutes) then slows both alike, and the ratio
 * compares like with like. Run one after the other, a slow minute for the floor alone once gave
 * a ratio of 0.30 against 0.25 an hour earlier, with the bot's own turns per second within 5 %.
 */
async function driveBoth(bot: string, floor: string, concurrency: number, seconds: number, script: string[]) {
  process.stderr.write(`bench: bot and floor with ${concurrency} concurrent conversations, ${seconds} s each in ${SLICES} slices\n`);
  const people = { bot: new People(concurrency), floor: new People(concurrency) };
  const slices = { bot: [] as Slice[], floor: [] as Slice[] };
  for (let i = 0; i < SLICES; i++) {
    slices.floor.push(await driveSlice(floor, people.floor, seconds / SLICES, script));
    slices.bot.push(await driveSlice(bot, people.bot, seconds / SLICES, script));
  }
  return { bot: summary(concurrency, slices.bot), floor: summary(concurrency, slices.floor) };
}

async function prefill(storage: Storage, count: number): Promise<void> {
  const batch = 100;
  for (let start = 0; start < count; start += batch) {
    const changes: Record<string, object> = {};
    for (let i = start; i < Math.min(count, start + batch); i++) {
      changes[`webchat/conversations/stored-${i}/`] = {
        assessment: { concerns: ['large-pores'], answers: { age: 30 + (i % 40), rosacea: 'no' } },
        dialogState: { dialogStack: [] },
      };
      changes[`webchat/users/stored-user-${i}/`] = { userProfile: { consent: { given: true, at: '2026-11-24T10:00:00.000Z' } } };
    }
    await storage.write(changes);
  }
}

async function startUpMs(): Promise<number> {
  const temp = await makeTempDir('bench-start-');
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const began = performance.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, join(projectRoot, 'dist', 'src', 'index.js')], {
    cwd: projectRoot,
    env: { PATH: process.env['PATH'] ?? '', PORT: port, DATA_DIR: temp.dir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const ms = performance.now() - began;
  await new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
  await temp.remove();
  return Math.round(ms);
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    quick,
    slicesPerLevel: SLICES,
    nodeFlags: NODE_FLAGS,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  };

  // Throughput and latency: the bot (lowdb, whole assessments) and the echo floor, per level,
  // both running and taking turns (an idle server costs the other nothing).
  const floor = await startProcess('bench/echo-bot.js', {});
  const data = await makeTempDir('bench-bot-');
  const bot = await startProcess('src/index.js', { DATA_DIR: data.dir, STORAGE: 'lowdb' });
  const floorLevels: Array<ReturnType<typeof summary>> = [];
  const botLevels: Array<ReturnType<typeof summary>> = [];
  for (const level of LEVELS) {
    const both = await driveBoth(bot.baseUrl, floor.baseUrl, level, LEVEL_SECONDS, freeTextPerson);
    floorLevels.push(both.floor);
    botLevels.push(both.bot);
  }
  const floorRss = rssMb(floor.child.pid);
  const botRss = rssMb(bot.child.pid);
  await floor.stop();
  await bot.stop();
  await data.remove();
  results['throughput'] = LEVELS.map((level, i) => ({
    concurrency: level,
    bot: botLevels[i],
    floor: floorLevels[i],
    ratio: +((botLevels[i]!.turnsPerSecond || 0) / (floorLevels[i]!.turnsPerSecond || 1)).toFixed(2),
  }));
  results['rssMb'] = { bot: botRss, floor: floorRss };

  // Persistence curve: per-turn latency with N conversations already stored.
  const curve = [];
  for (const size of CURVE_SIZES) {
    const dir = await makeTempDir('bench-curve-');
    const prefilled = new LowdbStorage(dir.dir);
    await prefill(prefilled, size);
    // Written out of the store's log into the documents, as a clean stop leaves them.
    await prefilled.close();
    const server = await startProcess('src/index.js', { DATA_DIR: dir.dir, STORAGE: 'lowdb' });
    const run = await drive(server.baseUrl, 8, CURVE_SECONDS, freeTextPerson);
    curve.push({
      store: 'lowdb',
      stored: size,
      p50Ms: run.p50Ms,
      p99Ms: run.p99Ms,
      turnsPerSecond: run.turnsPerSecond,
      rssMb: rssMb(server.child.pid),
    });
    await server.stop();
    await dir.remove();
  }
  const azurite = await startAzurite();
  try {
    for (const size of BLOB_SIZES) {
      const container = `bench-${size}`;
      await prefill(new BlobsStorage(azurite.connectionString, container), size);
      const server = await startProcess('src/index.js', {
        STORAGE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: container,
      });
      const run = await drive(server.baseUrl, 8, CURVE_SECONDS, freeTextPerson);
      curve.push({
        store: 'blob (Azurite)',
        stored: size,
        p50Ms: run.p50Ms,
        p99Ms: run.p99Ms,
        turnsPerSecond: run.turnsPerSecond,
        rssMb: rssMb(server.child.pid),
      });
      await server.stop();
    }
  } finally {
    await azurite.stop();
  }
  results['persistence'] = curve;

  const starts = [await startUpMs(), await startUpMs(), await startUpMs()].sort((a, b) => a - b);
  results['startUpMs'] = { median: starts[1], runs: starts };

  const outDir = join(projectRoot, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `bench-${new Date().toISOString().slice(0, 10)}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

  console.log('concurrency | bot turns/s | floor turns/s | ratio | bot p50 / p95 / p99 ms | errors');
  for (const row of results['throughput'] as Array<{ concurrency: number; bot: any; floor: any; ratio: number }>) {
    console.log(
      `${row.concurrency} | ${row.bot.turnsPerSecond} | ${row.floor.turnsPerSecond} | ${row.ratio} | ${row.bot.p50Ms} / ${row.bot.p95Ms} / ${row.bot.p99Ms} | ${row.bot.errors}`,
    );
  }
  console.log(`RSS after the runs: bot ${botRss} MB, floor ${floorRss} MB`);
  for (const point of curve)
    console.log(
      `${point.store} stored=${point.stored}: p50 ${point.p50Ms} ms, p99 ${point.p99Ms} ms, ${point.turnsPerSecond} turns/s, RSS ${point.rssMb} MB`,
    );
  console.log(`start-up to healthy: median ${starts[1]} ms (${starts.join(', ')})`);
  console.log(`results: ${file}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
