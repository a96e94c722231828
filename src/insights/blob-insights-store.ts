import { RestError, type ContainerClient } from '@azure/storage-blob';
import { dayEndedBefore, linesByDay, type InsightsStore } from './insights-store.js';
import type { InsightEvent } from './events.js';

const BLOB_PATTERN = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

/**
 * STORAGE=blob: the `NAME-insights` container, one append blob per UTC day (YYYY-MM-DD.jsonl).
 * A flushed batch is one appendBlock per day (an append blob takes 50,000 blocks, far more than
 * a day's batches), and a range is read with one download per day: cheap to write and to add up.
 */
export class BlobInsightsStore implements InsightsStore {
  private containerReady: Promise<unknown> | undefined;

  constructor(readonly container: ContainerClient) {}

  private ensureContainer(): Promise<unknown> {
    // Retried after a failure: the next batch tries again instead of failing for ever.
    this.containerReady ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.containerReady = undefined;
      throw error;
    });
    return this.containerReady;
  }

  async append(events: InsightEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.ensureContainer();
    for (const [day, lines] of linesByDay(events)) {
      const blob = this.container.getAppendBlobClient(`${day}.jsonl`);
      const body = Buffer.from(lines, 'utf8');
      try {
        await blob.appendBlock(body, body.length);
      } catch (error) {
        if (!(error instanceof RestError) || error.statusCode !== 404) throw error;
        // The day's first batch (or the container was emptied): make the blob, then append.
        this.containerReady = undefined;
        await this.ensureContainer();
        await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson' } });
        await blob.appendBlock(body, body.length);
      }
    }
  }

  async readDays(days: string[]): Promise<string[]> {
    return Promise.all(
      days.map(async (day) => {
        try {
          return (await this.container.getAppendBlobClient(`${day}.jsonl`).downloadToBuffer()).toString('utf8');
        } catch (error) {
          if (error instanceof RestError && error.statusCode === 404) return '';
          throw error;
        }
      }),
    );
  }

  async deleteDaysBefore(cutoff: Date): Promise<number> {
    if (!(await this.container.exists())) return 0;
    let deleted = 0;
    for await (const blob of this.container.listBlobsFlat()) {
      const day = BLOB_PATTERN.exec(blob.name)?.[1];
      if (!day || !dayEndedBefore(day, cutoff)) continue;
      await this.container.deleteBlob(blob.name);
      deleted += 1;
    }
    return deleted;
  }
}
