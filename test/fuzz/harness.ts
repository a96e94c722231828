import net from 'node:net';
import { Worker } from 'node:worker_threads';
import type fc from 'fast-check';
import type { DestinationStream } from 'pino';

/**
 * Shared plumbing of the fuzz suite: tripwires for what must never happen while it runs
 * (an unhandled rejection, an uncaught exception, a connection beyond loopback), a log sink
 * to see failed turns, and a fixed seed that a failure report names.
 */

/** FUZZ_SEED=<n> reproduces a failure report; the default keeps runs identical. */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_124);

/**
 * fast-check options for every property of the suite: a fixed number of runs, whatever the
 * time they take (no time limit: a busy machine is slower, not wrong). A failure is reported
 * at once with the batch that failed, its seed and path; shrinking it to a smaller one is for
 * a replay (FUZZ_SHRINK=1 with FUZZ_SEED), since each try of a hang costs HANG_MS.
 */
export function fuzzOptions(numRuns: number, seedOffset: number): fc.Parameters<unknown> {
  return { numRuns, seed: FUZZ_SEED + seedOffset, endOnFailure: !process.env['FUZZ_SHRINK'] };
}

/**
 * The fuzz suites have no time budget as a whole (mocha's timeout is off for them): every
 * wait in them is bounded per input by HANG_MS, and a blocked event loop by the watchdog.
 */
export const NO_TIME_BUDGET = 0;

/** How many hostile inputs each file must send; together at least 10,000. */
export const FUZZ_QUOTA = { messages: 7_000, whatsapp: 3_000 } as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '::ffff:127.0.0.1']);

type Connect = typeof net.Socket.prototype.connect;

/** Where a `Socket#connect` call is headed, from any of its argument forms. */
function destination(args: unknown[]): string {
  // net.connect normalises its arguments into an array before calling Socket#connect.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    if (options.path) return `unix:${options.path}`;
    return options.host ?? 'localhost';
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return `unix:${first}`;
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

export class Tripwires {
  readonly unhandledRejections: unknown[] = [];
  readonly uncaughtExceptions: unknown[] = [];
  /** Hosts something tried to connect to beyond loopback (the connection is refused at once). */
  readonly outboundConnections: string[] = [];
  private originalConnect: Connect | undefined;

  private readonly onRejection = (reason: unknown) => {
    this.unhandledRejections.push(reason);
  };
  private readonly onException = (error: unknown) => {
    this.uncaughtExceptions.push(error);
  };

  install(): void {
    process.on('unhandledRejection', this.onRejection);
    process.on('uncaughtException', this.onException);
    const original = net.Socket.prototype.connect;
    this.originalConnect = original;
    const outbound = this.outboundConnections;
    net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
      const host = destination(args);
      if (!LOOPBACK.has(host) && !host.startsWith('unix:')) {
        outbound.push(host);
        process.nextTick(() => this.destroy(new Error(`fuzz suite: connection to ${host} refused (loopback only)`)));
        return this;
      }
      return (original as (...a: unknown[]) => net.Socket).apply(this, args);
    } as Connect;
  }

  remove(): void {
    process.off('unhandledRejection', this.onRejection);
    process.off('uncaughtException', this.onException);
    if (this.originalConnect) net.Socket.prototype.connect = this.originalConnect;
  }

  /** A readable summary for the final assertion. */
  describe(): string {
    const first = (list: unknown[]) =>
      list
        .slice(0, 3)
        .map((item) => (item instanceof Error ? item.stack : String(item)))
        .join('\n');
    return [
      `unhandled rejections: ${this.unhandledRejections.length}\n${first(this.unhandledRejections)}`,
      `uncaught exceptions: ${this.uncaughtExceptions.length}\n${first(this.uncaughtExceptions)}`,
      `outbound connections: ${this.outboundConnections.length} ${[...new Set(this.outboundConnections)].join(', ')}`,
    ].join('\n');
  }
}

/** A pino destination that keeps the events of the lines logged at warn and above. */
export class LogSink implements DestinationStream {
  readonly events: Array<{ level: number; event?: string; stack?: string }> = [];

  write(line: string): void {
    try {
      const parsed = JSON.parse(line) as { level: number; event?: string; error?: { stack?: string } };
      this.events.push({
        level: parsed.level,
        ...(parsed.event !== undefined ? { event: parsed.event } : {}),
        ...(parsed.error?.stack ? { stack: parsed.error.stack } : {}),
      });
    } catch {
      this.events.push({ level: 60, event: 'unparseable log line' });
    }
  }

