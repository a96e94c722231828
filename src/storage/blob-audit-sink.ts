import { randomUUID } from 'node:crypto';
import { ContainerClient } from '@azure/storage-blob';
import { daysOf, type AuditRecord, type AuditSink, type DayWindow } from '../safety/index.js';

/**
 * The audit trail on Azure Blob Storage, for several instances: one small blob per decision
 * under `YYYY-MM-DD/`, so instances never write the same blob and the retention sweep can
 * find a day's records by prefix.
 */
/** Blob metadata names are lower-case C# identifiers. */
const KEY_METADATA = 'conversationkey';

export class BlobAuditSink implements AuditSink {
  private ready: Promise<unknown> | undefined;

  constructor(readonly container: ContainerClient) {}

  static fromConnectionString(connectionString: string, containerName: string): BlobAuditSink {
    return new BlobAuditSink(new ContainerClient(connectionString, containerName));
  }

  async append(record: AuditRecord): Promise<void> {
    this.ready ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
    const day = record.at.slice(0, 10);
    const body = JSON.stringify(record);
    await this.container.getBlockBlobClient(`${day}/${record.at}-${randomUUID()}.json`).upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: 'application/json' },
      // The key in metadata lets "forget me" find a conversation's records by listing, not reading each.
      metadata: { [KEY_METADATA]: record.conversationKey },
    });
  }

  /** Lists the window's day folders (blob names start with the day) and rewrites the key's records. */
  async unlink(key: string, window: DayWindow): Promise<number> {
    if (key === '' || !(await this.container.exists())) return 0;
    let unlinked = 0;
    for (const day of daysOf(window)) {
      for await (const blob of this.container.listBlobsFlat({ includeMetadata: true, prefix: `${day}/` })) {
        if (blob.metadata?.[KEY_METADATA] !== key) continue;
        await unlinkAuditBlob(this.container, blob.name);
        unlinked += 1;
      }
    }
    return unlinked;
  }
}

/** Rewrites one audit blob with its conversation key emptied, and marks it so. */
export async function unlinkAuditBlob(container: ContainerClient, name: string): Promise<void> {
  const client = container.getBlockBlobClient(name);
  const record = JSON.parse((await client.downloadToBuffer()).toString('utf8')) as Record<string, unknown>;
  const body = JSON.stringify({ ...record, conversationKey: '' });
  await client.upload(body, Buffer.byteLength(body), {
    metadata: { unlinked: 'true' },
    blobHTTPHeaders: { blobContentType: 'application/json' },
  });
}
