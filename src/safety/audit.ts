import { createHmac } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkedLine, parseCheckedLine } from '../checked-lines.js';
import { LineAppender } from '../append-lines.js';
import type { Decision } from './engine.js';
import type { Outcome } from './outcomes.js';

/**
 * The audit trail of SAFETY-SPEC property 6: every decision with the rule table's version,
 * the rule and note ids and the time, and nothing else. No free text, no answers, no names,
 * no numbers, no dates from the answers (reconsiderFrom would reveal a stop date), and the
 * conversation only as a keyed hash, so the trail can be kept without holding personal data.
 */

export interface AuditRecord {
  rulesVersion: string;
  ruleIds: string[];
  noteIds: string[];
  outcome: Outcome;
  /** ISO 8601 time of the decision. */
  at: string;
  /** HMAC-SHA256 (hex) of the conversation id with the deployment's secret. */
  conversationKey: string;
}

/** A conversation id, or anything shaped like a Bot Framework ConversationReference. */
export type ConversationRefLike = string | { conversation: { id: string } };

export interface AuditSink {
  append(record: AuditRecord): Promise<void>;
  /**
   * "Forget me": the records of one conversation keep their decisions but lose the key that
   * links them to it. Only the days of `window` are searched: records older than the
   * retention period have lost their keys to the retention sweep already. Resolves with how
   * many records were unlinked.
   */
  unlink(conversationKey: string, window: DayWindow): Promise<number>;
}

/** UTC days from `from` to `to`, both included. */
export interface DayWindow {
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;

/** The UTC days of a window as YYYY-MM-DD, oldest first. */
export function daysOf(window: DayWindow): string[] {
  const days: string[] = [];
  const last = window.to.toISOString().slice(0, 10);
  for (
    let day = new Date(`${window.from.toISOString().slice(0, 10)}T00:00:00Z`);
    day.toISOString().slice(0, 10) <= last;
    day = new Date(day.getTime() + DAY_MS)
  ) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

function conversationId(ref: ConversationRefLike): string {
  const id = typeof ref === 'string' ? ref : ref.conversation.id;
  if (typeof id !== 'string' || id === '') throw new TypeError('audit: the conversation id is empty');
  return id;
}

/** Pseudonymous and stable per conversation; without the secret it cannot be linked back. */
export function conversationKey(ref: ConversationRefLike, secret: string | Buffer): string {
  if (secret.length === 0) throw new TypeError('audit: the HMAC secret is empty');
  return createHmac('sha256', secret).update(conversationId(ref), 'utf8').digest('hex');
}

export function auditRecord(decision: Decision, conversationRef: ConversationRefLike, at: Date, secret: string | Buffer): AuditRecord {
  if (Number.isNaN(at.getTime())) throw new RangeError('audit: invalid time');
  return {
    rulesVersion: decision.rulesVersion,
    ruleIds: decision.reasons.map((reason) => reason.ruleId),
    noteIds: decision.notes.map((note) => note.noteId),
    outcome: decision.outcome,
    at: at.toISOString(),
    conversationKey: conversationKey(conversationRef, secret),
  };
}

/** Copies exactly the record's fields, so nothing a caller added can reach the trail. */
function onlyRecordFields(record: AuditRecord): AuditRecord {
  return {
    rulesVersion: record.rulesVersion,
    ruleIds: [...record.ruleIds],
    noteIds: [...record.noteIds],
    outcome: record.outcome,
    at: record.at,
    conversationKey: record.conversationKey,
  };
}

/** For tests and local runs. */
export class MemoryAuditSink implements AuditSink {
  readonly records: AuditRecord[] = [];

  append(record: AuditRecord): Promise<void> {
    this.records.push(onlyRecordFields(record));
    return Promise.resolve();
  }

  unlink(key: string, window: DayWindow): Promise<number> {
    const days = new Set(daysOf(window));
    const linked = this.records.filter((record) => key !== '' && record.conversationKey === key && days.has(record.at.slice(0, 10)));
    for (const record of linked) record.conversationKey = '';
    return Promise.resolve(linked.length);
  }
}

function parseLine(line: string): AuditRecord | undefined {
  return parseCheckedLine(line)?.value as AuditRecord | undefined;
}

/**
 * A JSON-lines audit file with the given records' keys emptied, rewritten atomically (temp
 * file, then rename); untouched when no record matches. Shared by "forget me" and retention.
 */
export async function unlinkAuditLines(file: string, matches: (record: AuditRecord) => boolean): Promise<number> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  let unlinked = 0;
  const rewritten = lines.map((line) => {
    const record = parseLine(line);
    // A torn or damaged line (a crash or a full disk mid-append) is kept as it is, not a reason to fail.
    if (!record?.conversationKey || !matches(record)) return `${line}\n`;
    unlinked += 1;
    return checkedLine(JSON.stringify({ ...record, conversationKey: '' }));
  });
  if (unlinked === 0) return 0;
  await writeFile(`${file}.tmp`, rewritten.join(''));
  await rename(`${file}.tmp`, file);
  return unlinked;
}

/**
 * One JSON line per record in `<dir>/audit-YYYY-MM-DD.jsonl`, the day taken from the record's
 * own time (UTC), opened in append mode only. Appends are chained so lines keep their order.
 */
export class JsonLinesAuditSink implements AuditSink {
  private queue: Promise<void> = Promise.resolve();
  private readonly appender = new LineAppender();
  private ready: Promise<unknown> | undefined;

  constructor(private readonly dir: string) {}

  fileFor(record: AuditRecord): string {
    // The day comes from a checked ISO time, so a malformed record can never name another path.
    const day = /^(\d{4}-\d{2}-\d{2})T/.exec(record.at)?.[1];
    if (day === undefined) throw new RangeError('audit: record time is not an ISO date-time');
    return join(this.dir, `audit-${day}.jsonl`);
  }

  append(record: AuditRecord): Promise<void> {
    let file: string;
    try {
      file = this.fileFor(record);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const line = checkedLine(JSON.stringify(onlyRecordFields(record)));
    const write = async () => {
      this.ready ??= mkdir(this.dir, { recursive: true }).catch((error: unknown) => {
        this.ready = undefined; // try again with the next record
        throw error;
      });
      await this.ready;
      await this.appender.append(file, line);
    };
    return this.enqueue(write);
  }

  /**
   * Rewrites the window's daily files that hold the key; queued with the appends so none is
   * lost (a rewrite outside the queue could rename away a line appended meanwhile).
   */
  unlink(key: string, window: DayWindow): Promise<number> {
    if (key === '') return Promise.resolve(0);
    return this.enqueue(async () => {
      const names = new Set(await readdir(this.dir).catch(() => [] as string[]));
      let unlinked = 0;
      for (const day of daysOf(window)) {
        const name = `audit-${day}.jsonl`;
        if (names.has(name)) unlinked += await unlinkAuditLines(join(this.dir, name), (record) => record.conversationKey === key);
      }
      return unlinked;
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task);
    // A failed write is reported to its caller but must not block the records after it.
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}
