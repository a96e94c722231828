import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileDurably } from './durable-write.js';

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
  constructor(
    readonly file: string,
    private readonly isDocument: (value: unknown) => value is T,
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

  write(data: T): Promise<void> {
    return writeFileDurably(this.file, JSON.stringify(data));
  }
}
