import { dayEndedBefore, linesByDay, type InsightsStore } from './insights-store.js';
import type { InsightEvent } from './events.js';

/** STORAGE=memory: the events of this process only. */
export class MemoryInsightsStore implements InsightsStore {
  private readonly days = new Map<string, string>();

  async append(events: InsightEvent[]): Promise<void> {
    for (const [day, lines] of linesByDay(events)) this.days.set(day, (this.days.get(day) ?? '') + lines);
  }

  async readDays(days: string[]): Promise<string[]> {
    return days.map((day) => this.days.get(day) ?? '');
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
