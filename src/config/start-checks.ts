import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, type Config } from './config.js';

/** The code of a failed system call (EACCES, ENOTDIR, ...), or a generic word. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}

/**
 * The lowdb store writes under DATA_DIR on every turn: a file in its place or a folder the
 * process cannot write would fail every turn with nothing but "Error" in the log, so the start
 * stops instead, naming the variable.
 */
export async function checkDataDir(config: Config): Promise<void> {
  if (config.STORAGE !== 'lowdb') return;
  const dir = config.DATA_DIR;
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new ConfigError(`Invalid configuration: DATA_DIR: ${dir} is a file; expected a folder the bot can write to`);
  }
  const probe = join(dir, `.write-check-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration: DATA_DIR: cannot write to ${dir} (${errorCode(error)}); expected a folder the bot can write to`,
    );
  }
}

/** A failed listen, as the one line that names the variable to change. */
export function describeListenError(error: unknown, config: Config): ConfigError {
  const code = errorCode(error);
  if (code === 'EADDRINUSE') {
    return new ConfigError(`Invalid configuration: PORT: ${config.PORT} is already in use on ${config.host}; set PORT to a free port`);
  }
  if (code === 'EACCES') {
    return new ConfigError(
      `Invalid configuration: PORT: ${config.PORT} needs more privileges than this process has; use a port above 1023`,
    );
  }
  return new ConfigError(
    `Invalid configuration: HOST: cannot listen on ${config.host} (${code}); expected an address of this machine, e.g. 127.0.0.1 or 0.0.0.0`,
  );
}
