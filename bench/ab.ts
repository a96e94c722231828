/**
 * `npm run bench:ab -- --other DIR`: this build's bot against another build's (made by
 * scripts/ab-store-build.sh: the same code with the write-ahead-log store of tag wal-store), both
 * with STORAGE=lowdb, and the echo floor, in one run. At each level the three take turns in short
 * slices (the order rotating), so a slower stretch of the machine weighs on all alike; the first
 * slice of each level is a warm-up and not counted. Results: bench/results/ab-store-DATE.json.
 *   --other DIR     the other build's folder (it holds dist/)   (required)
 *   --levels 1,8,32,128   --seconds 10 (per level and server)   --slices 10
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { freeTextPerson } from '../test/support/free-text-person.js';
import { makeTempDir } from '../test/support/temp-dir.js';
import { NODE_FLAGS, People, driveSlice, rssMb, startProcess, summary, type Server, type Slice } from './drive.js';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const other = argument('other', '');
if (!other) {
  console.error('usage: npm run bench:ab -- --other DIR   (make DIR with: bash scripts/ab-store-build.sh DIR)');
  process.exit(2);
}
const LEVELS = argument('levels', '1,8,32,128').split(',').map(Number);
const SECONDS = Number(argument('seconds', '10'));
const SLICES = Number(argument('slices', '10'));

/** CPU seconds a process has used, user and system, all its threads (Node's file threads included). */
function cpuSeconds(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function main(): Promise<void> {
  // A thread-pool size given to the run goes to both bots alike.
  const pool: Record<string, string> = process.env['UV_THREADPOOL_SIZE'] ? { UV_THREADPOOL_SIZE: process.env['UV_THREADPOOL_SIZE'] } : {};
  const dataNew = await makeTempDir('ab-new-');
  const dataOld = await makeTempDir('ab-old-');
  const servers: Record<'floor' | 'lowdb' | 'wal', Server> = {
    floor: await startProcess('bench/echo-bot.js', {}),
    lowdb: await startProcess('src/index.js', { ...pool, DATA_DIR: dataNew.dir, STORAGE: 'lowdb' }),
    wal: await startProcess('src/index.js', { ...pool, DATA_DIR: dataOld.dir, STORAGE: 'lowdb' }, join(resolve(other), 'dist')),
  };
  const names = Object.keys(servers) as Array<keyof typeof servers>;
  const levels = [];
  for (const level of LEVELS) {
    process.stderr.write(`ab: ${level} concurrent conversations, ${SECONDS} s each in ${SLICES} slices\n`);
    const people = Object.fromEntries(names.map((name) => [name, new People(level)])) as Record<keyof typeof servers, People>;
    const slices = Object.fromEntries(names.map((name) => [name, [] as Slice[]])) as Record<keyof typeof servers, Slice[]>;
    const cpu = Object.fromEntries(names.map((name) => [name, 0])) as Record<keyof typeof servers, number>;
    // One slice more than counted: the first warms every server up at this level.
    for (let i = 0; i <= SLICES; i++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length]!;
        const before = cpuSeconds(servers[name].child.pid);
        const slice = await driveSlice(servers[name].baseUrl, people[name], SECONDS / SLICES, freeTextPerson);
        if (i === 0) continue;
        slices[name].push(slice);
        cpu[name] += cpuSeconds(servers[name].child.pid) - before;
      }
    }
    const [floor, lowdb, wal] = names.map((name) => {
      const levelSummary = summary(level, slices[name]);
      return { ...levelSummary, cpuMsPerTurn: +((cpu[name] * 1000) / Math.max(1, levelSummary.turns)).toFixed(2) };
    });
    levels.push({
      concurrency: level,
      floor,
      lowdb: { ...lowdb, ratio: +(lowdb!.turnsPerSecond / floor!.turnsPerSecond).toFixed(3) },
      wal: { ...wal, ratio: +(wal!.turnsPerSecond / floor!.turnsPerSecond).toFixed(3) },
    });
  }
  const rss = Object.fromEntries(names.map((name) => [name, rssMb(servers[name].child.pid)]));
  for (const server of Object.values(servers)) await server.stop();
  await dataNew.remove();
  await dataOld.remove();

  const results = {
    date: new Date().toISOString(),
    other: resolve(other),
    seconds: SECONDS,
    slices: SLICES,
    nodeFlags: NODE_FLAGS,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    levels,
    rssMb: rss,
  };
  const outDir = join(projectRoot, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `ab-store-${results.date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    'level | floor t/s | lowdb t/s, ratio, p50 / p95 / p99 ms, CPU ms a turn | wal t/s, ratio, p50 / p95 / p99 ms, CPU ms a turn | errors lowdb / wal',
  );
  for (const row of levels) {
    const show = (side: typeof row.lowdb) =>
      `${side.turnsPerSecond}, ${side.ratio}, ${side.p50Ms} / ${side.p95Ms} / ${side.p99Ms}, ${side.cpuMsPerTurn}`;
    console.log(
      `${row.concurrency} | ${row.floor!.turnsPerSecond} | ${show(row.lowdb)} | ${show(row.wal)} | ${row.lowdb.errors} / ${row.wal.errors}`,
    );
  }
  console.log(`RSS after the runs: ${JSON.stringify(rss)} MB`);
  console.log(`results: ${file}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
