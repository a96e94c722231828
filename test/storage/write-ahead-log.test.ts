import { expect } from 'chai';
import sinon from 'sinon';
import { open, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SEGMENT_RESERVE_BYTES, WriteAheadLog } from '../../src/storage/write-ahead-log.js';
import { makeTempDir } from '../support/temp-dir.js';

/** FileHandle is not exported by node:fs; its prototype is reached through an opened handle. */
async function fileHandlePrototype(dir: string): Promise<{ write: (...args: unknown[]) => Promise<{ bytesWritten: number }> }> {
  const handle = await open(join(dir, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as { write: (...args: unknown[]) => Promise<{ bytesWritten: number }> };
}

/** Each segment's written text (a segment is made with zeros ahead of its lines). */
async function segmentTexts(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.log')).sort();
  return Promise.all(names.map(async (name) => (await readFile(join(dir, name), 'utf8')).replace(/\0+$/, '')));
}

/** What a crash in the middle of a write leaves: part of a line right after the last whole one. */
async function tearAfterLastLine(file: string, part: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const end = text.indexOf('\0') === -1 ? text.length : text.indexOf('\0');
  const handle = await open(file, 'r+');
  await handle.write(Buffer.from(part), 0, Buffer.byteLength(part), Buffer.byteLength(text.slice(0, end)));
  await handle.close();
}

/** A write of log lines (the spare's zeros have no line break). */
const isLines = (buffer: unknown) => Buffer.isBuffer(buffer) && buffer.includes(0x0a);

describe('The state write-ahead log', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let logDir: string;
  beforeEach(async () => {
    temp = await makeTempDir('wal-');
    logDir = join(temp.dir, 'state-log');
  });
  afterEach(async () => {
    sinon.restore();
    await temp.remove();
  });

  it('writes changes that arrive together in one write (group commit), each on its own line', async () => {
    const log = new WriteAheadLog(logDir);
    await log.recover();
    const write = sinon.spy(await fileHandlePrototype(temp.dir), 'write');
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.append([{ key: `k${i}`, text: `{"n":${i}}` }])));
    expect(write.getCalls().filter((call) => isLines(call.args[0]))).to.have.length(1);
    const [text] = await segmentTexts(logDir);
    expect(text!.split('\n').filter(Boolean)).to.have.length(20);
    await log.close();
  });

  it('gives back, after a restart, the changes of every segment in order, skipping a line a crash cut short', async () => {
    const log = new WriteAheadLog(logDir);
    await log.recover();
    await log.append([{ key: 'a', text: '1' }]);
    await log.seal();
    await log.append([
      { key: 'a', text: '2' },
      { key: 'b', text: null },
    ]);
    await log.close();
    const [, second] = (await readdir(logDir)).sort();
    await tearAfterLastLine(join(logDir, second!), '{"key":"c","docu');

    const { records, segments, tornLines } = await new WriteAheadLog(logDir).recover();
    expect(records).to.deep.equal([
      { key: 'a', text: '1' },
      { key: 'a', text: '2' },
      { key: 'b', text: null },
    ]);
    expect(segments).to.have.length(2);
    expect(tornLines).to.equal(1);
  });

  it('cuts a failed write back out of the segment (the person was told it was not taken) and goes on in a new one', async () => {
    const log = new WriteAheadLog(logDir);
    await log.recover();
    await log.append([{ key: 'kept', text: '"answered"' }]);
    const prototype = await fileHandlePrototype(temp.dir);
    const realWrite = prototype.write;
    // Like a disk that fills up halfway through: some bytes land, then ENOSPC.
    sinon.stub(prototype, 'write').callsFake(async function (
      this: unknown,
      buffer: unknown,
      offset: unknown,
      length: unknown,
      position: unknown,
    ) {
      if (!isLines(buffer)) return realWrite.call(this, buffer, offset, length, position);
      sinon.restore();
      await realWrite.call(this, buffer, offset, Math.floor((length as number) / 2), position);
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    const failed = await log.append([{ key: 'refused', text: '"never acknowledged"' }]).catch((error: Error) => error);
    expect(failed).to.be.instanceOf(Error);
    await log.append([{ key: 'later', text: '"after room was made"' }]);
    await log.close();

    const texts = await segmentTexts(logDir);
    expect(texts).to.have.length(2);
    expect(texts.join('')).to.not.include('refused');
    const { records, tornLines } = await new WriteAheadLog(logDir).recover();
    expect(records.map((record) => record.key)).to.deep.equal(['kept', 'later']);
    expect(tornLines).to.equal(0);
  });

  it('gives back a document exactly as written: quotes, line breaks, non-ASCII text', async () => {
    const log = new WriteAheadLog(logDir);
    await log.recover();
    const text = JSON.stringify({ key: 'k', item: { note: 'line\nbreak "quoted" \\ é 😀 \u2028', n: 1.5, list: [null, true] } });
    await log.append([{ key: 'k', text }]);
    await log.close();
    expect((await new WriteAheadLog(logDir).recover()).records).to.deep.equal([{ key: 'k', text }]);
  });

  it('removes the segments it is told are written out, and keeps the one opened after the seal', async () => {
    const log = new WriteAheadLog(logDir);
    await log.recover();
    await log.append([{ key: 'a', text: '1' }]);
    const { segments } = await log.seal();
    await log.append([{ key: 'a', text: '2' }]);
    await log.remove(segments);
    await log.close();
    expect((await new WriteAheadLog(logDir).recover()).records).to.deep.equal([{ key: 'a', text: '2' }]);
  });

  describe('segments made ahead with zeros (a write over them is one data flush)', () => {
    it('makes the next segment ahead: after a seal the changes go over its zeros, and read back whole', async () => {
      const log = new WriteAheadLog(logDir);
      await log.recover();
      await log.append([{ key: 'a', text: '1' }]);
      await log.seal();
      await log.append([{ key: 'b', text: '2' }]);
      await log.append([{ key: 'c', text: null }]);
      const second = (await readdir(logDir)).filter((name) => name.endsWith('.log')).sort()[1]!;
      expect((await stat(join(logDir, second))).size).to.equal(SEGMENT_RESERVE_BYTES);
      await log.close();
      const { records, tornLines } = await new WriteAheadLog(logDir).recover();
      expect(records).to.deep.equal([
        { key: 'a', text: '1' },
        { key: 'b', text: '2' },
        { key: 'c', text: null },
      ]);
      expect(tornLines).to.equal(0);
    });

    it('goes on past the zeros when a segment fills up, losing nothing', async () => {
      const log = new WriteAheadLog(logDir, { reserveBytes: 64 });
      await log.recover();
      await log.append([{ key: 'a', text: '1' }]);
      await log.seal();
      const texts = Array.from({ length: 10 }, (_, i) => JSON.stringify({ n: i, note: 'more than sixty-four bytes in all' }));
      for (const text of texts) await log.append([{ key: 'k', text }]);
      await log.close();
      const { records } = await new WriteAheadLog(logDir).recover();
      expect(records.slice(1).map((record) => record.text)).to.deep.equal(texts);
    });

    it('leaves no spare after a clean close, and removes one an earlier process left', async () => {
      const log = new WriteAheadLog(logDir);
      await log.recover();
      await log.append([{ key: 'a', text: '1' }]);
      const { segments } = await log.seal();
      await log.remove(segments);
      await log.close();
      expect(await readdir(logDir)).to.deep.equal([]);
      await writeFile(join(logDir, 'next-segment.spare'), Buffer.alloc(128));
      await new WriteAheadLog(logDir).recover();
      expect(await readdir(logDir)).to.deep.equal([]);
    });

    it('makes no spare when told not to (reserve 0): every segment grows as it is written', async () => {
      const log = new WriteAheadLog(logDir, { reserveBytes: 0 });
      await log.recover();
      await log.append([{ key: 'a', text: '1' }]);
      await log.seal();
      await log.append([{ key: 'b', text: '2' }]);
      const sizes = await Promise.all((await readdir(logDir)).sort().map(async (name) => (await stat(join(logDir, name))).size));
      expect(sizes).to.deep.equal([`{"key":"a","document":1}\n`.length, `{"key":"b","document":2}\n`.length]);
      await log.close();
    });
  });
});
