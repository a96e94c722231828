import { randomUUID } from 'node:crypto';
import type { StoreItem } from 'botbuilder';

/** Random rather than a counter: a counter restarts with the process and could re-issue an old eTag. */
export function newETag(): string {
  return randomUUID();
}

/**
 * The eTag of a write that creates a document: it is written only if the key holds none (Blob
 * Storage's `If-None-Match: *`). Two instances starting the same conversation at once, or a
 * turn racing "forget me" on another instance, then conflict instead of overwriting.
 */
export const NEW_DOCUMENT_ETAG = 'new-document';

/**
 * No eTag or `*` overwrites; NEW_DOCUMENT_ETAG writes only where nothing is stored; any other
 * eTag must match the stored item's (a removed item matches nothing).
 */
export function isWriteAllowed(incoming: StoreItem, stored: StoreItem | undefined): boolean {
  if (incoming.eTag === undefined || incoming.eTag === '*') return true;
  if (incoming.eTag === NEW_DOCUMENT_ETAG) return stored === undefined;
  return stored !== undefined && incoming.eTag === stored.eTag;
}

export function eTagConflict(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}
