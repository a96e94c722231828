import type { Storage } from 'botbuilder';

/**
 * A store whose one write of several keys is durable in the order given, never a later key
 * without an earlier one, and checks every key's eTag before it writes any: the lowdb store
 * holds all the keys' locks and writes each document to disk before it begins the next. Blob
 * Storage writes the keys of one call in parallel, so it is not one.
 */
export interface WritesTogether {
  readonly writesTogether: true;
}

export const writesTogether = (storage: Storage): boolean => (storage as Partial<WritesTogether>).writesTogether === true;
