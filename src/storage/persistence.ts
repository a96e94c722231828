import { join } from 'node:path';
import { MemoryStorage, MemoryTranscriptStore } from 'botbuilder';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { JsonLinesAuditSink, MemoryAuditSink } from '../safety/index.js';
import { jsonLinesAuditTarget, lowdbStateTarget, memoryTranscriptChannels, transcriptTarget } from '../retention/targets.js';
import { LowdbStorage } from './lowdb-storage.js';
import { JsonLinesTranscriptStore } from './jsonl-transcript-store.js';
import type { Persistence } from './persistence-types.js';

type PersistenceConfig = Pick<Config, 'STORAGE' | 'DATA_DIR' | 'AZURE_STORAGE_CONNECTION_STRING' | 'AZURE_STORAGE_CONTAINER'>;

/** The store kind named by STORAGE: memory (tests), lowdb files under DATA_DIR, or Azure blobs. */
export async function createPersistence(config: PersistenceConfig, logger?: Logger): Promise<Persistence> {
  switch (config.STORAGE) {
    case 'memory': {
      const transcripts = new MemoryTranscriptStore();
      return {
        storage: new MemoryStorage(),
        transcripts,
        audit: new MemoryAuditSink(),
        retention: [transcriptTarget(transcripts, memoryTranscriptChannels(transcripts))],
      };
    }
    case 'lowdb': {
      const storage = new LowdbStorage(config.DATA_DIR, {
        // The key hash and the path, for the operator; never the key (it names a person).
        onUnreadable: (document) => logger?.warn({ event: 'store.unreadable', ...document }, 'unreadable state document moved aside'),
        // The log an older version left, applied once at the first start after an upgrade.
        onUpgrade: (report) => logger?.info({ event: 'store.upgraded', ...report }, 'state log of the earlier version applied and removed'),
      });
      // Before the first turn nothing is being written: every temp file is a leftover.
      await storage.removeLeftovers({ minAgeMs: 0 });
      const transcripts = new JsonLinesTranscriptStore(join(config.DATA_DIR, 'transcripts'), (lines) =>
        logger?.warn({ event: 'transcript.lines-skipped', lines }, 'unreadable transcript lines skipped (torn or damaged)'),
      );
      const auditDir = join(config.DATA_DIR, 'audit');
      return {
        storage,
        transcripts,
        audit: new JsonLinesAuditSink(auditDir),
        close: () => storage.close(),
        retention: [
          lowdbStateTarget(storage, (file) => logger?.warn({ event: 'retention.unreadable', file }, 'unreadable state document skipped')),
          transcriptTarget(transcripts, () => transcripts.listChannels()),
          jsonLinesAuditTarget(auditDir),
        ],
      };
    }
    case 'blob': {
      const { createBlobPersistence } = await import('./blob-persistence.js');
      return createBlobPersistence(config.AZURE_STORAGE_CONNECTION_STRING!, config.AZURE_STORAGE_CONTAINER, logger);
    }
  }
}
