import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

/**
 * The folder server processes run in: an empty one, never the repository, whose `.env` (a
 * clinic's real settings, a developer's) the suite must not read.
 */
export const SERVER_PROCESS_CWD = mkdtempSync(join(tmpdir(), 'bot-test-cwd-'));

/** tsx's loader by its full address: `--import tsx` would be looked up from the process's folder. */
export const TSX_LOADER = import.meta.resolve('tsx');

/** Every server process the suite started and that has not exited: stopped after the run (see root-hooks.ts). */
const running = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Ends every server process still running, so a failed or timed-out test leaves none behind and mocha exits. */
export async function stopAllServerProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** How long a server may take to start on a loaded machine (a lock left by a killed process included). */
const START_TIMEOUT_MS = 40_000;

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  stdout: () => string;
  stderr: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** The server from its TypeScript source (tsx), or as built by `npm run build` (what `npm start` runs). */
function serverArguments(built: boolean): string[] {
  return built ? [join(projectRoot, 'dist', 'src', 'index.js')] : ['--import', TSX_LOADER, join(projectRoot, 'src', 'index.ts')];
}

/**
 * A server process's environment: a free port, info logs (they say the port), and rate limits as
 * generous as config allows, since tests and benchmarks drive many conversations from 127.0.0.1
 * at machine speed (the limiter still runs, so its small cost is measured, but never refuses).
 */
export function serverEnvironment(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    PORT: '0',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_CONVERSATION: '10000',
    ...env,
  };
}

/** Starts the server as its own process (as `npm start` would) and waits until it serves. */
export function startServerProcess(env: Record<string, string>, { built = false }: { built?: boolean } = {}): Promise<ServerProcess> {
  const child = track(
    spawn(process.execPath, serverArguments(built), {
      cwd: SERVER_PROCESS_CWD,
      env: serverEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${errors}`));
    }, START_TIMEOUT_MS);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${errors}`));
    };
    child.once('exit', onEarlyExit);
    const onData = () => {
      const match = /"event":"server.listening".*?"port":(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.stdout!.off('data', onData);
      resolve({ child, baseUrl: `http://127.0.0.1:${match[1]}`, stdout: () => output, stderr: () => errors, stop });
    };
    child.stdout!.on('data', onData);
  });
}

/** Runs the start with a given environment and returns how it ended. */
export function runStartExpectingExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = track(
    spawn(process.execPath, ['--import', TSX_LOADER, join(projectRoot, 'src', 'index.ts')], {
      cwd: SERVER_PROCESS_CWD,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}
