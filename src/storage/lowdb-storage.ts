import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { KeyedLock } from './keyed-lock.js';
import { syncFolder, writeFileDurably } from './durable-write.js';
import { WriteAheadLog, type LogRecord } from './write-ahead-log.js';
import type { WritesTogether } from './writes-together.js';
import { eTagConflict, isWriteAllowed, newETag } from './etag.js';
import { RecentDocuments } from './recent-documents.js';

/** What one file holds: the item plus what a retention sweep and "forget me" need. */
interface StoredDocument {
  key: string;
  updatedAt: string;
  item: StoreItem;
}

/** How many recently used documents stay in memory: the live conversations and their users. */
const RECENT_DOCUMENTS = 4_096;

/** A state file's name: the key's SHA-256. Anything else in a shard folder is a leftover temp file. */
const DOCUMENT_NAME = /^[0-9a-f]{64}\.json$/;
const LEFTOVER_AGE_MS = 60_000;

/**
 * What a read gives for a document that could not be read (empty, truncated, not JSON): the
 * bot sees this property in the state, tells the person, and starts them again.
 */
export const UNREADABLE_STATE = 'storeUnreadable';

/** A document moved aside: the key's hash (never the key: it names a person) and where it went. */
export interface UnreadableDocument {
  keyHash: string;
  movedTo: string;
  reason: 'empty' | 'not-json' | 'wrong-shape';
}

export interface LowdbStorageOptions {
  clock?: () => Date;
  /** Called once per document moved aside, for the log. */
  onUnreadable?: (document: UnreadableDocument) => void;
  /** Called when the write-ahead log left by an earlier process had lines a crash cut short (never acknowledged). */
  onTornLog?: (lines: number) => void;
  /** How long changes stay only in the write-ahead log before their documents are written (1 s). */
  checkpointDelayMs?: number;
}

/** How long after a change its document is written to its own file; the change is durable in the log meanwhile. */
const CHECKPOINT_DELAY_MS = 1_000;
/**
 * Document files a checkpoint writes at once: few, so a turn's log write never queues behind many
 * in Node's four file threads; more for a large backlog (a bulk load, the catch-up at start).
 */
const CHECKPOINT_PARALLEL_WRITES = 2;
const BACKLOG_PARALLEL_WRITES = 8;
const LARGE_BACKLOG = 256;
const parallelWritesFor = (documents: number) => (documents > LARGE_BACKLOG ? BACKLOG_PARALLEL_WRITES : CHECKPOINT_PARALLEL_WRITES);

/** A change durable in the write-ahead log whose document file is not written yet; text null is a delete. */
interface LoggedChange {
  text: string | null;
  seq: number;
}

/**
 * One store per folder at a time within a process: a store used on a folder takes it over from
 * the one used there before, which stops writing, and reads what the log holds (tests open a
 * second store on a running app's folder to look at what it saved).
 */
const owners = new Map<string, LowdbStorage>();

/**
 * The embedded default store: one small JSON file per key, spread over 256 shard folders. A
 * turn reads and rewrites only its own few files, so its cost does not grow with the number of
 * stored conversations (one shared file would be rewritten whole on every write).
 *
 * A write is durable before it returns: it is appended to the write-ahead log (one write, on
 * disk when it returns, shared by the turns that save at the same moment). About a second later
 * a checkpoint writes the changed documents to their own files (temp file, fsync, rename) and
 * removes the log segments they came from; a process that was killed is caught up from its log
 * at the next start. A delete is logged too and then checkpointed at once, so after "forget me"
 * or the retention sweep no log segment holds the document.
 *
 * The JSON text of recently used documents is kept in memory so a turn's reads (state at the
 * start, the eTag check at the end) open no file. That is sound because the files belong to this
 * one process: several instances share state through STORAGE=blob, never through one DATA_DIR.
 */
