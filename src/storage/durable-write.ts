import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Writes a file so that after a crash or power loss it holds either the old or the new text,
 * whole: write-file-atomic writes a temp file, fsyncs it and renames it into place; the folder
 * is then fsynced so the rename itself is on disk.
 */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, text, { fsync: true });
  const folder = await open(dirname(file), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
