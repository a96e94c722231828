import { appendFile, open } from 'node:fs/promises';
import { RecentValues } from './recent-values.js';

/**
 * Appends lines (text ending in a newline) to files so that each append starts on a line of its
 * own. A crash or a full disk can leave a file's last line cut short, without its newline; an
 * append straight after it would join the new line to the torn one and both would fail their
 * checksums. So the first append to a file, and the first after a failed one, looks at the
 * file's last byte and starts with a newline when it is not one.
 */
export class LineAppender {
  /** Files this process knows to end with a newline (it wrote their last line). */
  private readonly endsClean = new RecentValues<true>(4_096);

  async append(file: string, lines: string): Promise<void> {
    const prefix = this.endsClean.has(file) || (await endsWithNewline(file)) ? '' : '\n';
    try {
      await appendFile(file, prefix + lines, 'utf8');
    } catch (error) {
      this.endsClean.delete(file);
      throw error;
    }
    this.endsClean.set(file, true);
  }
}

/** Whether the file is missing, empty, or ends with a newline. */
async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return true;
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}