export class LowdbStorage implements Storage, WritesTogether {
  private readonly lock = new KeyedLock();
  private readonly createdShards = new Set<string>();
  private readonly recent = new RecentDocuments(RECENT_DOCUMENTS);
  private readonly stateDir: string;
  private readonly quarantineDir: string;
  private readonly clock: () => Date;
  private readonly onUnreadable: (document: UnreadableDocument) => void;
  private readonly onTornLog: (lines: number) => void;
  private readonly checkpointDelayMs: number;
  private readonly log: WriteAheadLog;
  /** Changes in the log whose documents are not written yet (a read finds them in `recent`, or here once `recent` dropped them). */
  private readonly logged = new Map<string, LoggedChange>();
  /** Settles once the log an earlier process (or store) left is written out and this store owns the folder. */
  private opened: Promise<void> | undefined;
  private checkpoints: Promise<unknown> = Promise.resolve();
  private checkpointTimer: NodeJS.Timeout | undefined;

  constructor(dataDir: string, options: LowdbStorageOptions = {}) {
    this.stateDir = resolve(dataDir, 'state');
    this.quarantineDir = join(dataDir, 'unreadable');
    this.log = new WriteAheadLog(join(dataDir, 'state-log'));
    this.clock = options.clock ?? (() => new Date());
    this.onUnreadable = options.onUnreadable ?? (() => undefined);
    this.onTornLog = options.onTornLog ?? (() => undefined);
    this.checkpointDelayMs = options.checkpointDelayMs ?? CHECKPOINT_DELAY_MS;
  }

  /**
   * Writes every logged change to its document and empties the log. Runs by itself about a
   * second after a change, at once after a delete, before listing entries and on close.
   */
  checkpoint(): Promise<void> {
    const run = this.checkpoints.then(() => this.writeLoggedDocuments());
    this.checkpoints = run.catch(() => undefined);
    return run;
  }

  /** Writes out what the log holds and closes it (a shutdown); the store opens again if used. */
  async close(): Promise<void> {
    if (owners.get(this.stateDir) !== this) return;
    await this.checkpoint();
    await this.release();
  }

  /** Makes this store the folder's one user, catching up from the log left by the one before. */
  private ready(): Promise<void> {
    if (owners.get(this.stateDir) !== this || !this.opened) {
      const previous = owners.get(this.stateDir);
      owners.set(this.stateDir, this);
      const opening = (async () => {
        if (previous && previous !== this) await previous.release();
        await this.catchUpFromLog();
      })();
      this.opened = opening;
      // A failed catch-up (a full disk at start) is tried again by the next operation.
      opening.catch(() => {
        if (this.opened === opening) this.opened = undefined;
      });
    }
    return this.opened;
  }

  /** Stops using the folder: what is only in the log stays there for the next store to catch up from. */
  private async release(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    await this.checkpoints;
    await this.log.close().catch(() => undefined);
    this.logged.clear();
    this.recent.clear();
    this.opened = undefined;
    if (owners.get(this.stateDir) === this) owners.delete(this.stateDir);
  }

  /** Applies the log an earlier process left (it was killed, or never closed) to the documents, then removes it. */
  private async catchUpFromLog(): Promise<void> {
    const { segments, records, tornLines } = await this.log.recover();
    if (tornLines > 0) this.onTornLog(tornLines);
    const latest = new Map<string, string | null>();
    for (const record of records) latest.set(record.key, record.text);
    await inParallel([...latest], BACKLOG_PARALLEL_WRITES, ([key, text]) => this.writeDocumentFile(key, text));
    await this.log.remove(segments);
  }

  private async writeLoggedDocuments(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    if (owners.get(this.stateDir) !== this || !this.opened) return;
    await this.opened;
    const { segments, lastSeq } = await this.log.seal();
    if (segments.length === 0) return;
    const due = [...this.logged].filter(([, change]) => change.seq <= lastSeq).map(([key]) => key);
    await inParallel(due, parallelWritesFor(due.length), (key) =>
      this.lock.run(key, async () => {
        const change = this.logged.get(key);
        if (!change) return;
        await this.writeDocumentFile(key, change.text);
        if (this.logged.get(key) === change) this.logged.delete(key);
      }),
    );
    // Only once every change they hold is in its document may the segments go.
    await this.log.remove(segments);
  }

