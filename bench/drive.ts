/**
 * What the benchmarks share: starting a built server, simulated people driving whole
 * assessments over HTTP, and the summary of a level (turns per second, p50 / p95 / p99).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/paths.js';
import { serverEnvironment } from '../test/support/server-process.js';

/**
 * The Node flags `npm start` gives the bot (the heap cap), read from package.json so the bench
 * measures the bot as it is started in production; the echo floor gets the same flags.
 */
const startScript =
  (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start'] ?? '';
export const NODE_FLAGS = /node ((?:--\S+ )*)dist\/src\/index\.js/.exec(startScript)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];

export interface Server {
  child: ChildProcess;
  baseUrl: string;
  stop: () => Promise<void>;
}

/** Starts `dist/<script>` (or `<dist>/<script>` of another build) and waits until it listens. */
export function startProcess(script: string, env: Record<string, string>, dist = join(projectRoot, 'dist')): Promise<Server> {
  const child = spawn(process.execPath, [...NODE_FLAGS, join(dist, script)], {
    cwd: join(dist, '..'),
    env: serverEnvironment(env),
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

export function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

let conversationCounter = 0;

/**
 * Simulated people: each runs whole assessments, one turn after the other. Where each one is in
 * its script is kept between slices, so a level driven in several slices measures the same mix of
 * turns as one long run (short slices alone would keep 128 people on their first turns).
 */
export class People {
  private readonly at: Array<{ id: string; turn: number }>;

  constructor(count: number) {
    this.at = Array.from({ length: count }, () => ({ id: `bench-${process.pid}-${++conversationCounter}`, turn: 0 }));
  }

  get count(): number {
    return this.at.length;
  }

  /** The next message of person `index`, moving on to a new conversation after the last one. */
  next(index: number, script: string[]): { id: string; text: string } {
    const person = this.at[index]!;
    if (person.turn >= script.length) Object.assign(person, { id: `bench-${process.pid}-${++conversationCounter}`, turn: 0 });
    return { id: person.id, text: script[person.turn++]! };
  }
}

export interface Slice {
  latencies: number[];
  errors: number;
  seconds: number;
}

/** The people send turns for `seconds`, each waiting for its reply before the next. */
export async function driveSlice(baseUrl: string, people: People, seconds: number, script: string[]): Promise<Slice> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const person = async (index: number) => {
    while (performance.now() < until) {
      const { id, text } = people.next(index, script);
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
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: people.count }, (_, index) => person(index)));
  return { latencies, errors, seconds: (performance.now() - began) / 1000 };
}

export function summary(concurrency: number, slices: Slice[]) {
  const latencies = slices.flatMap((slice) => slice.latencies).sort((a, b) => a - b);
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  const at = (p: number) => +(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(2);
  return {
    concurrency,
    turns: latencies.length,
    errors: slices.reduce((sum, slice) => sum + slice.errors, 0),
    turnsPerSecond: +(latencies.length / seconds).toFixed(1),
    p50Ms: at(50),
    p95Ms: at(95),
    p99Ms: at(99),
  };
}

/** One server alone, for `seconds` (the persistence curve). */
export async function drive(baseUrl: string, concurrency: number, seconds: number, script: string[]) {
  process.stderr.write(`bench: ${baseUrl} with ${concurrency} concurrent conversations for ${seconds} s\n`);
  return summary(concurrency, [await driveSlice(baseUrl, new People(concurrency), seconds, script)]);
}
