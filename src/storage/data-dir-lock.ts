import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { ConfigError } from '../config/config.js';

/**
 * One process owns a DATA_DIR. Two servers (or the server and `npm run chat`) on one folder each
 * keep their own copy of the documents in memory and overwrite each other's writes: about half
 * of the answers both had acknowledged were lost. proper-lockfile holds a lock folder in
 * DATA_DIR whose time it refreshes while the process lives; a lock not refreshed for STALE_MS
 * is stale (its process was killed) and is taken over.
 */

/** A lock unrefreshed this long belongs to a process that is gone. */
const STALE_MS = 10_000;
/** How often the owner refreshes the lock. */
const UPDATE_MS = 2_500;
/** A lock refreshed within this is held by a live process: the start stops at once. */
const LIVE_WITHIN_MS = 2 * UPDATE_MS;

export const LOCK_NAME = 'bot.lock';
/** Beside the lock folder (whose removal needs it empty): which process on which machine holds it. */
const OWNER_FILE = 'bot.lock.owner';

interface Owner {
  pid: number;
  host: string;
}

/**
 * True when the lock's owner is known to be gone: a process of this machine that no longer runs
 * (or whose pid is now this very process, as after a container restart). An owner on another
 * machine, or none recorded, is not known to be gone; its lock goes stale by itself.
 */
async function ownerIsGone(lockPath: string): Promise<boolean> {
  let owner: Owner;
  try {
    owner = JSON.parse(await readFile(join(lockPath, '..', OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return false;
  }
  if (owner.host !== hostname() || !Number.isInteger(owner.pid)) return false;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}

export interface DataDirLock {
  release: () => Promise<void>;
}

function inUse(dir: string, purpose: string): ConfigError {
  return new ConfigError(
    `Invalid configuration: DATA_DIR: ${dir} is in use by another running bot process; stop it, or give ${purpose} its own folder (e.g. DATA_DIR=./data-chat)`,
  );
}

/** How long ago the lock was last refreshed, in ms; undefined when there is none. */
async function lockAge(lockPath: string): Promise<number | undefined> {
  const info = await stat(lockPath).catch(() => undefined);
  return info ? Date.now() - info.mtimeMs : undefined;
}

/**
 * Takes DATA_DIR for this process, or stops the start with one line naming DATA_DIR. A lock left
 * by a killed process of this machine is taken over at once; one whose owner cannot be checked
 * (another machine sharing the folder) is waited out, at most STALE_MS after it was last refreshed.
 * `onLost` is called if the lock is taken away from a live process (its event loop stalled for
 * longer than STALE_MS and another process took over): the caller must stop serving.
 */
export async function lockDataDir(dir: string, purpose: string, onLost: (error: Error) => void): Promise<DataDirLock> {
  const lockPath = join(dir, LOCK_NAME);
  const take = async (): Promise<DataDirLock> => {
    const release = await lockfile.lock(dir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_MS,
      update: UPDATE_MS,
      onCompromised: onLost,
    });
    const ownerPath = join(dir, OWNER_FILE);
    await writeFile(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
    return {
      release: async () => {
        await rm(ownerPath, { force: true });
        await release();
      },
    };
  };
  try {
    return await take();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
  }
  // Left by a process of this machine that was killed: taken over at once.
  if (await ownerIsGone(lockPath)) {
    await rm(lockPath, { recursive: true, force: true });
    try {
      return await take();
    } catch (error) {
      if ((error as { code?: string }).code === 'ELOCKED') throw inUse(dir, purpose);
      throw error;
    }
  }
  const age = await lockAge(lockPath);
  if (age !== undefined && age < LIVE_WITHIN_MS) throw inUse(dir, purpose);
  // Not refreshed lately: its process is most likely gone. Wait until the lock is stale, then take it.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, STALE_MS - (age ?? 0)) + 250));
  try {
    return await take();
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') throw inUse(dir, purpose);
    throw error;
  }
}
