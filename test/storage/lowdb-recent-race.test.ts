import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { LowdbStorage } from '../../src/storage/index.js';
import { stateDocumentFile } from '../support/state-files.js';
import { makeTempDir } from '../support/temp-dir.js';

const KEY = 'webchat/users/u1/';

/**
 * The lowdb store remembers recent documents. A file read that is slow (a busy thread pool)
 * must not put back into memory what a write or delete finishing meanwhile has replaced.
 * The slow read is real: the document is swapped for a named pipe, so reading it waits until
 * the test writes the old text into the pipe, after the change has had every chance to finish.
 */
describe('lowdb store: remembered documents never go stale', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('lowdb-race-');
  });
  afterEach(async () => temp.remove());

  const cases: Array<{ name: string; change: (storage: LowdbStorage) => Promise<void>; expected: object | undefined }> = [
    { name: 'a delete', change: (storage) => storage.delete([KEY]), expected: undefined },
    {
      name: 'a write',
      change: (storage) => storage.write({ [KEY]: { consent: { given: false }, eTag: '*' } }),
      expected: { given: false },
    },
  ];
  for (const { name, change, expected } of cases) {
    it(`after a slow read that overlapped ${name}, reads show ${name}`, async function () {
      const first = new LowdbStorage(temp.dir);
      await first.write({ [KEY]: { consent: { given: true } } });
      await first.close();
      const file = stateDocumentFile(temp.dir, KEY);
      const oldText = await readFile(file, 'utf8');
      await rm(file);
      try {
        execFileSync('mkfifo', [file]);
      } catch {
        this.skip();
      }

      // Held open read-write, the pipe never blocks the store's open, and it still feeds the read if
      // the change removes the file's name meanwhile (as a store that did not wait would).
      const pipe = await open(file, constants.O_RDWR);
      const storage = new LowdbStorage(temp.dir); // remembers nothing yet
      const slowRead = storage.read([KEY]);
      const changed = change(storage);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await pipe.write(oldText); // the slow read gets the old text only now
      await pipe.close();
      await Promise.all([slowRead, changed]);

      const after = (await storage.read([KEY]))[KEY];
      expect(after?.['consent']).to.deep.equal(expected);
      await storage.close();
    });
  }
});
