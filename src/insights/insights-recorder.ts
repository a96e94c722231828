import type { Logger } from '../logging/logger.js';
import { dayBefore, isInsightEvent, utcDay } from './events.js';
import type { InsightEvent, InsightFact } from '../turn/insight-events.js';
import type { InsightsStore } from './insights-store.js';

export interface InsightsRecorderOptions {
  store: InsightsStore;
  logger: Logger;
  clock: () => Date;
  /** How long events wait to be written together (1 s). */
  flushDelayMs?: number;
  /** A batch this large is written at once (500 events). */
  maxBatch?: number;
}

/**
 * Takes funnel events from turns and writes them in batches, later: `record` only pushes to a
 * buffer (no I/O, never throws), a timer writes the buffer with one append per day, and a
 * failed write is logged once and dropped (counts are statistics; a turn never waits or fails
 * for them).
 */
export class InsightsRecorder {
  private buffer: InsightEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly flushDelayMs: number;
  private readonly maxBatch: number;

  constructor(private readonly options: InsightsRecorderOptions) {
    this.flushDelayMs = options.flushDelayMs ?? 1000;
    this.maxBatch = options.maxBatch ?? 500;
  }

  record(facts: InsightFact[]): void {
    if (facts.length === 0) return;
    const day = utcDay(this.options.clock());
    const yesterday = dayBefore(day);
    for (const fact of facts) {
      const event: InsightEvent = { day, ...fact };
      // A malformed fact (a bug) is dropped rather than stored: the store holds ids only. A day
      // before yesterday may be rolled up already (the retention sweep): nothing is written there.
      if (isInsightEvent(event) && (event.day === day || event.day === yesterday)) this.buffer.push(event);
    }
    if (this.buffer.length >= this.maxBatch) void this.flush();
    else if (!this.timer && this.buffer.length > 0) {
      this.timer = setTimeout(() => void this.flush(), this.flushDelayMs);
      this.timer.unref();
    }
  }

  /** Writes what is buffered; resolves when every write so far has ended (tests, shutdown, the CLI). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(() =>
        this.options.store.append(batch).catch((error: unknown) => {
          this.options.logger.warn(
            { event: 'insights.write_failed', events: batch.length, type: (error as Error)?.name },
            'insights events not written',
          );
        }),
      );
    }
    return this.writing;
  }
}
