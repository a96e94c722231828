import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { RetentionTarget } from '../retention/retention.js';
import type { InsightsStore } from './insights-store.js';
import { daysOf } from '../safety/audit.js';
import { JsonLinesInsightsStore } from './jsonl-insights-store.js';
import { MemoryInsightsStore } from './memory-insights-store.js';

type StoreConfig = Pick<Config, 'STORAGE' | 'DATA_DIR' | 'AZURE_STORAGE_CONNECTION_STRING' | 'AZURE_STORAGE_CONTAINER'>;

/** The insights events next to the audit trail, in the store kind STORAGE names (server and CLI alike). */
export async function createInsightsStore(config: StoreConfig): Promise<InsightsStore> {
  switch (config.STORAGE) {
    case 'memory':
      return new MemoryInsightsStore();
    case 'lowdb':
      return new JsonLinesInsightsStore(join(config.DATA_DIR, 'insights'));
    case 'blob': {
      const { ContainerClient } = await import('@azure/storage-blob');
      const { BlobInsightsStore } = await import('./blob-insights-store.js');
      const { BLOB_PIPELINE_OPTIONS } = await import('../storage/blob-state-storage.js');
      return new BlobInsightsStore(
        new ContainerClient(config.AZURE_STORAGE_CONNECTION_STRING!, `${config.AZURE_STORAGE_CONTAINER}-insights`, BLOB_PIPELINE_OPTIONS),
      );
    }
  }
}

const DAY_MS = 86_400_000;

/**
 * The retention sweep (daily) drops whole days of events older than RETENTION_DAYS, and rolls
 * up the kept days that no event is written to any more (before yesterday), so reading a month
 * stays cheap however busy it was.
 */
export function insightsRetentionTarget(store: InsightsStore, now: () => Date): RetentionTarget {
  return {
    name: 'insights',
    sweep: async (cutoff) => {
      const deleted = await store.deleteDaysBefore(cutoff);
      const lastFinished = new Date(now().getTime() - 2 * DAY_MS);
      if (lastFinished >= cutoff) for (const day of daysOf({ from: cutoff, to: lastFinished })) await store.rollUp(day);
      return deleted;
    },
  };
}
