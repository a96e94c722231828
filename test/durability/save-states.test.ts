import { expect } from 'chai';
import sinon from 'sinon';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { OptimisticConversationState, ProfileState } from '../../src/bot/optimistic-state.js';
import { saveStates } from '../../src/bot/save-states.js';
import { bareTurn as turn } from '../support/bare-turn.js';

/** MemoryStorage that says it keeps one write's keys together (as the lowdb store does). */
class TogetherStorage extends MemoryStorage {
  readonly writesTogether = true as const;
}

/** A turn that changes the profile, the conversation, both or neither. */
async function changedTurn(storage: MemoryStorage, change: { profile: boolean; conversation: boolean }) {
  const profile = new ProfileState(storage);
  const conversation = new OptimisticConversationState(storage);
  const context = turn();
  await profile.load(context);
  await conversation.load(context);
  if (change.profile) await profile.createProperty<string>('consent').set(context, 'given');
  if (change.conversation) await conversation.createProperty<number>('step').set(context, 3);
  const write = sinon.spy(storage, 'write');
  await saveStates(context, [profile, conversation], storage);
  return { writes: write.getCalls().map((call) => Object.keys(call.args[0] as StoreItems)), storage };
}

const PROFILE_KEY = 'webchat/users/u1/';
const CONVERSATION_KEY = 'webchat/conversations/c1/';

describe("Saving a turn's states", () => {
  afterEach(() => sinon.restore());

  const cases = [
    { store: 'one that keeps a write together', make: () => new TogetherStorage(), both: [[PROFILE_KEY, CONVERSATION_KEY]] },
    { store: 'one that does not', make: () => new MemoryStorage(), both: [[PROFILE_KEY], [CONVERSATION_KEY]] },
  ];
  for (const { store, make, both } of cases) {
    it(`both changed, ${store}: the profile first, then the conversation (${both.length} write${both.length > 1 ? 's' : ''})`, async () => {
      const { writes, storage } = await changedTurn(make(), { profile: true, conversation: true });
      expect(writes).to.deep.equal(both);
      const items = await storage.read([PROFILE_KEY, CONVERSATION_KEY]);
      expect(items[PROFILE_KEY]).to.include({ consent: 'given' });
      expect(items[CONVERSATION_KEY]).to.include({ step: 3 });
    });
  }

  const single = [
    { changed: 'only the conversation', change: { profile: false, conversation: true }, writes: [[CONVERSATION_KEY]] },
    { changed: 'only the profile', change: { profile: true, conversation: false }, writes: [[PROFILE_KEY]] },
    { changed: 'nothing', change: { profile: false, conversation: false }, writes: [] },
  ];
  for (const { changed, change, writes: expected } of single) {
    it(`${changed} changed: writes ${expected.length === 0 ? 'nothing' : 'just that'}`, async () => {
      const { writes } = await changedTurn(new TogetherStorage(), change);
      expect(writes).to.deep.equal(expected);
    });
  }
});
