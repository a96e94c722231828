import type { Logger } from '../logging/logger.js';
import { BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { BLOB_PIPELINE_OPTIONS, BlobStateStorage } from './blob-state-storage.js';
import { ContainerClient } from '@azure/storage-blob';
import { blobAuditTarget, blobContainerTarget } from '../retention/blob-targets.js';
import { transcriptTarget } from '../retention/targets.js';
import { BlobAuditSink } from './blob-audit-sink.js';
import type { Persistence } from './persistence-types.js';

/**
 * BlobsTranscriptStore keeps its first container creation for the life of the process, a failed
 * one too, and never makes a container again after it disappeared: both are tried again here.
 */
class RecoveringBlobsTranscriptStore extends BlobsTranscriptStore {
  override async logActivity(activity: Parameters<BlobsTranscriptStore['logActivity']>[0]): Promise<void> {
    try {
      await super.logActivity(activity);
    } catch (error) {
      (this as unknown as { _initializePromise?: unknown })._initializePromise = undefined;
      if ((error as { statusCode?: number } | null)?.statusCode !== 404) throw error;
      await super.logActivity(activity);
    }
  }
}

/** BlobsTranscriptStore names a blob by the URI-encoded "channel/conversation/time-id.json". */
async function blobTranscriptChannels(container: ContainerClient): Promise<string[]> {
  const channels = new Set<string>();
  if (!(await container.exists())) return [];
  for await (const blob of container.listBlobsFlat()) channels.add(decodeURIComponent(blob.name).split('/')[0] ?? '');
  channels.delete('');
  return [...channels];
}

/**
 * STORAGE=blob: three containers (state, `-transcripts`, `-audit`), each created on first use
 * when missing, shared by every instance. In a module of its own so the Azure SDK is loaded
 * only when blob storage is configured (it is a tenth of the start-up time otherwise).
 */
export function createBlobPersistence(connection: string, name: string, logger?: Logger): Persistence {
  const transcripts = new RecoveringBlobsTranscriptStore(connection, `${name}-transcripts`, {
    storagePipelineOptions: BLOB_PIPELINE_OPTIONS,
  });
  const audit = new BlobAuditSink(new ContainerClient(connection, `${name}-audit`, BLOB_PIPELINE_OPTIONS));
  return {
    storage: BlobStateStorage.fromConnectionString(connection, name, (document) =>
      logger?.warn({ event: 'store.unreadable', ...document }, 'unreadable state document moved aside'),
    ),
    transcripts,
    audit,
    retention: [
      blobContainerTarget('state', new ContainerClient(connection, name)),
      transcriptTarget(transcripts, () =>
        blobTranscriptChannels(new ContainerClient(connection, `${name}-transcripts`, BLOB_PIPELINE_OPTIONS)),
      ),
      blobAuditTarget(audit.container),
    ],
  };
}
