import { countLines, dayEndedBefore, linesByDay, type InsightsStore, type StoredDay } from './insights-store.js';
import type { InsightEvent } from '../turn/insight-events.js';

/** STORAGE=memory: the events of this process only. */
export class MemoryInsightsStore implements InsightsStore {
  private readonly days = new Map<string, StoredDay>();

  async append(events: InsightEvent[]): Promise<void> {
    for (const [day, lines] of linesByDay(events)) {
      const stored = this.days.get(day) ?? { lines: '' };
      stored.lines += lines;
      this.days.set(day, stored);
    }
  }

  async readDays(days: string[]): Promise<StoredDay[]> {
    return days.map((day) => this.days.get(day) ?? { lines: '' });
  }

  async rollUp(day: string): Promise<boolean> {
    const stored = this.days.get(day);
    if (!stored || stored.lines === '') return false;
    this.days.set(day, { lines: '', rolledUp: countLines(stored.lines, stored.rolledUp) });
    return true;
  }

  async deleteDaysBefore(cutoff: Date): Promise<number> {
    let deleted = 0;
    for (const day of [...this.days.keys()]) {
      if (!dayEndedBefore(day, cutoff)) continue;
      this.days.delete(day);
      deleted += 1;
    }
    return deleted;
  }
}
