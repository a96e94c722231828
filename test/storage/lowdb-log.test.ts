import { expect } from 'chai';
import sinon from 'sinon';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStorage } from '../../src/storage/index.js';
import { WriteAheadLog } from '../../src/storage/write-ahead-log.js';
import { stateDocumentFile } from '../support/state-files.js';
import { makeTempDir } from '../support/temp-dir.js';

const KEY = 'webchat/conversations/logged-chat/';
const OTHER = 'webchat/conversations/someone-else/';

async function logSegments(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'state-log')).catch(() => [] as string[])).filter((name) => name.endsWith('.log'));
}

/** Every file under the folder whose text contains the marker. */
async function filesHolding(dir: string, marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await readFile(path, 'utf8')).includes(marker)) found.push(path);
  }
  return found;
}

/** What a killed process leaves: the folder as it is on disk at this moment, opened by a new store. */
async function afterAKill(dataDir: string): Promise<{ dir: string; storage: LowdbStorage }> {
  const dir = `${dataDir}-after-kill`;
  await cp(dataDir, dir, { recursive: true });
  return { dir, storage: new LowdbStorage(dir) };
}

describe('lowdb store: the write-ahead log', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('lowdb-log-');
  });
  afterEach(async () => {
    await temp.remove();
    await rm(`${temp.dir}-after-kill`, { recursive: true, force: true });
  });

  it('a write is on disk in the log when it returns, before its document is written', async () => {
    const storage = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
    await storage.write({ [KEY]: { answers: { rosacea: 'yes' } } });
    expect((await logSegments(temp.dir)).length).to.equal(1);
    expect(await filesHolding(join(temp.dir, 'state-log'), 'rosacea')).to.have.length(1);
    expect(await stat(stateDocumentFile(temp.dir, KEY)).catch(() => 'none')).to.equal('none');
    await storage.close();
  });

  it('a killed process loses no acknowledged write: the next start catches up from the log and removes it', async () => {
    const storage = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
    await storage.write({ [KEY]: { step: 1 } });
    const first = (await storage.read([KEY]))[KEY]!;
    await storage.write({ [KEY]: { ...first, step: 2 }, [OTHER]: { step: 7 } });
    const restarted = await afterAKill(temp.dir);
    const items = await restarted.storage.read([KEY, OTHER]);
    expect(items[KEY]).to.include({ step: 2 });
    expect(items[OTHER]).to.include({ step: 7 });
    expect(await logSegments(restarted.dir)).to.deep.equal([]);
    expect(JSON.parse(await readFile(stateDocumentFile(restarted.dir, KEY), 'utf8')).item).to.include({ step: 2 });
    await restarted.storage.close();
    await storage.close();
  });

  it('a checkpoint writes the documents and empties the log; a change made while it runs is kept', async () => {
    const storage = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
    await storage.write({ [KEY]: { step: 1, eTag: '*' } });
    const checkpoint = storage.checkpoint();
    await storage.write({ [KEY]: { step: 2, eTag: '*' } });
    await checkpoint;
    expect((await storage.read([KEY]))[KEY]).to.include({ step: 2 });
    const restarted = await afterAKill(temp.dir);
    expect((await restarted.storage.read([KEY]))[KEY]).to.include({ step: 2 });
    await restarted.storage.close();
    await storage.checkpoint();
    expect(await logSegments(temp.dir)).to.deep.equal([]);
    expect(JSON.parse(await readFile(stateDocumentFile(temp.dir, KEY), 'utf8')).item).to.include({ step: 2 });
    await storage.close();
  });

  it('checkpoints by itself shortly after a change', async () => {
    const storage = new LowdbStorage(temp.dir, { checkpointDelayMs: 10 });
    await storage.write({ [KEY]: { step: 1 } });
    const until = Date.now() + 5_000;
    while ((await logSegments(temp.dir)).length > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await logSegments(temp.dir)).to.deep.equal([]);
    expect(JSON.parse(await readFile(stateDocumentFile(temp.dir, KEY), 'utf8')).item).to.include({ step: 1 });
    await storage.close();
  });

  it('a delete leaves no copy in any file, the log included, and a kill right after does not bring it back', async () => {
    const storage = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
    await storage.write({ [KEY]: { note: 'marker-rosacea-4711' }, [OTHER]: { note: 'kept' } });
    await storage.checkpoint();
    await storage.write({ [KEY]: { note: 'marker-rosacea-4711 again', eTag: '*' } });
    await storage.delete([KEY]);
    expect(await filesHolding(temp.dir, 'marker-rosacea-4711')).to.deep.equal([]);
    const restarted = await afterAKill(temp.dir);
    expect(await restarted.storage.read([KEY, OTHER])).to.have.keys([OTHER]);
    await restarted.storage.close();
    await storage.close();
  });

  it('a delete logged before a crash is applied at the next start (a tombstone), so older lines never bring a document back', async () => {
    const storage = new LowdbStorage(temp.dir);
    await storage.write({ [KEY]: { step: 1 } });
    await storage.close();
    // What a crash between logging the delete and writing it out leaves: the document and the tombstone.
    await mkdir(join(temp.dir, 'state-log'), { recursive: true });
    await writeFile(
      join(temp.dir, 'state-log', '000000000009.log'),
      `${JSON.stringify({ key: KEY, document: { key: KEY, updatedAt: '2026-12-01T00:00:00Z', item: { step: 0 } } })}\n` +
        `${JSON.stringify({ key: KEY, document: null })}\n`,
    );
    const restarted = new LowdbStorage(temp.dir);
    expect(await restarted.read([KEY])).to.deep.equal({});
    expect(await stat(stateDocumentFile(temp.dir, KEY)).catch(() => 'none')).to.equal('none');
    await restarted.close();
  });

  it('a second store on the same folder in one process sees what the first saved, and the first sees the second', async () => {
    const first = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
    await first.write({ [KEY]: { step: 1 } });
    const second = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
    expect((await second.read([KEY]))[KEY]).to.include({ step: 1 });
    await second.write({ [KEY]: { step: 2, eTag: '*' } });
    expect((await first.read([KEY]))[KEY]).to.include({ step: 2 });
    await first.close();
    await second.close();
  });

  describe('one write of several keys (a turn saves the profile and the conversation together)', () => {
    const PROFILE = 'webchat/users/logged-person/';
    afterEach(() => sinon.restore());

    it('is one append to the log, its keys in the order given', async () => {
      const storage = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
      const append = sinon.spy(WriteAheadLog.prototype, 'append');
      await storage.write({ [PROFILE]: { consent: true }, [KEY]: { step: 2 } });
      expect(append.callCount).to.equal(1);
      expect(append.firstCall.args[0].map((record) => record.key)).to.deep.equal([PROFILE, KEY]);
      await storage.close();
    });

    it('writes none of its keys when one has a stale eTag', async () => {
      const storage = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
      await storage.write({ [PROFILE]: { consent: false }, [KEY]: { step: 1 } });
      const error = await storage
        .write({ [PROFILE]: { consent: true }, [KEY]: { step: 2, eTag: 'stale' } })
        .catch((caught: Error) => caught);
      expect(error)
        .to.be.instanceOf(Error)
        .with.property('message')
        .that.matches(/eTag conflict/);
      const items = await storage.read([PROFILE, KEY]);
      expect(items[PROFILE]).to.include({ consent: false });
      expect(items[KEY]).to.include({ step: 1 });
      await storage.close();
    });

    it('two writes of the same keys in opposite orders at once both finish (their locks never wait in a circle)', async () => {
      const storage = new LowdbStorage(temp.dir, { checkpointDelayMs: 60_000 });
      await Promise.all([
        storage.write({ [PROFILE]: { by: 'first' }, [KEY]: { by: 'first' } }),
        storage.write({ [KEY]: { by: 'second' }, [PROFILE]: { by: 'second' } }),
      ]);
      const items = await storage.read([PROFILE, KEY]);
      // One of the two writes came last for both keys: they never interleave.
      expect(items[PROFILE]?.['by']).to.equal(items[KEY]?.['by']);
      await storage.close();
    });
  });
});
