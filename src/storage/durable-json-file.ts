import { readFile, rm } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { moveIntoPlace, syncFolder, writeTempFile, type FolderSync } from './durable-write.js';

/** Why a document could not be read: the store moves it aside and tells the person. */
export type UnreadableReason = 'empty' | 'not-json' | 'wrong-shape';

export class UnreadableDocumentError extends Error {
  override name = 'UnreadableDocumentError';

  constructor(readonly reason: UnreadableReason) {
    super(`unreadable document (${reason})`);
  }
}

/**
 * lowdb's adapter for one JSON document, written durably: lowdb's own JSONFile writes a temp
 * file and renames it without fsync, so a power loss could leave an empty or older file after
 * the bot had answered. This one fsyncs the temp file and the folder (src/storage/durable-write.ts).
 * A missing file reads as null; an empty, cut or foreign one is an UnreadableDocumentError,
 * never "nothing stored" (it once held answers).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  /** A temp file already on disk for the data about to be written (see `stage`). */
  private staged: { data: T; temp: string } | undefined;

  constructor(
    readonly file: string,
    private readonly isDocument: (value: unknown) => value is T,
    private readonly folders: FolderSync = syncFolder,
  ) {}

  async read(): Promise<T | null> {
    const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) return null;
    if (text.trim() === '') throw new UnreadableDocumentError('empty');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UnreadableDocumentError('not-json');
    }
    if (!this.isDocument(value)) throw new UnreadableDocumentError('wrong-shape');
    return value;
  }

  /**
   * Writes the data's temp file to disk ahead of `write`, which then only moves it into place. A
   * store that must write several documents in order stages them all at once (the slow part,
   * the file's fsync, in parallel) and then writes them one after the other.
   */
  async stage(data: T): Promise<void> {
    await this.discard();
    this.staged = { data, temp: await writeTempFile(this.file, JSON.stringify(data)) };
  }

  /** Removes a staged temp file that will not be written (an earlier document of the same write failed). */
  async discard(): Promise<void> {
    const staged = this.staged;
    this.staged = undefined;
    if (staged) await rm(staged.temp, { force: true });
  }

  async write(data: T): Promise<void> {
    const staged = this.staged;
    this.staged = undefined;
    const temp = staged?.data === data ? staged.temp : await writeTempFile(this.file, JSON.stringify(data));
    if (staged && staged.temp !== temp) await rm(staged.temp, { force: true });
    await moveIntoPlace(temp, this.file, this.folders);
  }
}
