import { appendFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { dayEndedBefore, linesByDay, type InsightsStore } from './insights-store.js';
import type { InsightEvent } from './events.js';

const FILE_PATTERN = /^insights-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/**
 * STORAGE=lowdb: DATA_DIR/insights/insights-YYYY-MM-DD.jsonl, one event a line. Appends only
 * (a batch is one appendFile per day), so a crash loses at most the last unflushed batch.
 */
export class JsonLinesInsightsStore implements InsightsStore {
  constructor(private readonly dir: string) {}

  private file(day: string): string {
    return join(this.dir, `insights-${day}.jsonl`);
  }

  async append(events: InsightEvent[]): Promise<void> {
    if (events.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    for (const [day, lines] of linesByDay(events)) await appendFile(this.file(day), lines, 'utf8');
  }

  async readDays(days: string[]): Promise<string[]> {
    return Promise.all(
      days.map((day) =>
        readFile(this.file(day), 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return '';
          throw error;
        }),
      ),
    );
  }

  async deleteDaysBefore(cutoff: Date): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    let deleted = 0;
    for (const name of names) {
      const day = FILE_PATTERN.exec(name)?.[1];
      if (!day || !dayEndedBefore(day, cutoff)) continue;
      await rm(join(this.dir, name), { force: true });
      deleted += 1;
    }
    return deleted;
  }
}
