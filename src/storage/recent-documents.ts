import { RecentValues } from '../recent-values.js';

/**
 * The most recently used stored documents as JSON text (null: known not to exist), bounded:
 * the least recently used is dropped first, so memory stays flat however many conversations
 * are stored. `get` gives undefined when a document is not remembered.
 */
export class RecentDocuments extends RecentValues<string | null> {}
