import { expect } from 'chai';
import { MemoryStorage, type Storage, type StoreItem } from 'botbuilder';
import { LowdbStorage, createPersistence } from '../../src/storage/index.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startAzurite, type Azurite } from '../support/azurite.js';

/**
 * The contract every state store must keep: MemoryStorage's eTag semantics. Each store kind
 * registers how to make a fresh instance and (when durable) how to reopen the same data.
 */
interface StoreKind {
  name: string;
  open: () => Promise<{ storage: Storage; reopen?: () => Storage | Promise<Storage>; close: () => Promise<void> }>;
}

/** One Azurite for the blob kind, started by the tests; each test gets its own container. */
let azurite: Azurite | undefined;
let containers = 0;
after(async () => azurite?.stop());

const storeKinds: StoreKind[] = [
  {
    name: 'memory',
    open: async () => ({ storage: new MemoryStorage(), close: async () => undefined }),
  },
  {
    name: 'lowdb',
    open: async () => {
      const temp = await makeTempDir('lowdb-contract-');
      return { storage: new LowdbStorage(temp.dir), reopen: () => new LowdbStorage(temp.dir), close: temp.remove };
    },
  },
  {
    name: 'blob (Azure Blob Storage on Azurite)',
    open: async () => {
      azurite ??= await startAzurite();
      const config = {
        STORAGE: 'blob' as const,
        DATA_DIR: '',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: `contract-${++containers}`,
      };
      return {
        storage: (await createPersistence(config)).storage,
        reopen: async () => (await createPersistence(config)).storage,
        close: async () => undefined,
      };
    },
  },
];

for (const kind of storeKinds) {
  describe(`Storage contract: ${kind.name}`, () => {
    let storage: Storage;
    let reopen: (() => Storage | Promise<Storage>) | undefined;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ storage, reopen, close } = await kind.open());
    });
    afterEach(async () => close());

    it('reads nothing for keys never written', async () => {
      expect(await storage.read(['missing/one', 'missing/two'])).to.deep.equal({});
    });

    it('writes, assigns an eTag and reads back', async () => {
      await storage.write({ 'webchat/conversations/a': { step: 1 } });
      const items = await storage.read(['webchat/conversations/a']);
      expect(items['webchat/conversations/a']).to.include({ step: 1 });
      expect(items['webchat/conversations/a']?.eTag).to.be.a('string').and.not.equal('*');
    });

    it('accepts a write with the current eTag and issues a new one', async () => {
      await storage.write({ k: { n: 1 } });
      const first = (await storage.read(['k']))['k'] as StoreItem;
      await storage.write({ k: { ...first, n: 2 } });
      const second = (await storage.read(['k']))['k'] as StoreItem;
      expect(second['n']).to.equal(2);
      expect(second.eTag).to.not.equal(first.eTag);
    });

    it('rejects a write with a stale eTag and keeps the stored item', async () => {
      await storage.write({ k: { n: 1 } });
      const stale = (await storage.read(['k']))['k'] as StoreItem;
      await storage.write({ k: { ...stale, n: 2 } });
      let error: unknown;
      try {
        await storage.write({ k: { ...stale, n: 3 } });
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.match(/eTag conflict/);
      expect((await storage.read(['k']))['k']).to.include({ n: 2 });
    });

    it('overwrites whatever is stored when the eTag is *', async () => {
      await storage.write({ k: { n: 1 } });
      await storage.write({ k: { n: 2, eTag: '*' } });
      expect((await storage.read(['k']))['k']).to.include({ n: 2 });
    });

    it('deletes items and ignores keys that do not exist', async () => {
      await storage.write({ a: { n: 1 }, b: { n: 2 } });
      await storage.delete(['a', 'never-written']);
      expect(Object.keys(await storage.read(['a', 'b']))).to.deep.equal(['b']);
    });

    it('keeps every one of many concurrent writes to different keys', async () => {
      const keys = Array.from({ length: 50 }, (_, i) => `msteams/conversations/c${i}`);
      await Promise.all(keys.map((key, i) => storage.write({ [key]: { i } })));
      const items = await storage.read(keys);
      expect(Object.keys(items)).to.have.length(50);
      keys.forEach((key, i) => expect(items[key]).to.include({ i }));
    });

    it('lets exactly one of two concurrent writes with the same eTag win', async () => {
      await storage.write({ k: { n: 0 } });
      const base = (await storage.read(['k']))['k'] as StoreItem;
      const results = await Promise.allSettled([storage.write({ k: { ...base, n: 1 } }), storage.write({ k: { ...base, n: 2 } })]);
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      expect(results.filter((r) => r.status === 'rejected')).to.have.length(1);
    });

    it('keeps keys with characters that are not file-name safe apart', async () => {
      await storage.write({ 'a/b:c?d': { n: 1 }, 'a/b:c?e': { n: 2 } });
      const items = await storage.read(['a/b:c?d', 'a/b:c?e']);
      expect(items['a/b:c?d']).to.include({ n: 1 });
      expect(items['a/b:c?e']).to.include({ n: 2 });
    });

    it('keeps text beyond ASCII intact', async () => {
      await storage.write({ k: { text: 'café ’ “quotes” — 😀' } });
      expect((await storage.read(['k']))['k']).to.include({ text: 'café ’ “quotes” — 😀' });
    });

    it('gives every read its own copy: changing what was read changes nothing stored', async () => {
      await storage.write({ k: { list: [1] } });
      const first = (await storage.read(['k']))['k'];
      first.list.push(2);
      expect((await storage.read(['k']))['k'].list).to.deep.equal([1]);
    });

    if (kind.name !== 'memory') {
      it('reads back after a restart what was written before it', async () => {
        await storage.write({ 'webchat/users/u1': { consent: { given: true } } });
        const reopened = await reopen!();
        const items = await reopened.read(['webchat/users/u1']);
        expect(items['webchat/users/u1']).to.deep.include({ consent: { given: true } });
      });
    }
  });
}
