import { BlobsStorage, BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { ContainerClient } from '@azure/storage-blob';
import { blobAuditTarget, blobContainerTarget } from '../retention/blob-targets.js';
import { transcriptTarget } from '../retention/targets.js';
import { BlobAuditSink } from './blob-audit-sink.js';
import type { Persistence } from './persistence.js';

/**
 * STORAGE=blob: three containers (state, `-transcripts`, `-audit`), each created on first use
 * when missing, shared by every instance. In a module of its own so the Azure SDK is loaded
 * only when blob storage is configured (it is a tenth of the start-up time otherwise).
 */
export function createBlobPersistence(connection: string, name: string): Persistence {
  const transcripts = new BlobsTranscriptStore(connection, `${name}-transcripts`);
  const audit = BlobAuditSink.fromConnectionString(connection, `${name}-audit`);
  return {
    storage: new BlobsStorage(connection, name),
    transcripts,
    audit,
    retention: [
      blobContainerTarget('state', new ContainerClient(connection, name)),
      transcriptTarget(transcripts),
      blobAuditTarget(audit.container),
    ],
  };
}
