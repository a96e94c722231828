import { RestError, type ContainerClient } from '@azure/storage-blob';
import { countLines, dayEndedBefore, linesByDay, type InsightsStore, type StoredDay } from './insights-store.js';
import type { InsightEvent } from '../turn/insight-events.js';

const BLOB_PATTERN = /^(\d{4}-\d{2}-\d{2})\.(jsonl|counts\.json)$/;

/** A rolled-up day (YYYY-MM-DD.counts.json, a block blob): as in the file store. */
interface RollUp {
  countedBytes: number;
  counts: Record<string, number>;
}

async function downloadIfThere(download: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await download();
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404) return Buffer.alloc(0);
    throw error;
  }
}

/**
 * STORAGE=blob: the `NAME-insights` container, one append blob per UTC day (YYYY-MM-DD.jsonl),
 * replaced by a block blob of counts (YYYY-MM-DD.counts.json) once the day is rolled up.
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

  async readDays(days: string[]): Promise<StoredDay[]> {
    return Promise.all(
      days.map(async (day) => {
        const [lines, rollUp] = await Promise.all([
          downloadIfThere(() => this.container.getAppendBlobClient(`${day}.jsonl`).downloadToBuffer()),
          this.readRollUp(day),
        ]);
        if (!rollUp) return { lines: lines.toString('utf8') };
        return { lines: lines.subarray(rollUp.countedBytes).toString('utf8'), rolledUp: rollUp.counts };
      }),
    );
  }

  private async readRollUp(day: string): Promise<RollUp | undefined> {
    const text = await downloadIfThere(() => this.container.getBlockBlobClient(`${day}.counts.json`).downloadToBuffer());
    return text.length === 0 ? undefined : (JSON.parse(text.toString('utf8')) as RollUp);
  }

  async rollUp(day: string): Promise<boolean> {
    const linesBlob = this.container.getAppendBlobClient(`${day}.jsonl`);
    const countsBlob = this.container.getBlockBlobClient(`${day}.counts.json`);
    const lines = await downloadIfThere(() => linesBlob.downloadToBuffer());
    const previous = await this.readRollUp(day);
    const counted = previous?.countedBytes ?? 0;
    if (lines.length <= counted) return false;
    const counts = countLines(lines.subarray(counted).toString('utf8'), previous?.counts ?? {});
    const upload = (rollUp: RollUp) => {
      const body = JSON.stringify(rollUp);
      return countsBlob.upload(body, Buffer.byteLength(body), { blobHTTPHeaders: { blobContentType: 'application/json' } });
    };
    // As in the file store: the counts say how much of the lines they hold until the lines are gone.
    await upload({ countedBytes: lines.length, counts });
    await linesBlob.deleteIfExists();
    await upload({ countedBytes: 0, counts });
    return true;
  }

  async deleteDaysBefore(cutoff: Date): Promise<number> {
    if (!(await this.container.exists())) return 0;
    const days = new Set<string>();
    for await (const blob of this.container.listBlobsFlat()) {
      const day = BLOB_PATTERN.exec(blob.name)?.[1];
      if (!day || !dayEndedBefore(day, cutoff)) continue;
      await this.container.deleteBlob(blob.name);
      days.add(day);
    }
    return days.size;
  }
}
