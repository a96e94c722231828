import { createHash } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { TextFile } from 'lowdb/node';
import { KeyedLock } from './keyed-lock.js';
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

  constructor(
    dataDir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.stateDir = join(dataDir, 'state');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        // Remembered text needs no lock; a file is read under the key's lock, so what is
        // remembered from it cannot be older than a write or delete that finished meanwhile.
        const text = this.recent.get(key) ?? (await this.lock.run(key, () => this.readText(key)));
        const document = documentFor(key, text);
        if (document) items[key] = document.item;
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, incoming]) =>
        this.lock.run(key, async () => {
          const stored = documentFor(key, await this.readText(key));
          if (!isWriteAllowed(incoming as StoreItem, stored?.item)) throw eTagConflict(key);
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
        }),
      ),
    );
  }

  /** Every stored key with its last write time; for retention sweeps and erasure, not for turns. */
  async *entries(): AsyncGenerator<{ key: string; updatedAt: Date }> {
    const shards = await readdir(this.stateDir).catch(() => [] as string[]);
    for (const shard of shards) {
      const files = await readdir(join(this.stateDir, shard)).catch(() => [] as string[]);
      for (const name of files) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const text = await new TextFile(join(this.stateDir, shard, name)).read().catch(() => null);
        const document = parseDocument(text);
        if (document) yield { key: document.key, updatedAt: new Date(document.updatedAt) };
      }
    }
  }

  private fileFor(key: string): { shardDir: string; file: string } {
    const digest = createHash('sha256').update(key).digest('hex');
    const shardDir = join(this.stateDir, digest.slice(0, 2));
    return { shardDir, file: join(shardDir, `${digest}.json`) };
  }

  /** The key's JSON text (null: no document); call with the key's lock held. */
  private async readText(key: string): Promise<string | null> {
    let text = this.recent.get(key);
    if (text === undefined) {
      text = await new TextFile(this.fileFor(key).file).read();
      this.recent.set(key, text);
    }
    return text;
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
      await new TextFile(file).write(text);
    } finally {
      // After a failed write the file may hold either version: read it again next time.
      this.recent.delete(key);
    }
    this.recent.set(key, text);
  }
}

/** A fresh copy on every read: the turn mutates what it reads, the remembered text stays as written. */
function parseDocument(text: string | null): StoredDocument | null {
  return text ? (JSON.parse(text) as StoredDocument) : null;
}

/** The key's document; a hash collision is practically impossible, but a wrong item must never be returned. */
function documentFor(key: string, text: string | null): StoredDocument | null {
  const document = parseDocument(text);
  return document && document.key === key ? document : null;
}
