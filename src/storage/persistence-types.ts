import type { Storage, TranscriptStore } from 'botbuilder';
import type { AuditSink } from '../safety/index.js';
import type { RetentionTarget } from '../retention/retention.js';

/** Everything the bot keeps, in one store kind: state, transcripts, the audit trail. */
export interface Persistence {
  storage: Storage;
  transcripts: TranscriptStore;
  audit: AuditSink;
  /** What the retention sweep removes after RETENTION_DAYS. */
  retention: RetentionTarget[];
  /** Waits for the writes under way before the process exits. */
  close?: () => Promise<void>;
}
