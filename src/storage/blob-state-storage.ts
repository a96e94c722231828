import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { ContainerClient, RestError, type StoragePipelineOptions } from '@azure/storage-blob';
import { buffer } from 'node:stream/consumers';
import { NEW_DOCUMENT_ETAG, eTagConflict } from './etag.js';
import { createHash } from 'node:crypto';
import type { UnreadableDocument } from './lowdb-storage.js';
import { UNREADABLE_STATE } from '../turn/state-properties.js';

/** Where unreadable state blobs are kept for the operator (swept with the container after RETENTION_DAYS). */
const UNREADABLE_PREFIX = 'unreadable/';

function digestOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Bounded retries and timeouts for every Blob Storage call: the SDK's defaults (4 tries with
 * back-off) made every turn wait 16 s in an outage, past the channels' 15 s limit. Two tries of
 * at most 2 s each let a failed turn answer within 5 s.
 */
export const BLOB_PIPELINE_OPTIONS: StoragePipelineOptions = {
  retryOptions: { maxTries: 2, tryTimeoutInMs: 2_000, retryDelayInMs: 200, maxRetryDelayInMs: 400 },
};

/** The blob name botbuilder-azure-blobs gives a key (empty path parts dropped, URI-encoded), so stored state stays readable. */
function blobName(key: string): string {
  return encodeURIComponent(key.split('/').filter(Boolean).join('/')).slice(0, 1024);
}

function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : (error as { statusCode?: number } | null)?.statusCode;
}

function isMissingContainer(error: unknown): boolean {
  return (
    statusOf(error) === 404 && /ContainerNotFound/i.test(String((error as { code?: unknown } | null)?.code ?? (error as Error)?.message))
  );
}

/** A new document only where none is (If-None-Match: *), a read one only as it was read (If-Match). */
function writeConditions(eTag: unknown): { ifMatch?: string; ifNoneMatch?: string } {
  if (eTag === NEW_DOCUMENT_ETAG) return { ifNoneMatch: '*' };
  return typeof eTag === 'string' && eTag !== '*' ? { ifMatch: eTag } : {};
}

/**
 * Conversation and user state in Azure Blob Storage, one JSON blob per key, with eTags for
 * optimistic concurrency. Unlike botbuilder-azure-blobs' BlobsStorage it recovers by itself:
 * a failed container creation is tried again on the next call (BlobsStorage caches the
 * failure for the life of the process), and a container that disappeared (an emptied account)
 * is created again. A blob that is not JSON reads as the unreadable marker, as on lowdb.
 */
export class BlobStateStorage implements Storage {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly container: ContainerClient,
    private readonly onUnreadable: (document: UnreadableDocument) => void = () => undefined,
  ) {}

  static fromConnectionString(
    connectionString: string,
    containerName: string,
    onUnreadable?: (document: UnreadableDocument) => void,
  ): BlobStateStorage {
    return new BlobStateStorage(new ContainerClient(connectionString, containerName, BLOB_PIPELINE_OPTIONS), onUnreadable);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await this.withContainer(() =>
      Promise.all(
        keys.map(async (key) => {
          const item = await this.readOne(key);
          if (item) items[key] = item;
        }),
      ),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.withContainer(() =>
      Promise.all(
        Object.entries(changes).map(async ([key, value]) => {
          const { eTag, ...item } = value as StoreItem;
          const body = JSON.stringify(item);
          try {
            await this.container.getBlockBlobClient(blobName(key)).upload(body, Buffer.byteLength(body), {
              conditions: writeConditions(eTag),
              blobHTTPHeaders: { blobContentType: 'application/json' },
            });
          } catch (error) {
            if (statusOf(error) === 412) throw eTagConflict(key);
            throw error;
          }
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await this.withContainer(() =>
      Promise.all(
        keys.map(async (key) => {
          await this.container.getBlobClient(blobName(key)).deleteIfExists();
          // "forget me" reaches the copies kept for the operator too.
          for await (const blob of this.container.listBlobsFlat({ prefix: `${UNREADABLE_PREFIX}${digestOf(key)}-` })) {
            await this.container.getBlobClient(blob.name).deleteIfExists();
          }
        }),
      ),
    );
  }

  private async readOne(key: string): Promise<StoreItem | undefined> {
    let text: string;
    let eTag: string | undefined;
    try {
      const blob = await this.container.getBlobClient(blobName(key)).download();
      eTag = blob.etag;
      text = blob.readableStreamBody ? (await buffer(blob.readableStreamBody)).toString('utf8') : '';
    } catch (error) {
      if (statusOf(error) === 404 && !isMissingContainer(error)) return undefined;
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ...(parsed as object), eTag };
    } catch {
      // fall through: unreadable
    }
    // Kept for the operator under unreadable/, named by the key's hash (never the key), then moved out of the way.
    const keyHash = digestOf(key);
    const movedTo = `${UNREADABLE_PREFIX}${keyHash}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    await this.container.getBlockBlobClient(movedTo).upload(text, Buffer.byteLength(text));
    await this.container.getBlobClient(blobName(key)).deleteIfExists(eTag ? { conditions: { ifMatch: eTag } } : {});
    this.onUnreadable({ keyHash: keyHash.slice(0, 16), movedTo, reason: text.trim() === '' ? 'empty' : 'not-json' });
    return { [UNREADABLE_STATE]: true };
  }

  /** Runs a call once the container exists; a missing container (never made, or emptied) is made again, once. */
  private async withContainer<T>(call: () => Promise<T>): Promise<T> {
    await this.ensureContainer();
    try {
      return await call();
    } catch (error) {
      if (!isMissingContainer(error)) throw error;
      this.ready = undefined;
      await this.ensureContainer();
      return call();
    }
  }

  private ensureContainer(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
