import type { Storage } from 'botbuilder';

/**
 * A store whose one write of several keys is durable all together or in the order given, never
 * a later key without an earlier one: the state log writes them in one append (a torn append
 * keeps a prefix). Blob Storage writes the keys of one call in parallel, so it is not one.
 */
export interface WritesTogether {
  readonly writesTogether: true;
}

export const writesTogether = (storage: Storage): boolean => (storage as Partial<WritesTogether>).writesTogether === true;
