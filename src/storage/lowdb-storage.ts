import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { Low } from 'lowdb';
import { KeyedLock } from './keyed-lock.js';
import { OpenFolders } from './durable-write.js';
import { DurableJsonFile, UnreadableDocumentError, type UnreadableReason } from './durable-json-file.js';
import { upgradeFromWriteAheadLog, type UpgradeReport } from './upgrade-write-ahead-log.js';
import type { WritesTogether } from './writes-together.js';
import { eTagConflict, isWriteAllowed, newETag } from './etag.js';
import { RecentValues } from '../recent-values.js';
// A document that could not be read (empty, truncated, not JSON) is read as this marker: the bot tells the person and starts them again.
import { UNREADABLE_STATE } from '../turn/state-properties.js';

/** What one document holds: the item plus what a retention sweep and "forget me" need. */
export interface StoredDocument {
  key: string;
  updatedAt: string;
  item: StoreItem;
}

function isStoredDocument(value: unknown): value is StoredDocument {
  const document = value as Partial<StoredDocument> | null;
  return (
    !!document &&
    typeof document.key === 'string' &&
    typeof document.updatedAt === 'string' &&
    typeof document.item === 'object' &&
    !!document.item &&
    !Array.isArray(document.item)
  );
}

/** How many recently used documents stay in memory: the live conversations and their people. */
const RECENT_DOCUMENTS = 4_096;

/** A document's file name: the key's SHA-256. Anything else in a shard folder is a leftover temp file. */
const DOCUMENT_NAME = /^[0-9a-f]{64}\.json$/;
const LEFTOVER_AGE_MS = 60_000;

/** A document moved aside: the key's hash (never the key: it names a person) and where it went. */
export interface UnreadableDocument {
  keyHash: string;
  movedTo: string;
  reason: UnreadableReason;
}

export interface LowdbStorageOptions {
  clock?: () => Date;
  /** Called once per document moved aside, for the log. */
  onUnreadable?: (document: UnreadableDocument) => void;
  /** Called once when a start applied the write-ahead log an older version left (see upgrade-write-ahead-log.ts). */
  onUpgrade?: (report: UpgradeReport) => void;
}

/** A key's document as lowdb holds it; data null: no document. */
type Held = Low<StoredDocument | null>;

/**
 * What the store keeps for one data folder in this process, shared by every store opened on it
 * (tests open a second store on a running app's folder to look at what it saved): the per-key
 * locks, the documents held in memory, and the upgrade of what an older version left.
 */
interface Folder {
  lock: KeyedLock;
  recent: RecentValues<Held>;
  createdShards: Set<string>;
  folders: OpenFolders;
  upgraded?: Promise<void> | undefined;
}
const folders = new Map<string, Folder>();

/**
 * The embedded default store: each key (a conversation's state, a person's profile) is one
 * small JSON document held by lowdb, with an adapter of ours that writes it durably (temp file,
 * fsync, rename, folder fsync: DurableJsonFile). Documents are spread over 256 shard folders,
 * so a turn reads and rewrites only its own few files, whatever the number stored.
 *
 * A write is on disk before it returns, so nothing is said before it is saved. It keeps
 * MemoryStorage's eTag rule per key, compared and set under the key's lock. The documents of the
 * most recently used keys stay in memory, so a turn's reads (state at the start, the eTag check
 * at the end) open no file; each read gets its own copy. That is sound because the files
 * belong to this one process: several instances share state through STORAGE=blob, never
 * through one DATA_DIR.
 */
export class LowdbStorage implements Storage, WritesTogether {
  private readonly dataDir: string;
  private readonly stateDir: string;
  private readonly quarantineDir: string;
  private readonly clock: () => Date;
  private readonly onUnreadable: (document: UnreadableDocument) => void;
  private readonly onUpgrade: (report: UpgradeReport) => void;

  constructor(dataDir: string, options: LowdbStorageOptions = {}) {
    this.dataDir = resolve(dataDir);
    this.stateDir = join(this.dataDir, 'state');
    this.quarantineDir = join(this.dataDir, 'unreadable');
    this.clock = options.clock ?? (() => new Date());
    this.onUnreadable = options.onUnreadable ?? (() => undefined);
    this.onUpgrade = options.onUpgrade ?? (() => undefined);
  }

