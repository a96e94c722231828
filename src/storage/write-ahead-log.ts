import { mkdir, open, readdir, readFile, rename, rm, statfs, type FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { syncFolder } from './durable-write.js';

/** One change to one document: its new JSON text, or null when it was deleted (a tombstone). */
export interface LogRecord {
  key: string;
  text: string | null;
}

/** A segment's name: its sequence number, zero-padded so names sort in write order. */
const SEGMENT_NAME = /^(\d{12})\.log$/;
const segmentName = (seq: number) => `${String(seq).padStart(12, '0')}.log`;
/** The next segment, made ahead of need: zeros already on disk (never matches SEGMENT_NAME). */
const SPARE_NAME = 'next-segment.spare';

/**
 * Bytes of zeros a segment is made with. Writing over blocks already on disk, with the file's
 * size unchanged, is one data flush; an append that grows the file also has the file system
 * commit its journal. Measured on this machine: 0.24 ms against 0.45 ms a write. A segment holds
 * about a second of changes (it is sealed at each checkpoint); beyond its zeros it simply grows.
 */
export const SEGMENT_RESERVE_BYTES = 1 << 20;
/** No spare is made on a disk with less room than this: the last space is for the changes themselves. */
const SPARE_MIN_FREE_BYTES = 64 * SEGMENT_RESERVE_BYTES;

export interface WriteAheadLogOptions {
  /** Zeros each segment is made with (SEGMENT_RESERVE_BYTES); 0 makes growing segments only. */
  reserveBytes?: number;
}

interface Waiting {
  lines: string;
  done: (error: Error | null, seq: number) => void;
}

/**
 * The store's write-ahead log: the changes of every turn appended to one open file, opened with
 * O_DSYNC so a write returns only once its bytes are on disk. One write call and one disk flush
 * per change, instead of creating, syncing and renaming a file and syncing its folder; changes
 * that arrive while a write is under way go together in the next one (group commit).
 *
 * The log is a list of segments. `seal` closes the current one (the next change opens a new
 * one); the store then writes the sealed segments' documents to their own files and `remove`s
 * them. A failed write is cut back out of its segment and the segment is sealed at once, so no
 * acknowledged change ever follows a line a full disk may have torn.
 */
export class WriteAheadLog {
  private handle: FileHandle | undefined;
  /** Bytes in the open segment that were acknowledged. */
  private size = 0;
  private seq = 0;
  /** Segments written and not yet removed, the open one included. */
  private unremoved: string[] = [];
  private queue: Waiting[] = [];
  private batchScheduled = false;
  /** Every use of the open file (a batch written, the segment closed) runs after the one before. */
  private tail: Promise<unknown> = Promise.resolve();
  /** The spare being made, or made: resolves true when it is ready to become the next segment. */
  private spare: Promise<boolean> | undefined;
  private readonly reserveBytes: number;

  constructor(
    private readonly dir: string,
    options: WriteAheadLogOptions = {},
  ) {
    this.reserveBytes = options.reserveBytes ?? SEGMENT_RESERVE_BYTES;
  }

  /** The segments an earlier process left (oldest first) and their changes in order; a torn line is skipped. */
  async recover(): Promise<{ segments: string[]; records: LogRecord[]; tornLines: number }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const names = (await readdir(this.dir)).filter((name) => SEGMENT_NAME.test(name)).sort();
    // A spare an earlier process made holds nothing; it is made again when needed.
    await rm(join(this.dir, SPARE_NAME), { force: true });
    const records: LogRecord[] = [];
    let tornLines = 0;
    for (const name of names) {
      for (const line of writtenPart(await readFile(join(this.dir, name), 'utf8')).split('\n')) {
        if (line === '') continue;
        const record = parseRecord(line);
        if (record) records.push(record);
        else tornLines += 1;
      }
    }
    const last = names.at(-1);
    this.seq = Math.max(this.seq, last ? Number(SEGMENT_NAME.exec(last)![1]) : 0);
    return { segments: names, records, tornLines };
  }

  /** Appends the records; resolves once they are on disk, with the number of the segment that holds them. */
  append(records: readonly LogRecord[]): Promise<number> {
    const lines = records.map(lineOf).join('');
    return new Promise((resolve, reject) => {
      this.queue.push({ lines, done: (error, seq) => (error ? reject(error) : resolve(seq)) });
      if (this.batchScheduled) return;
      this.batchScheduled = true;
      this.tail = this.tail.then(() => this.writeBatch());
    });
  }

  /**
   * Closes the current segment after the changes appended so far; returns the segments that hold
   * them (every segment not yet removed) and the last one's number. Later changes open a new one.
   */
  async seal(): Promise<{ segments: string[]; lastSeq: number }> {
    const sealing = this.tail.then(async () => {
      await this.closeSegment();
      return { segments: [...this.unremoved], lastSeq: this.seq };
    });
    this.tail = sealing.catch(() => undefined);
    return sealing;
  }

  /** Removes sealed segments whose documents are now in their own files. */
  async remove(segments: readonly string[]): Promise<void> {
    for (const name of segments) await rm(join(this.dir, name), { force: true });
    if (segments.length > 0) await syncFolder(this.dir);
    this.unremoved = this.unremoved.filter((name) => !segments.includes(name));
  }

  /** Closes the open segment and removes the spare, so a clean stop leaves only what is owed. */
  async close(): Promise<void> {
    await this.seal();
    const spare = this.spare;
    this.spare = undefined;
    await spare;
    await rm(join(this.dir, SPARE_NAME), { force: true });
  }

  private async writeBatch(): Promise<void> {
    this.batchScheduled = false;
    const batch = this.queue;
    this.queue = [];
    const bytes = Buffer.from(batch.map((waiting) => waiting.lines).join(''), 'utf8');
    try {
      const handle = await this.openSegment();
      let left = bytes;
      // A short write (a nearly full disk) is continued; the next attempt then reports the error.
      while (left.length > 0) {
        const { bytesWritten } = await handle.write(left, 0, left.length, this.size + (bytes.length - left.length));
        left = left.subarray(bytesWritten);
      }
      this.size += bytes.length;
      for (const waiting of batch) waiting.done(null, this.seq);
    } catch (error) {
      // The person is told these changes were not taken, so no part of them may be replayed after a
      // crash: the segment is cut back to what was acknowledged, and later changes go to a new one.
      await this.handle
        ?.truncate(this.size)
        .then(() => this.handle?.datasync())
        .catch(() => undefined);
      await this.closeSegment().catch(() => undefined);
      for (const waiting of batch) waiting.done(error as Error, this.seq);
    }
  }

  private async openSegment(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    const name = segmentName(this.seq + 1);
    const path = join(this.dir, name);
    const spare = this.spare;
    this.spare = undefined;
    // Writes go at the acknowledged size (not O_APPEND): over the spare's zeros, or growing the file.
    let handle: FileHandle;
    if (spare && (await spare)) {
      await rename(join(this.dir, SPARE_NAME), path);
      handle = await open(path, constants.O_WRONLY | constants.O_DSYNC);
    } else {
      handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_DSYNC, 0o600);
    }
    this.seq += 1;
    this.unremoved.push(name);
    this.handle = handle;
    this.size = 0;
    // The new name itself must survive a power loss, or its synced lines would be lost with it.
    await syncFolder(this.dir);
    this.spare = this.makeSpare();
    return handle;
  }

  /** Makes the next segment ahead of need, in the background; false when there is no room for it or it failed. */
  private async makeSpare(): Promise<boolean> {
    if (this.reserveBytes <= 0) return false;
    try {
      const room = await statfs(this.dir);
      if (room.bavail * room.bsize < SPARE_MIN_FREE_BYTES) return false;
      const handle = await open(join(this.dir, SPARE_NAME), 'w', 0o600);
      try {
        await handle.write(Buffer.alloc(this.reserveBytes), 0, this.reserveBytes, 0);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      return true;
    } catch {
      // A spare is only a speed-up: without one the next segment grows as it is written.
      await rm(join(this.dir, SPARE_NAME), { force: true }).catch(() => undefined);
      return false;
    }
  }

  private async closeSegment(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}

/**
 * One record a line: `{"key":…,"document":…}` with the document's JSON as it is, not quoted again
 * as a string (that would escape every quote of a few kilobytes on every turn); null is a delete.
 * A document's text is always JSON.stringify output, so it holds no newline and reads back the same.
 */
function lineOf({ key, text }: LogRecord): string {
  return `{"key":${JSON.stringify(key)},"document":${text ?? 'null'}}\n`;
}

/**
 * A segment's text up to its first NUL: the rest is the zeros it was made with. No record holds
 * a NUL (JSON writes it as \\u0000), so nothing acknowledged lies beyond one.
 */
function writtenPart(text: string): string {
  const end = text.indexOf('\0');
  return end === -1 ? text : text.slice(0, end);
}

function parseRecord(line: string): LogRecord | undefined {
  try {
    const value = JSON.parse(line) as { key?: unknown; document?: unknown };
    if (typeof value.key === 'string' && value.document !== undefined) {
      return { key: value.key, text: value.document === null ? null : JSON.stringify(value.document) };
    }
  } catch {
    // A line a crash or a full disk cut short: it was never acknowledged.
  }
  return undefined;
}
