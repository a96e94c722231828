import { expect } from 'chai';
import fc from 'fast-check';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess, auditRecord, conversationKey, JsonLinesAuditSink, MemoryAuditSink, type AuditRecord } from '../../src/safety/index.js';
import { answersArb, referenceArb } from './arbitraries.js';
import { allClear, referenceDate, table } from './helpers.js';
import { parseCheckedLine } from '../../src/checked-lines.js';

/** A line's record, checksum checked (src/checked-lines.ts). */
const lineValue = (line: string): any => parseCheckedLine(line)?.value;

const secret = 'test-secret-not-for-production';
const at = new Date('2025-06-15T10:20:30.000Z');
const recordKeys = ['rulesVersion', 'ruleIds', 'noteIds', 'outcome', 'at', 'conversationKey'];

describe('audit trail', () => {
  const decision = assess({ ...allClear(), pregnantOrBreastfeeding: 'yes', age: 41, wantsHomeUse: true }, referenceDate, table);

  it('records version, rule ids, note ids, outcome, time and a pseudonymous key, nothing else', () => {
    const record = auditRecord(decision, 'conv-123', at, secret);
    expect(Object.keys(record)).to.have.members(recordKeys);
    expect(record).to.deep.include({
      rulesVersion: table.version,
      ruleIds: ['R-PREGNANCY'],
      // N-DIY only beside consultation: the outcome's own "not at home" stands alone (v1.1).
      noteIds: ['N-AFTERCARE'],
      outcome: 'not-suitable-now',
      at: '2025-06-15T10:20:30.000Z',
    });
    expect(record.conversationKey).to.match(/^[0-9a-f]{64}$/);
  });

  it('keys a conversation with HMAC-SHA256: stable, secret-dependent, not the id', () => {
    const key = conversationKey('conv-123', secret);
    expect(conversationKey({ conversation: { id: 'conv-123' } }, secret)).to.equal(key);
    expect(conversationKey('conv-124', secret)).not.to.equal(key);
    expect(conversationKey('conv-123', 'another secret')).not.to.equal(key);
    // RFC 4231-style known answer, so the algorithm cannot drift silently
    expect(conversationKey('what do ya want for nothing?', 'Jefe')).to.equal(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('refuses an empty secret, an empty conversation id and an invalid time', () => {
    expect(() => auditRecord(decision, 'conv', at, '')).to.throw(/secret/);
    expect(() => auditRecord(decision, '', at, secret)).to.throw(/conversation id/);
    expect(() => auditRecord(decision, 'conv', new Date('x'), secret)).to.throw(RangeError);
  });

  it('never lets free text, answers, dates from answers or the conversation id into a record', () => {
    const conversationIdArb = fc.string({ minLength: 8, maxLength: 40 }).filter((id) => /[a-z]{4}/i.test(id));
    fc.assert(
      fc.property(answersArb, referenceArb, conversationIdArb, (answers, date, id) => {
        const result = assess(answers, date, table);
        // a decision time outside the generated answer dates, so a date found can only be a leak
        const record = auditRecord(result, { conversation: { id } }, new Date('2030-01-01T00:00:00Z'), secret);
        const text = JSON.stringify(record);
        expect(Object.keys(record)).to.have.members(recordKeys);
        expect(text).not.to.contain(id);
        for (const reason of result.reasons) expect(text).not.to.contain(reason.sentence.slice(0, 20));
        for (const note of result.notes) expect(text).not.to.contain(note.sentence.slice(0, 20));
        if (result.reconsiderFrom) expect(text).not.to.contain(result.reconsiderFrom);
        for (const value of [answers.isotretinoin?.stoppedOn, answers.lastSession?.date]) if (value) expect(text).not.to.contain(value);
        if (typeof answers.age === 'number')
          expect(record.ruleIds.join(' ') + record.noteIds.join(' ')).not.to.contain(String(answers.age));
      }),
      { numRuns: 1_000 },
    );
  });

  it('the memory sink keeps copies of exactly the record fields', async () => {
    const sink = new MemoryAuditSink();
    const record = auditRecord(decision, 'conv-1', at, secret);
    await sink.append({ ...record, text: 'I am pregnant', name: 'Jane' } as AuditRecord);
    record.ruleIds.push('changed later');
    expect(sink.records).to.have.length(1);
    expect(Object.keys(sink.records[0]!)).to.have.members(recordKeys);
    expect(sink.records[0]!.ruleIds).to.deep.equal(['R-PREGNANCY']);
  });

  it('the memory sink unlinks one conversation and keeps its decisions', async () => {
    const sink = new MemoryAuditSink();
    await sink.append(auditRecord(decision, 'leaving', at, secret));
    await sink.append(auditRecord(decision, 'staying', at, secret));
    expect(await sink.unlink(conversationKey('leaving', secret), { from: at, to: at })).to.equal(1);
    expect(sink.records.map((record) => record.conversationKey)).to.deep.equal(['', conversationKey('staying', secret)]);
  });

  describe('JSON lines sink', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'audit-test-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('appends one line per record to a daily file, keeping what was there', async () => {
      const logDir = join(dir, 'audit');
      const sink = new JsonLinesAuditSink(logDir);
      const first = auditRecord(decision, 'conv-1', at, secret);
      await sink.append(first);
      await writeFile(join(logDir, 'audit-2025-06-15.jsonl'), '{"marker":true}\n', { flag: 'a' });
      await sink.append(auditRecord(decision, 'conv-2', new Date('2025-06-15T23:59:59Z'), secret));
      await sink.append(auditRecord(decision, 'conv-3', new Date('2025-06-16T00:00:01Z'), secret));

      expect((await readdir(logDir)).sort()).to.deep.equal(['audit-2025-06-15.jsonl', 'audit-2025-06-16.jsonl']);
      const lines = (await readFile(join(logDir, 'audit-2025-06-15.jsonl'), 'utf8')).trimEnd().split('\n');
      expect(lines).to.have.length(3);
      expect(lineValue(lines[0]!)).to.deep.equal(first);
      expect(lineValue(lines[1]!)).to.deep.equal({ marker: true });
      expect(lineValue(lines[2]!).at).to.equal('2025-06-15T23:59:59.000Z');
    });

    it('keeps the order of records appended at once, and writes only record fields', async () => {
      const sink = new JsonLinesAuditSink(dir);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          sink.append({ ...auditRecord(decision, `conv-${i}`, at, secret), note: 'free text' } as AuditRecord),
        ),
      );
      const lines = (await readFile(join(dir, 'audit-2025-06-15.jsonl'), 'utf8')).trimEnd().split('\n');
      expect(lines).to.have.length(40);
      lines.forEach((line, i) => {
        const parsed = lineValue(line) as AuditRecord;
        expect(Object.keys(parsed)).to.have.members(recordKeys);
        expect(parsed.conversationKey).to.equal(conversationKey(`conv-${i}`, secret));
      });
    });

    it('unlinks one conversation on every day of the window, after the appends queued before it, and nothing else', async () => {
      const sink = new JsonLinesAuditSink(dir);
      // The 13th is before the window: the retention sweep has unlinked such days already.
      const days = ['2025-06-13T09:00:00Z', '2025-06-14T09:00:00Z', '2025-06-15T09:00:00Z'];
      const appends = days.flatMap((day) =>
        ['leaving', 'staying'].map((id) => sink.append(auditRecord(decision, id, new Date(day), secret))),
      );
      // Asked for while the appends are still queued: it must still see them.
      const window = { from: new Date('2025-06-14T23:00:00Z'), to: new Date('2025-06-15T01:00:00Z') };
      const unlinked = await sink.unlink(conversationKey('leaving', secret), window);
      await Promise.all(appends);
      expect(unlinked).to.equal(2);
      const rows = (await Promise.all((await readdir(dir)).map((name) => readFile(join(dir, name), 'utf8'))))
        .flatMap((text) => text.trim().split('\n'))
        .map((line) => lineValue(line) as AuditRecord);
      expect(rows).to.have.length(6);
      expect(rows.filter((row) => row.conversationKey === '').map((row) => row.at.slice(0, 10))).to.deep.equal([
        '2025-06-14',
        '2025-06-15',
      ]);
      expect(rows.filter((row) => row.conversationKey === conversationKey('staying', secret))).to.have.length(3);
      expect(rows.every((row) => row.outcome === decision.outcome)).to.equal(true);
      expect(await sink.unlink('', window)).to.equal(0);
    });

    it('unlinks past a torn line, and keeps that line as it was', async () => {
      const sink = new JsonLinesAuditSink(dir);
      await sink.append(auditRecord(decision, 'leaving', at, secret));
      await writeFile(join(dir, 'audit-2025-06-15.jsonl'), '{"rulesVersion":"1.0.0","ruleIds":["R-\n', { flag: 'a' });
      await sink.append(auditRecord(decision, 'leaving', at, secret));
      expect(await sink.unlink(conversationKey('leaving', secret), { from: at, to: at })).to.equal(2);
      const lines = (await readFile(join(dir, 'audit-2025-06-15.jsonl'), 'utf8')).trimEnd().split('\n');
      expect(lines[1]).to.equal('{"rulesVersion":"1.0.0","ruleIds":["R-');
      expect(lineValue(lines[2]!).conversationKey).to.equal('');
    });

    it('refuses a record whose time is not an ISO date-time', async () => {
      const sink = new JsonLinesAuditSink(dir);
      const record = { ...auditRecord(decision, 'conv', at, secret), at: '../../etc/passwd' };
      let error: unknown;
      await sink.append(record).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
      expect(await readdir(dir)).to.deep.equal([]);
    });
  });
});
