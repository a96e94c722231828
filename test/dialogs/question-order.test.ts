import { expect } from 'chai';
import sinon from 'sinon';
import { MemoryStorage, type Activity, type Storage, type StoreItems } from 'botbuilder';
import { BlobStateStorage } from '../../src/storage/blob-state-storage.js';
import { assessOverHttp, messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { answerQuestions, askedQuestion } from '../support/assessment-script.js';
import type { Azurite } from '../support/azurite.js';
import { twoInstancesOnAzurite, type TwoInstances } from '../support/two-instances.js';

/**
 * Which question a message answers is decided without wall clocks (issue 26): by the order of
 * arrivals and released questions in an instance, and by the question's number saved with the
 * conversation across instances. A clock stepped back, two instances whose clocks differ, and a
 * double click must neither drop an answer nor answer a question the person never saw.
 */

const replies = (response: { body: { activities?: Partial<Activity>[] } }) => response.body.activities ?? [];
const conversationKey = (conversation: string) => `webchat/conversations/${conversation}/`;

async function storedAnswers(storage: Storage, conversation: string): Promise<Record<string, unknown>> {
  const key = conversationKey(conversation);
  const document = (await storage.read([key]))[key] as { assessment?: { answers: Record<string, unknown> } } | undefined;
  return document?.assessment?.answers ?? {};
}

describe('Which question a message answers, without wall clocks', function () {
  this.timeout(60_000);

  describe('in one instance', () => {
    let app: RunningApp;
    let storage: MemoryStorage;
    before(async () => {
      storage = new MemoryStorage();
      app = await startTestApp({}, storage);
    });
    after(async () => app.close());
    afterEach(() => sinon.restore());

    for (const [label, step] of [
      ['back an hour', -3_600_000],
      ['back a second', -1_000],
      ['forward a day', 86_400_000],
    ] as const) {
      it(`takes the answer after the clock steps ${label} (NTP) and asks the next question`, async () => {
        const ids = { user: `stepped-${label}`, conversation: `stepped-${label}` };
        const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'], shouldAdvanceTime: true });
        await assessOverHttp(app.baseUrl, ids, {}, { until: 'pregnancy' });
        clock.setSystemTime(Date.now() + step);
        const answer = await postActivity(app.baseUrl, messageActivity('no', ids));
        expect(askedQuestion(replies(answer)), 'the answer was taken and the next question asked').to.equal('isotretinoin');
        expect((await storedAnswers(storage, ids.conversation))['pregnantOrBreastfeeding']).to.equal('no');
      });
    }

    it('a double click (the same button sent twice, as two activities) answers its question once, never the next one', async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const ids = { user: `double-${attempt}`, conversation: `double-${attempt}` };
        const transcript = await assessOverHttp(app.baseUrl, ids, {}, { until: 'pregnancy' });
        const question = transcript.at(-1)!.find((activity) => activity.suggestedActions)!;
        const button = question.suggestedActions!.actions.find((action) => action.title === 'No')!;
        // What Web Chat posts for the button, twice: the second click reaches the bot after the first turn has ended.
        const click = () =>
          postActivity(app.baseUrl, { ...messageActivity(String(button.text ?? button.value), ids), value: button.value });
        const first = await click();
        const second = await click();
        expect(askedQuestion(replies(first))).to.equal('isotretinoin');
        expect(
          replies(second).filter((activity) => activity.type === 'message'),
          'the second click answers nothing',
        ).to.deep.equal([]);
        const answers = await storedAnswers(storage, ids.conversation);
        expect(answers['pregnantOrBreastfeeding']).to.equal('no');
        expect(answers['isotretinoin'], `attempt ${attempt}: the question the person never saw`).to.equal(undefined);
      }
    });
  });

  describe('two instances sharing Blob Storage (Azurite), their clocks an hour apart', () => {
    let instances: TwoInstances;
    let first: RunningApp;
    let second: RunningApp;
    let shared: BlobStateStorage;
    /** Set while a test holds the first instance's save until the second has taken its message in. */
    let holdFirstSave: Promise<void> | undefined;
    /** Set while a test holds the second instance's turn until the first has saved. */
    let holdSecondTurn: { arrived: () => void; until: Promise<void>; reads: number } | undefined;

    before(async () => {
      const sharedOn = (azurite: Azurite) => (shared ??= BlobStateStorage.fromConnectionString(azurite.connectionString, 'order'));
      const firstStorage = (azurite: Azurite): Storage => ({
        read: (keys) => sharedOn(azurite).read(keys),
        delete: (keys) => sharedOn(azurite).delete(keys),
        write: async (changes: StoreItems) => {
          await holdFirstSave;
          return sharedOn(azurite).write(changes);
        },
      });
      const secondStorage = (azurite: Azurite): Storage => ({
        read: async (keys) => {
          const shared = sharedOn(azurite);
          const hold = holdSecondTurn;
          if (hold && keys.some((key) => key.includes('/conversations/'))) {
            hold.reads += 1;
            // The read as the message arrives goes through; the turn's own read waits for the first instance.
            if (hold.reads === 1) {
              const items = await shared.read(keys);
              hold.arrived();
              return items;
            }
            await hold.until;
          }
          return shared.read(keys);
        },
        delete: (keys) => sharedOn(azurite).delete(keys),
        write: (changes) => sharedOn(azurite).write(changes),
      });
      instances = await twoInstancesOnAzurite('order', {}, [
        { storage: firstStorage, options: { clock: () => new Date(Date.now() + 3_600_000) } },
        { storage: secondStorage, options: { clock: () => new Date(Date.now() - 3_600_000) } },
      ]);
      ({ first, second } = instances);
    });
    after(async () => {
      sinon.restore();
      await instances?.close();
    });

    it('a message that reached one instance before the other saved the next question does not answer it', async () => {
      const ids = { user: 'skewed-user', conversation: 'skewed' };
      await assessOverHttp(first.baseUrl, ids, {}, { until: 'pregnancy' });
      // The clock steps back an hour once the second instance has the message: its arrival is
      // "later" than the question the first instance saves after it, for any clock-based order.
      const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'], shouldAdvanceTime: true });
      let arrived!: () => void;
      const secondArrived = new Promise<void>((resolve) => (arrived = resolve));
      let firstSaved!: () => void;
      const saved = new Promise<void>((resolve) => (firstSaved = resolve));
      holdFirstSave = secondArrived.then(() => clock.setSystemTime(Date.now() - 3_600_000));
      holdSecondTurn = { arrived, until: saved, reads: 0 };

      const answer = postActivity(first.baseUrl, messageActivity('no', ids)).then((response) => {
        firstSaved();
        return response;
      });
      const ahead = postActivity(second.baseUrl, messageActivity('none of these', ids));
      const [answered, early] = await Promise.all([answer, ahead]);
      holdFirstSave = undefined;
      holdSecondTurn = undefined;

      expect(askedQuestion(replies(answered))).to.equal('isotretinoin');
      expect(
        replies(early).filter((activity) => activity.type === 'message'),
        'no reply to a message written to no question',
      ).to.deep.equal([]);
      expect((await storedAnswers(shared, ids.conversation))['isotretinoin'], 'a health answer the person never gave').to.equal(undefined);
      // The person then answers the question they see, on either instance.
      const next = await postActivity(second.baseUrl, messageActivity('never', ids));
      expect(askedQuestion(replies(next))).to.equal('checklists');
    });

    it('answers alternate between the instances whatever their clocks say', async () => {
      const ids = { user: 'alternating-user', conversation: 'alternating' };
      const instances = [first, second];
      let turn = 0;
      const send = async (text: string) => {
        const instance = instances[turn++ % 2]!;
        return replies(await postActivity(instance.baseUrl, messageActivity(text, ids)));
      };
      const transcript = await answerQuestions(send, {}, { until: 'readBack' });
      expect(askedQuestion(transcript.at(-1) ?? [])).to.equal('readBack');
      expect((await storedAnswers(shared, ids.conversation))['pregnantOrBreastfeeding']).to.equal('no');
    });
  });
});
