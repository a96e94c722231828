import { randomUUID } from 'node:crypto';
import { ContainerClient } from '@azure/storage-blob';
import type { AuditRecord, AuditSink } from '../safety/index.js';

/**
 * The audit trail on Azure Blob Storage, for several instances: one small blob per decision
 * under `YYYY-MM-DD/`, so instances never write the same blob and the retention sweep can
 * find a day's records by prefix.
 */
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
    });
  }
}
