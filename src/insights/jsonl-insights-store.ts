import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { countLines, dayEndedBefore, linesByDay, type InsightsStore, type StoredDay } from './insights-store.js';
import type { InsightEvent } from '../turn/insight-events.js';
import { LineAppender } from '../append-lines.js';

/** A rolled-up day: the counts of its distinct lines, and how many bytes of its lines file they hold. */
interface RollUp {
  countedBytes: number;
  counts: Record<string, number>;
}

const FILE_PATTERN = /^insights-(\d{4}-\d{2}-\d{2})\.(jsonl|counts\.json(\.tmp)?)$/;

function readIfThere(path: string): Promise<string> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

/**
 * STORAGE=lowdb: DATA_DIR/insights/insights-YYYY-MM-DD.jsonl, one event a line, appended only
 * (a batch is one appendFile per day, so a crash loses at most the last unflushed batch); a
 * rolled-up day is insights-YYYY-MM-DD.counts.json instead.
 */
export class JsonLinesInsightsStore implements InsightsStore {
  private readonly appender = new LineAppender();

  constructor(private readonly dir: string) {}

  private lines(day: string): string {
    return join(this.dir, `insights-${day}.jsonl`);
  }

  private counts(day: string): string {
    return join(this.dir, `insights-${day}.counts.json`);
  }

  async append(events: InsightEvent[]): Promise<void> {
    if (events.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    for (const [day, lines] of linesByDay(events)) await this.appender.append(this.lines(day), lines);
  }

  async readDays(days: string[]): Promise<StoredDay[]> {
    return Promise.all(
      days.map(async (day) => {
        const [lines, rollUp] = await Promise.all([readIfThere(this.lines(day)), this.readRollUp(day)]);
        if (!rollUp) return { lines };
        // A roll-up interrupted before the lines were removed: what it counted is not counted again.
        return { lines: Buffer.from(lines, 'utf8').subarray(rollUp.countedBytes).toString('utf8'), rolledUp: rollUp.counts };
      }),
    );
  }

  private async readRollUp(day: string): Promise<RollUp | undefined> {
    const text = await readIfThere(this.counts(day));
    return text === '' ? undefined : (JSON.parse(text) as RollUp);
  }

  async rollUp(day: string): Promise<boolean> {
    const lines = await readFile(this.lines(day)).catch(() => Buffer.alloc(0));
    const previous = await this.readRollUp(day);
    const counted = previous?.countedBytes ?? 0;
    if (lines.length <= counted) {
      await rm(this.lines(day), { force: true });
      return false;
    }
    const rollUp: RollUp = {
      countedBytes: lines.length,
      counts: countLines(lines.subarray(counted).toString('utf8'), previous?.counts ?? {}),
    };
    // The counts first (atomically, by rename), then the lines go; they record how much of the lines they hold.
    const temporary = `${this.counts(day)}.tmp`;
    await writeFile(temporary, JSON.stringify(rollUp), 'utf8');
    await rename(temporary, this.counts(day));
    await rm(this.lines(day), { force: true });
    await writeFile(temporary, JSON.stringify({ ...rollUp, countedBytes: 0 }), 'utf8');
    await rename(temporary, this.counts(day));
    return true;
  }

  async deleteDaysBefore(cutoff: Date): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const days = new Set<string>();
    for (const name of names) {
      const day = FILE_PATTERN.exec(name)?.[1];
      if (!day || !dayEndedBefore(day, cutoff)) continue;
      await rm(join(this.dir, name), { force: true });
      days.add(day);
    }
    return days.size;
  }
}
