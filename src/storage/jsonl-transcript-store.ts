import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { checkedLine, parseCheckedLines } from '../checked-lines.js';
import { LineAppender } from '../append-lines.js';

const PAGE_SIZE = 20;

/**
 * Transcripts as one JSON-lines file per conversation (`<dir>/<channel>/<hash>.jsonl`): a turn
 * is one append. botbuilder's FileTranscriptStore writes a file per activity and costs several
 * times more per turn; this store keeps the same interface for the retention sweep and erasure.
 * Each line carries a checksum (src/checked-lines.ts): a torn or damaged line is skipped and
 * counted (`onSkipped`), never read as another activity.
 */
export class JsonLinesTranscriptStore implements TranscriptStore {
  private readonly createdDirs = new Set<string>();
  private readonly appender = new LineAppender();

  constructor(
    private readonly dir: string,
    private readonly onSkipped: (lines: number) => void = () => undefined,
  ) {}

  private channelDir(channelId: string): string {
    return join(this.dir, channelId.replace(/[^a-z0-9_-]/gi, '_'));
  }

  private fileFor(channelId: string, conversationId: string): string {
    return join(this.channelDir(channelId), `${createHash('sha256').update(conversationId).digest('hex')}.jsonl`);
  }

  async logActivity(activity: Activity): Promise<void> {
    await this.logActivities([activity]);
  }

  /** Appends a whole turn at once. */
  async logActivities(activities: Activity[]): Promise<void> {
    const first = activities[0];
    if (!first?.channelId || !first.conversation?.id) return;
    const dir = this.channelDir(first.channelId);
    const file = this.fileFor(first.channelId, first.conversation.id);
    const lines = activities.map((activity) => checkedLine(JSON.stringify(activity))).join('');
    if (!this.createdDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.createdDirs.add(dir);
    }
    await this.appender.append(file, lines);
  }

  private async read(file: string): Promise<Activity[]> {
    const { values, skipped } = parseCheckedLines(await readFile(file, 'utf8').catch(() => ''));
    if (skipped > 0) this.onSkipped(skipped);
    return values as Activity[];
  }

  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<PagedResult<Activity>> {
    const all = (await this.read(this.fileFor(channelId, conversationId))).filter(
      (a) => !startDate || new Date(a.timestamp ?? 0) >= startDate,
    );
    const from = Number(continuationToken ?? 0);
    const items = all.slice(from, from + PAGE_SIZE);
    return { items, continuationToken: from + PAGE_SIZE < all.length ? String(from + PAGE_SIZE) : '' };
  }

  /** The channel folders that exist (a folder name reads back as its own channel id). */
  async listChannels(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const names = (await readdir(this.channelDir(channelId)).catch(() => [] as string[])).filter((name) => name.endsWith('.jsonl')).sort();
    const from = Number(continuationToken ?? 0);
    const items: TranscriptInfo[] = [];
    for (const name of names.slice(from, from + PAGE_SIZE)) {
      const file = join(this.channelDir(channelId), name);
      const [first] = await this.read(file);
      if (!first?.conversation?.id) continue;
      items.push({ channelId, id: first.conversation.id, created: (await stat(file)).birthtime });
    }
    return { items, continuationToken: from + PAGE_SIZE < names.length ? String(from + PAGE_SIZE) : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    await rm(this.fileFor(channelId, conversationId), { force: true });
  }
}
