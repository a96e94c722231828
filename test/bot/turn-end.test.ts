import { expect } from 'chai';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';

/** A store whose writes take a while, as a disk or Blob Storage under load does; it counts finished writes. */
class SlowStorage extends MemoryStorage {
  finishedWrites = 0;
  override async write(changes: StoreItems): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 40));
    await super.write(changes);
    this.finishedWrites += 1;
  }
}

/**
 * Every turn's state is saved inside the turn, on every kind of activity. botbuilder emits its
 * end-of-turn dialog event for an invoke from a `finally` it does not await: a save hung on that
 * event finished after the turn, touched the revoked TurnContext and ended the process.
 */
describe('The end of a turn', () => {
  let app: RunningApp;
  const storage = new SlowStorage();
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  before(async () => {
    process.on('unhandledRejection', onRejection);
    app = await startTestApp({}, storage);
  });
  after(async () => {
    process.off('unhandledRejection', onRejection);
    await app.close();
  });

  const kinds: Array<[string, Record<string, unknown>]> = [
    ['an invoke the bot does not handle', { type: 'invoke', name: 'no/such-invoke' }],
    ['an Adaptive Card invoke', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute' } } }],
    ['a Teams card action invoke', { type: 'invoke', channelId: 'msteams', channelData: { tenant: { id: 't' } } }],
    ['a message', { type: 'message', text: 'hello' }],
    ['a join event', { type: 'event', name: 'webchat/join' }],
  ];
  for (const [label, fields] of kinds) {
    it(`saves ${label}'s state before the turn answers, and nothing is left running after it`, async () => {
      const { deliveryMode: _replies, text: _text, ...base } = messageActivity('', { conversation: `turn-end-${label}`, user: label });
      const before = storage.finishedWrites;
      const response = await postActivity(app.baseUrl, { ...base, deliveryMode: 'expectReplies', ...fields });
      expect(response.status).to.be.below(500);
      const atAnswer = storage.finishedWrites;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(atAnswer - before, 'writes finished when the turn answered').to.be.greaterThan(0);
      expect(storage.finishedWrites, 'no write finished after the turn').to.equal(atAnswer);
      expect(rejections).to.deep.equal([]);
    });
  }
});
