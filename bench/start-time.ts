/**
 * `npm run bench:start`: how long a second `npm start` (nothing changed, so no build) takes to a
 * healthy /healthz, against `node dist/src/index.js` itself, in one run, interleaved. Exits 1 when
 * `npm start` takes more than 1.5x the built server (issue 15's goal).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/paths.js';
import { makeTempDir } from '../test/support/temp-dir.js';

const RUNS = Number(process.env['BENCH_START_RUNS'] ?? 5);
const GOAL = 1.5;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function timeToHealthy(command: string, args: string[], dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  // detached: npm runs the server as its child; the whole group is stopped afterwards.
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: { PATH: process.env['PATH'] ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode}: ${errors}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error(`${command} was not healthy within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const temp = await makeTempDir('bench-start-');
try {
  // The first start builds if a source changed; what is measured is the start after it.
  await timeToHealthy('npm', ['start', '--silent'], temp.dir);
  const npmStart: number[] = [];
  const builtServer: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    builtServer.push(await timeToHealthy(process.execPath, ['--max-old-space-size=256', 'dist/src/index.js'], temp.dir));
    npmStart.push(await timeToHealthy('npm', ['start', '--silent'], temp.dir));
  }
  const ratio = median(npmStart) / median(builtServer);
  const ms = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  console.log(`node dist/src/index.js to healthy: median ${median(builtServer).toFixed(0)} ms (${ms(builtServer)})`);
  console.log(`npm start (nothing changed) to healthy: median ${median(npmStart).toFixed(0)} ms (${ms(npmStart)})`);
  console.log(`ratio ${ratio.toFixed(2)} (goal at most ${GOAL})`);
  process.exitCode = ratio <= GOAL ? 0 : 1;
} finally {
  await temp.remove();
}
