import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file so that after a crash or power loss it holds either the old or the new text,
 * whole: the text goes to a new temp file beside it, which is fsynced and closed, then renamed
 * into place; the folder is then fsynced so the rename itself is on disk. A temp file a killed
 * process leaves is removed by the store (its name never looks like a document's).
 *
 * Written here rather than with write-file-atomic, which does the same steps plus ownership
 * look-ups and exit handlers: measured on this machine, 4.1 ms a write against 1.5-2.9 ms
 * (docs/benchmark.md). lowdb's own writer (steno) renames without any fsync.
 */
export async function writeFileDurably(file: string, text: string, folders: FolderSync = syncFolder): Promise<void> {
  await moveIntoPlace(await writeTempFile(file, text), file, folders);
}

/** The first half of a durable write: a temp file beside `file` holding the text, fsynced and closed. */
export async function writeTempFile(file: string, text: string): Promise<string> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return temp;
}

/** The second half: the temp file renamed over `file`, and the folder fsynced so the rename is on disk. */
export async function moveIntoPlace(temp: string, file: string, folders: FolderSync = syncFolder): Promise<void> {
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await folders(dirname(file));
}

/** fsyncs a folder, so the names created, renamed or removed in it are on disk. */
export type FolderSync = (dir: string) => Promise<void>;

/** fsyncs a folder through a handle opened for it and closed again. */
export async function syncFolder(dir: string): Promise<void> {
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * fsyncs folders through handles kept open (a store's 256 shard folders at most), so a durable
 * write costs one call on Node's file threads for its folder instead of three (open, fsync, close).
 */
export class OpenFolders {
  private readonly handles = new Map<string, Promise<FileHandle>>();

  readonly sync: FolderSync = async (dir) => {
    let handle = this.handles.get(dir);
    if (!handle) {
      handle = open(dir, 'r');
      this.handles.set(dir, handle);
      // A folder that could not be opened (not made yet, or gone) is opened again next time.
      handle.catch(() => this.handles.delete(dir));
    }
    await (await handle).sync();
  };

  async close(): Promise<void> {
    const handles = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(handles.map((handle) => handle.then((opened) => opened.close()).catch(() => undefined)));
  }
}