  private get folder(): Folder {
    let folder = folders.get(this.stateDir);
    if (!folder) {
      folder = { lock: new KeyedLock(), recent: new RecentValues(RECENT_DOCUMENTS), createdShards: new Set(), folders: new OpenFolders() };
      folders.set(this.stateDir, folder);
    }
    return folder;
  }

  /** Settles once what an older version left in the folder is applied; a failure (a full disk) is tried again by the next call. */
  private ready(): Promise<void> {
    const folder = this.folder;
    if (!folder.upgraded) {
      const upgrading = upgradeFromWriteAheadLog(this.dataDir, (key, document) =>
        folder.lock.run(key, () => this.replaceDocument(key, document)),
      ).then((report) => {
        if (report.segments > 0) this.onUpgrade(report);
      });
      folder.upgraded = upgrading;
      upgrading.catch(() => {
        if (folder.upgraded === upgrading) folder.upgraded = undefined;
      });
    }
    return folder.upgraded;
  }

  /** Waits for the operations under way and forgets what is held in memory (a shutdown); the store opens again if used. */
  async close(): Promise<void> {
    const folder = folders.get(this.stateDir);
    if (!folder) return;
    await folder.lock.idle();
    folders.delete(this.stateDir);
    await folder.folders.close();
  }

  async read(keys: string[]): Promise<StoreItems> {
    await this.ready();
    const { recent, lock } = this.folder;
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        // A held document needs no lock; a file is read under the key's lock, so what is held
        // from it cannot be older than a write or delete that finished meanwhile.
        const held = recent.get(key) ?? (await lock.run(key, () => this.load(key)));
        if (held === UNREADABLE) items[key] = { [UNREADABLE_STATE]: true };
        else if (held.data) items[key] = structuredClone(held.data.item);
      }),
    );
    return items;
  }

  /**
   * One write's keys are written in the order given, each on disk before the next is begun, so a
   * later key is never saved without an earlier one (see WritesTogether); a stale eTag on any of
   * them writes none.
   */
  readonly writesTogether = true as const;

  async write(changes: StoreItems): Promise<void> {
    await this.ready();
    const { lock } = this.folder;
    const entries = Object.entries(changes);
    // Every key's lock is held for the whole write, taken in key order so two writes sharing keys
    // never wait for each other in a circle.
    const keys = entries.map(([key]) => key).sort();
    const underLocks = keys.reduceRight<() => Promise<void>>(
      (inner, key) => () => lock.run(key, inner),
      async () => {
        const documents: StoredDocument[] = [];
        for (const [key, incoming] of entries) {
          const held = await this.load(key);
          const stored = held === UNREADABLE ? undefined : (held.data?.item ?? undefined);
          if (!isWriteAllowed(incoming as StoreItem, stored)) throw eTagConflict(key);
          documents.push({ key, updatedAt: this.clock().toISOString(), item: { ...(incoming as StoreItem), eTag: newETag() } });
        }
        await this.writeInOrder(documents);
      },
    );
    await underLocks();
  }

  async delete(keys: string[]): Promise<void> {
    await this.ready();
    const { lock } = this.folder;
    await Promise.all(
      keys.map((key) =>
        lock.run(key, async () => {
          await this.replaceDocument(key, null);
          await this.removeMovedAside((name) => name.startsWith(`${digestOf(key)}-`));
        }),
      ),
    );
  }

  /** Every stored key with its last write time; for retention sweeps and erasure, not for turns. */
  async *entries(): AsyncGenerator<{ key: string; updatedAt: Date } | { file: string; unreadable: true }> {
    await this.ready();
    for (const shard of await readdir(this.stateDir).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.stateDir, shard)).catch(() => [] as string[])) {
        if (!DOCUMENT_NAME.test(name)) continue;
        const file = join(this.stateDir, shard, name);
        // An unreadable file is skipped (and reported by the sweep); it never stops the sweep.
        const document: StoredDocument | null | typeof UNREADABLE = await new DurableJsonFile(file, isStoredDocument)
          .read()
          .catch(() => UNREADABLE);
        if (document === UNREADABLE) yield { file, unreadable: true };
        else if (document) yield { key: document.key, updatedAt: new Date(document.updatedAt) };
      }
    }
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

  private async removeMovedAside(matches: (name: string) => boolean): Promise<void> {
    for (const name of await readdir(this.quarantineDir).catch(() => [] as string[])) {
      if (matches(name)) await rm(join(this.quarantineDir, name), { force: true });
    }
  }

  private adapterFor(key: string): DurableJsonFile<StoredDocument | null> {
    const digest = digestOf(key);
    return new DurableJsonFile(join(this.stateDir, digest.slice(0, 2), `${digest}.json`), isStoredDocument, this.folder.folders.sync);
  }

  /**
   * The key's document as held in memory, read from its file when it is not; an unreadable file
   * is moved aside first. Call with the key's lock held.
   */
  private async load(key: string): Promise<Held | typeof UNREADABLE> {
    const { recent } = this.folder;
    const remembered = recent.get(key);
    if (remembered) return remembered;
    const held: Held = new Low(this.adapterFor(key), null);
    try {
      await held.read();
    } catch (error) {
      if (!(error instanceof UnreadableDocumentError)) throw error;
      await this.moveAside(key, error.reason);
      recent.set(key, new Low(this.adapterFor(key), null));
      return UNREADABLE;
    }
    // A hash collision is practically impossible, but another key's item is never returned.
    if (held.data && held.data.key !== key) held.data = null;
    recent.set(key, held);
    return held;
  }

  /**
   * Writes the documents durably in the order given, each on disk before the next is moved into
   * place, then holds them in memory; a key whose write failed is forgotten, so the next read
   * goes to its file. Several documents' temp files are written and fsynced together first (the
   * slow part); only the renames, each with its folder's fsync, go one after the other. Call with
   * the keys' locks held.
   */
  private async writeInOrder(documents: readonly StoredDocument[]): Promise<void> {
    const { recent, createdShards } = this.folder;
    const planned = documents.map((document) => {
      const adapter = this.adapterFor(document.key);
      return { key: document.key, adapter, held: new Low<StoredDocument | null>(adapter, document) };
    });
    for (const { adapter } of planned) {
      const shardDir = dirname(adapter.file);
      if (createdShards.has(shardDir)) continue;
      await mkdir(shardDir, { recursive: true });
      createdShards.add(shardDir);
    }
    try {
      if (planned.length > 1) {
        const staged = await Promise.allSettled(planned.map(({ adapter, held }) => adapter.stage(held.data)));
        const failed = staged.find((result) => result.status === 'rejected');
        if (failed) throw failed.reason;
      }
      for (const { key, held } of planned) {
        try {
          await held.write();
        } catch (error) {
          recent.delete(key);
          throw error;
        }
        recent.set(key, held);
      }
    } finally {
      // Temp files staged for documents after one that failed are not left behind.
      await Promise.all(planned.map(({ adapter }) => adapter.discard()));
    }
  }

  /** Writes the key's document, or removes it durably; call with the key's lock held. */
  private async replaceDocument(key: string, document: StoredDocument | null): Promise<void> {
    if (document) return this.writeInOrder([document]);
    const { recent, folders } = this.folder;
    const { file } = this.adapterFor(key);
    try {
      await rm(file, { force: true });
      await folders.sync(dirname(file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    } catch (error) {
      recent.delete(key);
      throw error;
    }
    recent.set(key, new Low<StoredDocument | null>(this.adapterFor(key), null));
  }

  /** Moves an unreadable document out of the way, kept for the operator under DATA_DIR/unreadable. Call with the key's lock held. */
  private async moveAside(key: string, reason: UnreadableReason): Promise<void> {
    const keyHash = digestOf(key);
    const movedTo = join(this.quarantineDir, `${keyHash}-${this.clock().toISOString().replace(/[:.]/g, '-')}.json`);
    await mkdir(this.quarantineDir, { recursive: true });
    await rename(this.adapterFor(key).file, movedTo).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    this.onUnreadable({ keyHash: keyHash.slice(0, 16), movedTo, reason });
  }
}

const UNREADABLE = Symbol('unreadable');

function digestOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
