import { expect } from 'chai';
import sinon from 'sinon';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WriteAheadLog } from '../../src/storage/write-ahead-log.js';
import { makeTempDir } from '../support/temp-dir.js';

/** FileHandle is not exported by node:fs; its prototype is reached through an opened handle. */
async function fileHandlePrototype(dir: string): Promise<{ write: (...args: unknown[]) => Promise<{ bytesWritten: number }> }> {
  const handle = await open(join(dir, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as { write: (...args: unknown[]) => Promise<{ bytesWritten: number }> };
}

async function segmentTexts(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.log')).sort();
  return Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
}

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
    expect(write.callCount).to.equal(1);
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
    await writeFile(join(logDir, second!), '{"key":"c","docu', { flag: 'a' });

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
    sinon.stub(prototype, 'write').callsFake(async function (this: unknown, buffer: unknown, offset: unknown, length: unknown) {
      sinon.restore();
      await realWrite.call(this, buffer, offset, Math.floor((length as number) / 2));
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
});
