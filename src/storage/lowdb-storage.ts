import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { KeyedLock } from './keyed-lock.js';
import { writeFileDurably } from './durable-write.js';
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
}

/**
 * The embedded default store: one small lowdb JSON file per key, spread over 256 shard
 * folders. A turn reads and rewrites only its own few files, so its cost does not grow
 * with the number of stored conversations (one shared file would be rewritten whole on
 * every write). lowdb's writer renames a temp file into place, so a write is atomic.
 *
 * Every write goes to disk before it returns; the JSON text of recently used documents is
 * also kept in memory so a turn's reads (state at the start, the eTag check at the end) do
 * not open files. That is sound because the files belong to this one process: several
 * instances share state through STORAGE=blob, never through one DATA_DIR.
 */
export class LowdbStorage implements Storage {
  private readonly lock = new KeyedLock();
  private readonly createdShards = new Set<string>();
  private readonly recent = new RecentDocuments(RECENT_DOCUMENTS);
  private readonly stateDir: string;
  private readonly quarantineDir: string;
  private readonly clock: () => Date;
  private readonly onUnreadable: (document: UnreadableDocument) => void;

  constructor(dataDir: string, options: LowdbStorageOptions = {}) {
    this.stateDir = join(dataDir, 'state');
    this.quarantineDir = join(dataDir, 'unreadable');
    this.clock = options.clock ?? (() => new Date());
    this.onUnreadable = options.onUnreadable ?? (() => undefined);
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

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, incoming]) =>
        this.lock.run(key, async () => {
          const text = await this.readText(key);
          const stored = this.documentFor(key, text);
          if (stored === UNREADABLE) await this.moveAside(key, text);
          else if (!isWriteAllowed(incoming as StoreItem, stored?.item)) throw eTagConflict(key);
          const item: StoreItem = { ...(incoming as StoreItem), eTag: newETag() };
          await this.writeDocument(key, { key, updatedAt: this.clock().toISOString(), item });
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) =>
        this.lock.run(key, async () => {
          await rm(this.fileFor(key).file, { force: true });
          this.recent.set(key, null);
          await this.removeMovedAside((name) => name.startsWith(`${digestOf(key)}-`));
        }),
      ),
    );
  }

  /** Every stored key with its last write time; for retention sweeps and erasure, not for turns. */
  async *entries(): AsyncGenerator<{ key: string; updatedAt: Date } | { file: string; unreadable: true }> {
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

  private async writeDocument(key: string, document: StoredDocument): Promise<void> {
    const { shardDir, file } = this.fileFor(key);
    if (!this.createdShards.has(shardDir)) {
      await mkdir(shardDir, { recursive: true });
      this.createdShards.add(shardDir);
    }
    // Compact JSON: these files are read by the store, not by people, and smaller is faster.
    const text = JSON.stringify(document);
    try {
      await writeFileDurably(file, text);
    } finally {
      // After a failed write the file may hold either version: read it again next time.
      this.recent.delete(key);
    }
    this.recent.set(key, text);
  }
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
