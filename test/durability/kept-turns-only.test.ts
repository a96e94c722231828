import { expect } from 'chai';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { ContainerClient } from '@azure/storage-blob';
import { BlobStateStorage } from '../../src/storage/blob-state-storage.js';
import { MemoryAuditSink, type AuditRecord } from '../../src/safety/index.js';
import { assessOverHttp, messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import type { Azurite } from '../support/azurite.js';
import { twoInstancesOnAzurite, type TwoInstances } from '../support/two-instances.js';
import { ADMIN_TOKEN, getInsights } from '../support/insights-script.js';

/**
 * Records only of turns that were taken (issue 26): the audit record and the insight events of
 * a turn are written once its state is saved. A turn the person is told to send again leaves
 * no decision in the audit trail, and the same first message delivered to two instances at
 * once starts one conversation, counted once.
 */

/** A store whose writes fail while `failing` is set (a full disk, a conflict with another instance). */
class FailingStorage extends MemoryStorage {
  failing = false;
  override async write(changes: StoreItems): Promise<void> {
    if (this.failing) throw new Error('Storage: error writing "key" due to eTag conflict.');
    return super.write(changes);
  }
}

class CountingAudit extends MemoryAuditSink {
  readonly appended: AuditRecord[] = [];
  override async append(record: AuditRecord): Promise<void> {
    this.appended.push(record);
    return super.append(record);
  }
}

const texts = (body: { activities?: Array<{ type: string; text?: string }> }) =>
  (body.activities ?? []).filter((activity) => activity.type === 'message').map((activity) => activity.text ?? '');

describe('Records only of turns that were taken', function () {
  this.timeout(60_000);

  describe('the audit trail', () => {
    let app: RunningApp;
    const storage = new FailingStorage();
    const audit = new CountingAudit();
    before(async () => {
      app = await startTestApp({}, storage, { audit });
    });
    after(() => app.close());

    it('has no decision of a turn whose save failed, and one when the person sends it again', async () => {
      const ids = { user: 'audited', conversation: 'audited-chat' };
      await assessOverHttp(app.baseUrl, ids, {}, { until: 'readBack' });
      expect(audit.appended).to.deep.equal([]);
      storage.failing = true;
      const refused = await postActivity(app.baseUrl, messageActivity("that's right", ids));
      storage.failing = false;
      expect(texts(refused.body).join(' ')).to.match(/send it again|send your last message again|crossed with another/i);
      expect(audit.appended, 'no decision of a turn that was not kept').to.deep.equal([]);

      const kept = await postActivity(app.baseUrl, messageActivity("that's right", ids));
      expect(kept.body.activities.some((activity: { name?: string }) => activity.name === 'assessment.completed')).to.equal(true);
      expect(audit.appended).to.have.length(1);
      expect(audit.appended[0]!.outcome).to.equal('consultation');
    });

    it('has the red-flag decision of a kept turn only', async () => {
      const ids = { user: 'flagged', conversation: 'flagged-chat' };
      await assessOverHttp(app.baseUrl, ids, {}, { until: 'age' });
      const before = audit.appended.length;
      storage.failing = true;
      await postActivity(app.baseUrl, messageActivity("my lips are swelling and I can't breathe", ids));
      storage.failing = false;
      expect(audit.appended.length).to.equal(before);
      await postActivity(app.baseUrl, messageActivity("my lips are swelling and I can't breathe", ids));
      expect(audit.appended.slice(before).map((record) => record.outcome)).to.deep.equal(['emergency']);
    });
  });

  describe('two instances on Blob Storage (Azurite) given the same first message at once', () => {
    let instances: TwoInstances;
    before(async () => {
      instances = await twoInstancesOnAzurite('first-delivery', { ADMIN_TOKEN, INSIGHTS_MIN_COUNT: '1' });
    });
    after(async () => instances?.close());

    it('keep one of the two turns, reply once, and count one conversation', async () => {
      const tries = 8;
      let welcomes = 0;
      for (let attempt = 0; attempt < tries; attempt += 1) {
        const activity = messageActivity('hello', { user: `redelivered-${attempt}`, conversation: `redelivered-${attempt}` });
        // The channel redelivers the same activity (same id) to the other instance while the first is still on it.
        const [a, b] = await Promise.all([
          postActivity(instances.first.baseUrl, activity),
          postActivity(instances.second.baseUrl, activity),
        ]);
        const said = [...texts(a.body), ...texts(b.body)];
        welcomes += said.filter((text) => /Do you agree/.test(text)).length;
      }
      expect(welcomes, 'one welcome per conversation').to.equal(tries);
      await Promise.all([instances.first.settle(), instances.second.settle()]);
      const insights = await getInsights(instances.first);
      expect(insights.body.conversations, 'each conversation counted once').to.equal(tries);
    });
  });

  describe('"forget me" racing a message on the other instance (Azurite)', () => {
    let instances: TwoInstances;
    let azurite: Azurite;
    let first: RunningApp;
    let second: RunningApp;
    /** Holds the second instance's saves until the test lets them go. */
    let holdSecond: Promise<void> | undefined;
    let secondWriting: (() => void) | undefined;
    before(async () => {
      const held = (emulator: Azurite): Storage => {
        const shared = BlobStateStorage.fromConnectionString(emulator.connectionString, 'forget-race');
        return {
          read: (keys) => shared.read(keys),
          delete: (keys) => shared.delete(keys),
          write: async (changes) => {
            secondWriting?.();
            await holdSecond;
            return shared.write(changes);
          },
        };
      };
      instances = await twoInstancesOnAzurite('forget-race', {}, [{}, { storage: held }]);
      ({ azurite, first, second } = instances);
    });
    after(async () => instances?.close());

    it('leaves no state behind: no consent, no conversation', async () => {
      const ids = { user: 'forgotten', conversation: 'forgotten-chat' };
      await assessOverHttp(first.baseUrl, ids, {}, { until: 'age' });
      let release!: () => void;
      holdSecond = new Promise<void>((resolve) => (release = resolve));
      const writing = new Promise<void>((resolve) => (secondWriting = resolve));
      // The person opens a second chat (another tab): its first turn, on the second instance, has
      // read their consent and is about to save the new conversation with it...
      const racing = postActivity(second.baseUrl, messageActivity('hello', { user: ids.user, conversation: 'forgotten-second-tab' }));
      await writing;
      // ...when "forget me" on the first instance erases everything.
      const forgot = await postActivity(first.baseUrl, messageActivity('forget me', ids));
      expect(texts(forgot.body).join(' ')).to.match(/forgotten|deleted/i);
      release();
      await racing;
      holdSecond = undefined;
      secondWriting = undefined;
      await Promise.all([first.settle(), second.settle()]);
      const container = new ContainerClient(azurite.connectionString, 'forget-race');
      const left: string[] = [];
      for await (const blob of container.listBlobsFlat()) left.push(blob.name);
      expect(
        left.filter((name) => name.includes('forgotten')),
        'nothing of the forgotten person',
      ).to.deep.equal([]);
      // A new message starts afresh: consent is asked again.
      const hello = await postActivity(second.baseUrl, messageActivity('hello', { user: ids.user, conversation: 'forgotten-third-tab' }));
      expect(texts(hello.body).join(' ')).to.match(/Do you agree/);
    });
  });
});
