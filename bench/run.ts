/**
 * `npm run bench [-- --quick]`: throughput, latency and memory of the bot against the framework
 * floor (an echo bot on the same stack), a persistence curve (lowdb and blob on Azurite) and
 * start-up time. Everything runs on 127.0.0.1. Results: bench/results/*.json and a table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const quick = process.argv.includes('--quick');
const LEVELS = [1, 8, 32, 128];
const LEVEL_SECONDS = quick ? 2 : 10;
const CURVE_SECONDS = quick ? 1.5 : 6;
const CURVE_SIZES = process.env['BENCH_LOWDB_SIZES']?.split(',').map(Number) ?? (quick ? [100, 1_000] : [100, 10_000, 100_000]);
const BLOB_SIZES = process.env['BENCH_BLOB_SIZES']?.split(',').map(Number) ?? (quick ? [100, 1_000] : [100, 10_000]);

/**
 * The Node flags `npm start` gives the bot (the heap cap), read from package.json so the bench
 * measures the bot as it is started in production; the echo floor gets the same flags.
 */
const startScript =
  (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start'] ?? '';
const NODE_FLAGS = /node ((?:--\S+ )*)dist\/src\/index\.js/.exec(startScript)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];

interface Server {
  child: ChildProcess;
  baseUrl: string;
  stop: () => Promise<void>;
}

function startProcess(script: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(projectRoot, 'dist', script)], {
    cwd: projectRoot,
    // The driver is one client playing many people at machine speed: rate limits as generous as
    // config allows, so the limiter's (small) cost is measured but it never refuses a turn.
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_CLIENT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_CONVERSATION: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const port = /"server.listening".*?"port":(\d+)/.exec(output)?.[1];
      if (!port) return;
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        child,
        baseUrl: `http://127.0.0.1:${port}`,
        stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
      });
    });
  });
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

let conversationCounter = 0;

/** Simulated people: each runs whole assessments, one turn after the other, until time is up. */
async function drive(baseUrl: string, concurrency: number, seconds: number, script: string[]) {
  process.stderr.write(`bench: ${baseUrl} with ${concurrency} concurrent conversations for ${seconds} s\n`);
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const person = async () => {
    while (performance.now() < until) {
      const id = `bench-${process.pid}-${++conversationCounter}`;
      for (const text of script) {
        if (performance.now() >= until) return;
        const began = performance.now();
        const response = await fetch(`${baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            text,
            channelId: 'webchat',
            serviceUrl: 'http://127.0.0.1:9',
            from: { id: `user-${id}` },
            recipient: { id: 'bot' },
            conversation: { id },
            deliveryMode: 'expectReplies',
          }),
        }).catch(() => undefined);
        if (response) await response.arrayBuffer();
        if (!response || response.status !== 200) errors += 1;
        else latencies.push(performance.now() - began);
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, person));
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => +(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(2);
  return {
    concurrency,
    turns: latencies.length,
    errors,
    turnsPerSecond: +(latencies.length / elapsed).toFixed(1),
    p50Ms: at(50),
    p95Ms: at(95),
    p99Ms: at(99),
  };
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
    nodeFlags: NODE_FLAGS,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  };

  // Throughput and latency: the bot (lowdb, whole assessments) and the echo floor, per level.
  const echoScript = freeTextPerson;
  const floor = await startProcess('bench/echo-bot.js', {});
  const floorLevels: Array<Awaited<ReturnType<typeof drive>>> = [];
  for (const level of LEVELS) floorLevels.push(await drive(floor.baseUrl, level, LEVEL_SECONDS, echoScript));
  const floorRss = rssMb(floor.child.pid);
  await floor.stop();

  const data = await makeTempDir('bench-bot-');
  const bot = await startProcess('src/index.js', { DATA_DIR: data.dir, STORAGE: 'lowdb' });
  const botLevels: Array<Awaited<ReturnType<typeof drive>>> = [];
  for (const level of LEVELS) botLevels.push(await drive(bot.baseUrl, level, LEVEL_SECONDS, freeTextPerson));
  const botRss = rssMb(bot.child.pid);
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
