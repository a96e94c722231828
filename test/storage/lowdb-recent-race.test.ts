import { expect } from 'chai';
import sinon from 'sinon';
import { TextFile } from 'lowdb/node';
import { LowdbStorage } from '../../src/storage/index.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * The lowdb store remembers recent documents. A file read that is slow (a busy thread pool)
 * must not put back into memory what a write or delete finishing meanwhile has replaced.
 */
describe('lowdb store: remembered documents never go stale', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('lowdb-race-');
  });
  afterEach(async () => {
    sinon.restore();
    await temp.remove();
  });

  /** The next file read takes a while after reading, before its caller sees the text. */
  function slowNextFileRead(): void {
    const read = TextFile.prototype.read;
    let slow = true;
    sinon.stub(TextFile.prototype, 'read').callsFake(async function (this: TextFile) {
      const text = await read.call(this);
      if (slow) {
        slow = false;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      return text;
    });
  }

  const cases: Array<{ name: string; change: (storage: LowdbStorage) => Promise<void>; expected: object | undefined }> = [
    { name: 'a delete', change: (storage) => storage.delete(['webchat/users/u1/']), expected: undefined },
    {
      name: 'a write',
      change: (storage) => storage.write({ 'webchat/users/u1/': { consent: { given: false }, eTag: '*' } }),
      expected: { given: false },
    },
  ];
  for (const { name, change, expected } of cases) {
    it(`after a slow read that overlapped ${name}, reads show ${name}`, async () => {
      await new LowdbStorage(temp.dir).write({ 'webchat/users/u1/': { consent: { given: true } } });
      const storage = new LowdbStorage(temp.dir); // remembers nothing yet
      slowNextFileRead();
      await Promise.all([storage.read(['webchat/users/u1/']), change(storage)]);
      const after = (await storage.read(['webchat/users/u1/']))['webchat/users/u1/'];
      expect(after?.['consent']).to.deep.equal(expected);
    });
  }
});