  /** Lines logged at error or fatal: a failed turn, an activity not processed, a send that failed. */
  errors(): Array<{ level: number; event?: string; stack?: string }> {
    return this.events.filter((entry) => entry.level >= 50);
  }

  describeErrors(from = 0): string {
    return this.errors()
      .slice(from, from + 3)
      .map((entry) => `${entry.event ?? '(no event)'}\n${entry.stack ?? ''}`)
      .join('\n');
  }
}

export interface RawResponse {
  status: number;
  text: string;
  json: unknown;
}

/**
 * Far longer than any answer takes, even on a machine shared with other work: past it the
 * request has hung. A hang detector, not a budget: the suite asserts counts and outcomes.
 */
export const HANG_MS = 60_000;

/** `promise`, or a hang reported as `what` after HANG_MS. */
export async function withinHangLimit<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung for ${HANG_MS / 1000} s: ${what}`)), HANG_MS);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

export async function postRaw(url: string, body: Buffer | string, headers: Record<string, string>): Promise<RawResponse> {
  const payload = typeof body === 'string' ? body : new Uint8Array(body);
  const response = await fetch(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(HANG_MS) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** A 4xx must say why: restify's `{ code, message }` or the bot's `{ error, reason }`. */
export function reasonOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const body = json as Record<string, unknown>;
  const parts = [body['error'], body['reason'], body['message']].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length > 0 ? parts.join(': ') : undefined;
}

/** Answers by status, printed with FUZZ_STATS=1: shows how much of the input got past the guards. */
export class StatusTally {
  private readonly counts = new Map<string, number>();

  add(kind: string, status: number): void {
    const key = `${kind} ${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  print(title: string): void {
    if (!process.env['FUZZ_STATS']) return;
    console.log(
      `      ${title}: ${[...this.counts]
        .sort()
        .map(([key, count]) => `${key}: ${count}`)
        .join(', ')}`,
    );
  }
}

/**
 * A hang that blocks the event loop (a regular expression or a parser taking minutes on a
 * hostile text) stops every timer, so neither the request timeout nor mocha's can report it.
 * This watchdog runs on its own thread: when the test's thread has not beaten for
 * `blockedMs`, it prints what was being sent and ends the process, so the run fails at once.
 */
export class EventLoopWatchdog {
  private readonly heartbeat = new Int32Array(new SharedArrayBuffer(4));
  private readonly note = new Uint8Array(new SharedArrayBuffer(4096));
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly blockedMs = HANG_MS) {}

  start(): void {
    const source = `
      const { workerData } = require('node:worker_threads');
      const { writeSync } = require('node:fs');
      const { heartbeat, note, blockedMs } = workerData;
      let last = Atomics.load(heartbeat, 0), since = Date.now();
      setInterval(() => {
        const now = Atomics.load(heartbeat, 0);
        if (now !== last) { last = now; since = Date.now(); return; }
        if (Date.now() - since < blockedMs) return;
        const end = note.indexOf(0);
        const what = Buffer.from(note.subarray(0, end < 0 ? note.length : end)).toString('utf8');
        writeSync(2, '\\nfuzz suite: the event loop has been blocked for ' + blockedMs / 1000 + ' s, a synchronous hang. Sending: ' + what + '\\n');
        process.kill(process.pid, 'SIGTERM');
      }, 500);
    `;
    this.worker = new Worker(source, { eval: true, workerData: { heartbeat: this.heartbeat, note: this.note, blockedMs: this.blockedMs } });
    this.worker.unref();
    this.timer = setInterval(() => Atomics.add(this.heartbeat, 0, 1), 100);
    this.timer.unref();
  }

  /** What is being sent now, for the report if the event loop blocks. */
  sending(description: string): void {
    const bytes = Buffer.from(description.slice(0, 2000), 'utf8').subarray(0, this.note.length - 1);
    this.note.fill(0);
    this.note.set(bytes);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.worker?.terminate();
  }
}

/** Inputs as short JSON for a report: long strings cut, with their length. */
export function describeInputs(inputs: unknown): string {
  return JSON.stringify(inputs, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 120 ? `${value.slice(0, 80)}…(${value.length} chars)` : value,
  );
}
