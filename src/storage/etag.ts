import { randomUUID } from 'node:crypto';
import type { StoreItem } from 'botbuilder';

/** Random rather than a counter: a counter restarts with the process and could re-issue an old eTag. */
export function newETag(): string {
  return randomUUID();
}

/** MemoryStorage's rule: no eTag or `*` overwrites; otherwise it must match the stored item's. */
export function isWriteAllowed(incoming: StoreItem, stored: StoreItem | undefined): boolean {
  if (!stored || incoming.eTag === undefined || incoming.eTag === '*') return true;
  return incoming.eTag === stored.eTag;
}

export function eTagConflict(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}