  private scheduleCheckpoint(): void {
    if (this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      // A failure (a full disk) leaves the changes in the log; the next change schedules another try.
      this.checkpoint().catch(() => undefined);
    }, this.checkpointDelayMs);
    this.checkpointTimer.unref();
  }

  /** Documents moved aside are kept for the operator only within the retention period. */
  async removeMovedAsideBefore(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.quarantineDir).catch(() => [] as string[])) {
      const info = await stat(join(this.quarantineDir, name)).catch(() => undefined);
      if (!info || info.mtimeMs >= cutoff.getTime()) continue;
      await rm(join(this.quarantineDir, name), { force: true });
      removed += 1;
    }
    return removed;
  }

  private async removeMovedAside(matches: (name: string) => boolean): Promise<void> {
    for (const name of await readdir(this.quarantineDir).catch(() => [] as string[])) {
      if (matches(name)) await rm(join(this.quarantineDir, name), { force: true });
    }
  }

  /**
   * Removes temp files a killed process left in the shard folders (they may hold health
   * answers, and neither "forget me" nor the retention sweep would find them). At start (no
   * write is in flight yet: minAgeMs 0), and from the sweep. Returns how many were removed.
   */
  async removeLeftovers({ minAgeMs = LEFTOVER_AGE_MS }: { minAgeMs?: number } = {}): Promise<number> {
    let removed = 0;
    for (const shard of await readdir(this.stateDir).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.stateDir, shard)).catch(() => [] as string[])) {
        if (DOCUMENT_NAME.test(name)) continue;
        const path = join(this.stateDir, shard, name);
        // A temp file younger than a minute may belong to a write in flight (they take milliseconds).
        const info = await stat(path).catch(() => undefined);
        if (!info || this.clock().getTime() - info.mtimeMs < minAgeMs) continue;
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  async read(keys: string[]): Promise<StoreItems> {
    await this.ready();
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        // Remembered text needs no lock; a file is read under the key's lock, so what is
        // remembered from it cannot be older than a write or delete that finished meanwhile.
        const text = this.recent.get(key) ?? (await this.lock.run(key, () => this.readText(key)));
        const document = this.documentFor(key, text);
        if (document === UNREADABLE) {
          items[key] = await this.lock.run(key, () => this.moveAside(key, text));
        } else if (document) items[key] = document.item;
      }),
    );
    return items;
  }

  /** One write's keys are logged in one append, in the order given (see WritesTogether). */
  readonly writesTogether = true as const;

  async write(changes: StoreItems): Promise<void> {
    await this.ready();
    const entries = Object.entries(changes);
    // Every key's lock is held for the whole write, taken in key order so two writes sharing keys
    // never wait for each other in a circle.
    const keys = entries.map(([key]) => key).sort();
    const underLocks = keys.reduceRight<() => Promise<void>>(
      (inner, key) => () => this.lock.run(key, inner),
      async () => {
        const records: LogRecord[] = [];
        for (const [key, incoming] of entries) {
          const text = await this.readText(key);
          const stored = this.documentFor(key, text);
          if (stored === UNREADABLE) await this.moveAside(key, text);
          else if (!isWriteAllowed(incoming as StoreItem, stored?.item)) throw eTagConflict(key);
          const item: StoreItem = { ...(incoming as StoreItem), eTag: newETag() };
          records.push({ key, text: JSON.stringify({ key, updatedAt: this.clock().toISOString(), item } satisfies StoredDocument) });
        }
        await this.logChanges(records);
      },
    );
    await underLocks();
  }

  async delete(keys: string[]): Promise<void> {
    await this.ready();
    await Promise.all(
      keys.map((key) =>
        this.lock.run(key, async () => {
          await this.logChanges([{ key, text: null }]);
          await this.removeMovedAside((name) => name.startsWith(`${digestOf(key)}-`));
        }),
      ),
    );
    // "Forget me" and the retention sweep: no log segment may keep a copy, so the log is written out now.
    await this.checkpoint();
  }

  /** Every stored key with its last write time; for retention sweeps and erasure, not for turns. */
  async *entries(): AsyncGenerator<{ key: string; updatedAt: Date } | { file: string; unreadable: true }> {
    await this.ready();
    await this.checkpoint();
    const shards = await readdir(this.stateDir).catch(() => [] as string[]);
    for (const shard of shards) {
      const files = await readdir(join(this.stateDir, shard)).catch(() => [] as string[]);
      for (const name of files) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const text = await readFile(join(this.stateDir, shard, name), 'utf8').catch(() => null);
        const document = text === null ? null : parseDocument(text);
        // An unreadable file is skipped (and reported by the sweep); it never stops the sweep.
        if (document === UNREADABLE) yield { file: join(this.stateDir, shard, name), unreadable: true };
        else if (document) yield { key: document.key, updatedAt: new Date(document.updatedAt) };
      }
    }
  }

  private fileFor(key: string): { shardDir: string; file: string } {
    const digest = digestOf(key);
    const shardDir = join(this.stateDir, digest.slice(0, 2));
    return { shardDir, file: join(shardDir, `${digest}.json`) };
  }

  /** The key's JSON text (null: no document); call with the key's lock held. */
  private async readText(key: string): Promise<string | null> {
    const change = this.logged.get(key);
    if (change) return change.text;
    let text = this.recent.get(key);
    if (text === undefined) {
      text = await readFile(this.fileFor(key).file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      this.recent.set(key, text);
    }
    return text;
  }

  /** The key's document, or UNREADABLE; a hash collision is practically impossible, but a wrong item is never returned. */
  private documentFor(key: string, text: string | null): StoredDocument | typeof UNREADABLE | null {
    if (text === null) return null;
    const document = parseDocument(text);
    if (document === UNREADABLE) return UNREADABLE;
    return document.key === key ? document : null;
  }

  /**
   * Moves an unreadable document out of the way, kept for the operator under DATA_DIR/unreadable,
   * and gives the marker item in its place. Call with the key's lock held.
   */
  private async moveAside(key: string, text: string | null): Promise<StoreItem> {
    const { file } = this.fileFor(key);
    const keyHash = digestOf(key);
    const movedTo = join(this.quarantineDir, `${keyHash}-${this.clock().toISOString().replace(/[:.]/g, '-')}.json`);
    await mkdir(this.quarantineDir, { recursive: true });
    await rename(file, movedTo).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    this.recent.set(key, null);
    this.onUnreadable({ keyHash: keyHash.slice(0, 16), movedTo, reason: unreadableReason(text) });
    return { [UNREADABLE_STATE]: true };
  }

  /** Makes changes durable in the log (one append) and visible to reads; their documents are written by the next checkpoint. */
  private async logChanges(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    const seq = await this.log.append(records);
    for (const { key, text } of records) {
      this.logged.set(key, { text, seq });
      this.recent.set(key, text);
    }
    this.scheduleCheckpoint();
  }

  /** Writes a document's file durably, or removes it (and makes the removal durable); call with the key's lock held or at catch-up. */
  private async writeDocumentFile(key: string, text: string | null): Promise<void> {
    const { shardDir, file } = this.fileFor(key);
    if (text === null) {
      await rm(file, { force: true });
      await syncFolder(shardDir).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      return;
    }
    if (!this.createdShards.has(shardDir)) {
      await mkdir(shardDir, { recursive: true });
      this.createdShards.add(shardDir);
    }
    await writeFileDurably(file, text);
  }
}

/** Runs the task for every item, at most `limit` at a time; rejects with the first failure once all have settled. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item).catch((error: unknown) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

const UNREADABLE = Symbol('unreadable');

function digestOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * A fresh copy on every read (the turn mutates what it reads, the remembered text stays as
 * written). An empty file is unreadable, never "nothing stored": it once held answers.
 */
function parseDocument(text: string): StoredDocument | typeof UNREADABLE {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return UNREADABLE;
  }
  const document = value as Partial<StoredDocument> | null;
  if (
    !document ||
    typeof document.key !== 'string' ||
    typeof document.updatedAt !== 'string' ||
    typeof document.item !== 'object' ||
    !document.item
  ) {
    return UNREADABLE;
  }
  return document as StoredDocument;
}

function unreadableReason(text: string | null): UnreadableDocument['reason'] {
  if (!text || text.trim() === '') return 'empty';
  try {
    JSON.parse(text);
    return 'wrong-shape';
  } catch {
    return 'not-json';
  }
}
