import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { unlinkAuditLines } from '../safety/index.js';
import type { TranscriptStore } from 'botbuilder';
import type { LowdbStorage } from '../storage/lowdb-storage.js';
import type { RetentionTarget } from './retention.js';

/** The channels a transcript store actually holds: listed from the store, never a fixed list (sms, telegram, ...). */
export type ListTranscriptChannels = () => Promise<string[]>;

/** botbuilder's MemoryTranscriptStore keeps one map entry per channel. */
export function memoryTranscriptChannels(store: TranscriptStore): ListTranscriptChannels {
  return async () => [...((store as unknown as { channels?: Map<string, unknown> }).channels?.keys() ?? [])];
}

/**
 * Conversation and user state in the lowdb store, by last write. An unreadable file is
 * skipped and reported (it was moved aside when its conversation next came back, or is left
 * for the operator); temp files a killed process left behind are removed.
 */
export function lowdbStateTarget(storage: LowdbStorage, onUnreadable: (file: string) => void = () => undefined): RetentionTarget {
  return {
    name: 'state',
    sweep: async (cutoff) => {
      await storage.removeLeftovers();
      await storage.removeMovedAsideBefore(cutoff);
      const old: string[] = [];
      for await (const entry of storage.entries()) {
        if ('unreadable' in entry) onUnreadable(entry.file);
        else if (entry.updatedAt < cutoff) old.push(entry.key);
      }
      await storage.delete(old);
      return old.length;
    },
  };
}

/**
 * Transcripts in any botbuilder TranscriptStore, by their last activity: a conversation with
 * nothing since the cutoff is deleted. (The file store reports no creation date, so every
 * store is asked for the activities after the cutoff instead.)
 */
export function transcriptTarget(store: TranscriptStore, listChannels: ListTranscriptChannels): RetentionTarget {
  return {
    name: 'transcripts',
    sweep: async (cutoff) => {
      let deleted = 0;
      for (const channelId of await listChannels()) {
        let token: string | undefined;
        do {
          const page = await store.listTranscripts(channelId, token);
          for (const transcript of page.items) {
            const recent = await store.getTranscriptActivities(channelId, transcript.id, undefined, cutoff);
            if (recent.items.length > 0) continue;
            await store.deleteTranscript(channelId, transcript.id);
            deleted += 1;
          }
          token = page.continuationToken || undefined;
        } while (token);
      }
      return deleted;
    },
  };
}

/**
 * The audit trail keeps its decisions (rules version, rule ids, outcome, time) but, past the
 * retention period, loses the link to the conversation: the pseudonymous key is emptied.
 */
export function jsonLinesAuditTarget(dir: string): RetentionTarget {
  return {
    name: 'audit-links',
    sweep: async (cutoff) => {
      const files = await readdir(dir).catch(() => [] as string[]);
      let unlinked = 0;
      for (const name of files) {
        const day = /^audit-(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(name)?.[1];
        if (!day || new Date(`${day}T23:59:59.999Z`) >= cutoff) continue;
        unlinked += await unlinkAuditLines(join(dir, name), () => true);
      }
      return unlinked;
    },
  };
}
