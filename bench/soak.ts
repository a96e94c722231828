/**
 * `npm run bench:soak [-- --seconds N]` (default 180): the built bot under steady load from 16
 * simulated people doing whole free-text assessments, over HTTP with keep-alive. Every 10 s it
 * samples the server's RSS and open descriptors (/proc) and its heap (its own debug log), and
 * says whether they stay flat: the last third against the second third, after warm-up.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/paths.js';
import { freeTextPerson } from '../test/support/free-text-person.js';
import { makeTempDir } from '../test/support/temp-dir.js';

const secondsArgument = process.argv.indexOf('--seconds');
const SECONDS = secondsArgument > 0 ? Number(process.argv[secondsArgument + 1]) : 180;
const PEOPLE = 16;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Math.round(Number(line[1]) / 1024) : 0;
}
const descriptors = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);

const data = await makeTempDir('bench-soak-');
const child = spawn(process.execPath, ['--max-old-space-size=256', join(projectRoot, 'dist', 'src', 'index.js')], {
  cwd: projectRoot,
  env: {
    PATH: process.env['PATH'] ?? '',
    PORT: '0',
    DATA_DIR: data.dir,
    LOG_LEVEL: 'debug',
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: '0',
    RATE_LIMIT_PER_CONVERSATION: '0',
  },
  stdio: ['ignore', 'pipe', 'ignore'],
});
let port = 0;
let heapUsedMb = 0;
let pending = '';
child.stdout!.on('data', (chunk: Buffer) => {
  pending += chunk.toString('utf8');
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (!port) port = Number(/"server.listening".*?"port":(\d+)/.exec(line)?.[1] ?? 0);
    const heap = /"process.stats".*?"heapUsedMb":(\d+)/.exec(line)?.[1];
    if (heap) heapUsedMb = Number(heap);
  }
});
while (!port) await new Promise((resolve) => setTimeout(resolve, 50));
const baseUrl = `http://127.0.0.1:${port}`;

let turns = 0;
let errors = 0;
let conversation = 0;
const until = performance.now() + SECONDS * 1000;
const person = async () => {
  while (performance.now() < until) {
    const id = `soak-${++conversation}`;
    for (const text of freeTextPerson) {
      if (performance.now() >= until) return;
      const response = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `${id}-${turns}`,
          text,
          channelId: 'webchat',
          serviceUrl: 'http://127.0.0.1:9',
          from: { id: `${id}-user` },
          recipient: { id: 'bot' },
          conversation: { id },
          deliveryMode: 'expectReplies',
        }),
      }).catch(() => undefined);
      if (response?.ok) turns += 1;
      else errors += 1;
      await response?.arrayBuffer().catch(() => undefined);
    }
  }
};
const samples: Array<{ at: number; rssMb: number; heapUsedMb: number; descriptors: number; turns: number }> = [];
const sampler = setInterval(() => {
  samples.push({
    at: Math.round((SECONDS * 1000 - (until - performance.now())) / 1000),
    rssMb: rssMb(child.pid!),
    heapUsedMb,
    descriptors: descriptors(child.pid!),
    turns,
  });
  const last = samples.at(-1)!;
  process.stderr.write(
    `soak ${last.at}s: rss ${last.rssMb} MB, heap ${last.heapUsedMb} MB, fds ${last.descriptors}, turns ${last.turns}\n`,
  );
}, 10_000);
await Promise.all(Array.from({ length: PEOPLE }, person));
clearInterval(sampler);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
await data.remove();

const third = Math.floor(samples.length / 3);
const middle = samples.slice(third, 2 * third);
const last = samples.slice(2 * third);
const change = (key: 'rssMb' | 'heapUsedMb' | 'descriptors') => mean(last.map((s) => s[key])) - mean(middle.map((s) => s[key]));
console.log(
  JSON.stringify(
    {
      seconds: SECONDS,
      people: PEOPLE,
      turns,
      errors,
      turnsPerSecond: +(turns / SECONDS).toFixed(1),
      lastThirdMinusMiddleThird: {
        rssMb: +change('rssMb').toFixed(1),
        heapUsedMb: +change('heapUsedMb').toFixed(1),
        descriptors: +change('descriptors').toFixed(1),
      },
      samples,
    },
    null,
    2,
  ),
);
