import { expect } from 'chai';
import sinon from 'sinon';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStorage } from '../../src/storage/index.js';
import { DurableJsonFile } from '../../src/storage/durable-json-file.js';
import { stateDocumentFile } from '../support/state-files.js';
import { makeTempDir } from '../support/temp-dir.js';

const KEY = 'webchat/conversations/stored-chat/';
const OTHER = 'webchat/conversations/someone-else/';
const PROFILE = 'webchat/users/stored-person/';

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

describe('lowdb store: one durable JSON document per key', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('lowdb-store-');
  });
  afterEach(async () => {
    sinon.restore();
    await temp.remove();
    await rm(`${temp.dir}-after-kill`, { recursive: true, force: true });
  });

  it("a write is in its document on disk when it returns, as lowdb's JSON of the key, its time and the item", async () => {
    const storage = new LowdbStorage(temp.dir, { clock: () => new Date('2026-12-07T10:00:00Z') });
    await storage.write({ [KEY]: { answers: { rosacea: 'yes' } } });
    const document = JSON.parse(await readFile(stateDocumentFile(temp.dir, KEY), 'utf8'));
    expect(document).to.deep.include({ key: KEY, updatedAt: '2026-12-07T10:00:00.000Z' });
    expect(document.item).to.deep.include({ answers: { rosacea: 'yes' } });
    expect(document.item.eTag).to.be.a('string');
    // Nothing else holds it: no log, no copy.
    expect(await filesHolding(temp.dir, 'rosacea')).to.deep.equal([stateDocumentFile(temp.dir, KEY)]);
    await storage.close();
  });

  it('a killed process loses no acknowledged write', async () => {
    const storage = new LowdbStorage(temp.dir);
    await storage.write({ [KEY]: { step: 1 } });
    const first = (await storage.read([KEY]))[KEY]!;
    await storage.write({ [PROFILE]: { consent: true }, [KEY]: { ...first, step: 2 } });
    const restarted = await afterAKill(temp.dir);
    const items = await restarted.storage.read([KEY, PROFILE]);
    expect(items[KEY]).to.include({ step: 2 });
    expect(items[PROFILE]).to.include({ consent: true });
    await restarted.storage.close();
    await storage.close();
  });

  it('a read gives a copy: changing it changes neither the store nor the next read', async () => {
    const storage = new LowdbStorage(temp.dir);
    await storage.write({ [KEY]: { answers: { age: 34 } } });
    const read = (await storage.read([KEY]))[KEY]!;
    read['answers'].age = 99;
    expect((await storage.read([KEY]))[KEY]!['answers']).to.deep.equal({ age: 34 });
    await storage.close();
  });

  it('reads recent keys from memory: a turn opens no file for them', async () => {
    const storage = new LowdbStorage(temp.dir);
    await storage.write({ [KEY]: { step: 1 } });
    const reads = sinon.spy(DurableJsonFile.prototype, 'read');
    await storage.read([KEY]);
    await storage.read([KEY]);
    expect(reads.callCount).to.equal(0);
    await storage.close();
    // After a close nothing is held: the file is read once, then held again.
    const reopened = new LowdbStorage(temp.dir);
    await reopened.read([KEY]);
    await reopened.read([KEY]);
    expect(reads.callCount).to.equal(1);
    await reopened.close();
  });

  it('a delete leaves no copy in any file, and a kill right after does not bring it back', async () => {
    const storage = new LowdbStorage(temp.dir);
    await storage.write({ [KEY]: { note: 'marker-rosacea-4711' }, [OTHER]: { note: 'kept' } });
    await storage.write({ [KEY]: { note: 'marker-rosacea-4711 again', eTag: '*' } });
    await storage.delete([KEY]);
    expect(await filesHolding(temp.dir, 'marker-rosacea-4711')).to.deep.equal([]);
    expect(await storage.read([KEY])).to.deep.equal({});
    const restarted = await afterAKill(temp.dir);
    expect(await restarted.storage.read([KEY, OTHER])).to.have.keys([OTHER]);
    await restarted.storage.close();
    await storage.close();
  });

  it('a second store on the same folder in one process sees what the first saved, and the first sees the second', async () => {
    const first = new LowdbStorage(temp.dir);
    await first.write({ [KEY]: { step: 1 } });
    const second = new LowdbStorage(temp.dir);
    expect((await second.read([KEY]))[KEY]).to.include({ step: 1 });
    await second.write({ [KEY]: { step: 2, eTag: '*' } });
    expect((await first.read([KEY]))[KEY]).to.include({ step: 2 });
    await first.close();
    await second.close();
  });

  it('a failed write leaves the document as it was on disk and in memory, and the next write succeeds', async () => {
    const storage = new LowdbStorage(temp.dir);
    await storage.write({ [KEY]: { step: 1 } });
    const before = (await storage.read([KEY]))[KEY]!;
    sinon.stub(DurableJsonFile.prototype, 'write').rejects(Object.assign(new Error('no space left'), { code: 'ENOSPC' }));
    const error = await storage.write({ [KEY]: { ...before, step: 2 } }).catch((caught: Error) => caught);
    expect(error).to.have.property('code', 'ENOSPC');
    sinon.restore();
    expect((await storage.read([KEY]))[KEY]).to.deep.equal(before);
    await storage.write({ [KEY]: { ...before, step: 3 } });
    const restarted = await afterAKill(temp.dir);
    expect((await restarted.storage.read([KEY]))[KEY]).to.include({ step: 3 });
    await restarted.storage.close();
    await storage.close();
  });

  describe('one write of several keys (a turn saves the profile and the conversation together)', () => {
    it('moves them into place in the order given, each on disk (renamed, folder fsynced) before the next', async () => {
      const storage = new LowdbStorage(temp.dir);
      const events: string[] = [];
      const write = DurableJsonFile.prototype.write;
      sinon.stub(DurableJsonFile.prototype, 'write').callsFake(async function (this: DurableJsonFile<{ key: string }>, data) {
        events.push(`begin ${data.key}`);
        await write.call(this, data);
        events.push(`end ${data.key}`);
      });
      await storage.write({ [PROFILE]: { consent: true }, [KEY]: { step: 2 } });
      expect(events).to.deep.equal([`begin ${PROFILE}`, `end ${PROFILE}`, `begin ${KEY}`, `end ${KEY}`]);
      await storage.close();
    });

    it('a failure on the later key keeps the earlier one, never the later alone', async () => {
      const storage = new LowdbStorage(temp.dir);
      const write = DurableJsonFile.prototype.write;
      sinon.stub(DurableJsonFile.prototype, 'write').callsFake(async function (this: DurableJsonFile<{ key: string }>, data) {
        if (data.key === KEY) throw new Error('disk gone');
        await write.call(this, data);
      });
      const error = await storage.write({ [PROFILE]: { consent: true }, [KEY]: { step: 2 } }).catch((caught: Error) => caught);
      expect(error).to.have.property('message', 'disk gone');
      sinon.restore();
      // The later document's temp file, written ahead, is not left behind.
      expect((await readdir(join(temp.dir, 'state'), { recursive: true })).filter((name) => name.endsWith('.tmp'))).to.deep.equal([]);
      const restarted = await afterAKill(temp.dir);
      expect(await restarted.storage.read([PROFILE, KEY])).to.have.keys([PROFILE]);
      await restarted.storage.close();
      await storage.close();
    });

    it('writes none of its keys when one has a stale eTag', async () => {
      const storage = new LowdbStorage(temp.dir);
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
      const storage = new LowdbStorage(temp.dir);
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
