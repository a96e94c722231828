import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { syncFolder } from './durable-write.js';

/** What a start found in the log an older version left, for the operator's log. */
export interface UpgradeReport {
  segments: number;
  /** Documents written or removed from it (the latest change per key). */
  applied: number;
  /** Lines a crash cut short: never acknowledged to anyone, so skipped. */
  torn: number;
}

/** The older version's log: DATA_DIR/state-log/<12-digit sequence>.log, oldest first by name. */
const LOG_FOLDER = 'state-log';
const SEGMENT_NAME = /^\d{12}\.log$/;

/**
 * Upgrade from the store before lowdb held the documents (tag `wal-store`): it made a turn's
 * change durable as a line in a write-ahead log and wrote the documents a second later, so a
 * process that was killed left changes only in the log. They are applied here, the latest per
 * key (a document, or null for a delete), through `apply`, which writes each durably; only then
 * is the log folder removed (its segments and the spare of zeros it made ahead). Documents
 * themselves need nothing: they have the same shape and place as the new store's.
 */
export async function upgradeFromWriteAheadLog(
  dataDir: string,
  apply: (key: string, document: { key: string; updatedAt: string; item: object } | null) => Promise<void>,
): Promise<UpgradeReport> {
  const dir = join(dataDir, LOG_FOLDER);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (names === null) return { segments: 0, applied: 0, torn: 0 };
  const segments = names.filter((name) => SEGMENT_NAME.test(name)).sort();
  const latest = new Map<string, { key: string; updatedAt: string; item: object } | null>();
  let torn = 0;
  for (const name of segments) {
    for (const line of writtenPart(await readFile(join(dir, name), 'utf8')).split('\n')) {
      if (line === '') continue;
      const record = parseRecord(line);
      if (record) latest.set(record.key, record.document);
      else torn += 1;
    }
  }
  for (const [key, document] of latest) await apply(key, document);
  await rm(dir, { recursive: true, force: true });
  await syncFolder(dataDir);
  return { segments: segments.length, applied: latest.size, torn };
}

/** A segment up to its first NUL: the rest is the zeros it was made with (a record never holds a NUL). */
function writtenPart(text: string): string {
  const end = text.indexOf('\0');
  return end === -1 ? text : text.slice(0, end);
}

/** `{"key":…,"document":{key,updatedAt,item}|null}`; anything else is a line a crash cut short. */
function parseRecord(line: string): { key: string; document: { key: string; updatedAt: string; item: object } | null } | undefined {
  try {
    const value = JSON.parse(line) as { key?: unknown; document?: { key?: unknown; updatedAt?: unknown; item?: unknown } | null };
    if (typeof value.key !== 'string') return undefined;
    if (value.document === null) return { key: value.key, document: null };
    const document = value.document;
    if (document?.key === value.key && typeof document.updatedAt === 'string' && typeof document.item === 'object' && document.item) {
      return { key: value.key, document: { key: document.key, updatedAt: document.updatedAt, item: document.item } };
    }
  } catch {
    // cut short
  }
  return undefined;
}
