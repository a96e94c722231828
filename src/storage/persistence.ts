import { join } from 'node:path';
import { MemoryStorage, MemoryTranscriptStore, type Storage, type TranscriptStore } from 'botbuilder';
import { BlobsStorage, BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { ContainerClient } from '@azure/storage-blob';
import type { Config } from '../config/config.js';
import { JsonLinesAuditSink, MemoryAuditSink, type AuditSink } from '../safety/index.js';
import type { RetentionTarget } from '../retention/retention.js';
import { blobAuditTarget, blobContainerTarget, jsonLinesAuditTarget, lowdbStateTarget, transcriptTarget } from '../retention/targets.js';
import { BlobAuditSink } from './blob-audit-sink.js';
import { LowdbStorage } from './lowdb-storage.js';
import { JsonLinesTranscriptStore } from './jsonl-transcript-store.js';

/** Everything the bot keeps, in one store kind: state, transcripts, the audit trail. */
export interface Persistence {
  storage: Storage;
  transcripts: TranscriptStore;
  audit: AuditSink;
  /** What the retention sweep removes after RETENTION_DAYS. */
  retention: RetentionTarget[];
}

type PersistenceConfig = Pick<Config, 'STORAGE' | 'DATA_DIR' | 'AZURE_STORAGE_CONNECTION_STRING' | 'AZURE_STORAGE_CONTAINER'>;

/**
 * The store kind named by STORAGE. blob: three containers (state, `-transcripts`, `-audit`),
 * each created on first use when missing, shared by every instance.
 */
export function createPersistence(config: PersistenceConfig): Persistence {
  switch (config.STORAGE) {
    case 'memory': {
      const transcripts = new MemoryTranscriptStore();
      return { storage: new MemoryStorage(), transcripts, audit: new MemoryAuditSink(), retention: [transcriptTarget(transcripts)] };
    }
    case 'lowdb': {
      const storage = new LowdbStorage(config.DATA_DIR);
      const transcripts = new JsonLinesTranscriptStore(join(config.DATA_DIR, 'transcripts'));
      const auditDir = join(config.DATA_DIR, 'audit');
      return {
        storage,
        transcripts,
        audit: new JsonLinesAuditSink(auditDir),
        retention: [lowdbStateTarget(storage), transcriptTarget(transcripts), jsonLinesAuditTarget(auditDir)],
      };
    }
    case 'blob': {
      const connection = config.AZURE_STORAGE_CONNECTION_STRING!;
      const name = config.AZURE_STORAGE_CONTAINER;
      const transcripts = new BlobsTranscriptStore(connection, `${name}-transcripts`);
      const audit = BlobAuditSink.fromConnectionString(connection, `${name}-audit`);
      return {
        storage: new BlobsStorage(connection, name),
        transcripts,
        audit,
        retention: [blobContainerTarget('state', new ContainerClient(connection, name)), transcriptTarget(transcripts), blobAuditTarget(audit.container)],
      };
    }
  }
}
