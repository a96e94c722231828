import { expect } from 'chai';
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { OptimisticConversationState, StateConflictError } from '../../src/bot/optimistic-state.js';
import { messageActivity, postActivity, startTestApp } from '../support/app.js';
import { bareTurn as turn } from '../support/bare-turn.js';

describe('Saving conversation state without lost updates', () => {
  it('refuses to overwrite a save made by another instance since this turn read the state', async () => {
    const storage = new MemoryStorage();
    const adapter = new TestAdapter(async () => undefined);
    const mine = new OptimisticConversationState(storage);
    const theirs = new OptimisticConversationState(storage);
    const step = mine.createProperty<number>('step');
    const theirStep = theirs.createProperty<number>('step');

    const first = turn(adapter);
    await step.set(first, 1);
    await mine.saveChanges(first);

    const slow = turn(adapter);
    expect(await step.get(slow)).to.equal(1);
    const fast = turn(adapter);
    await theirStep.set(fast, 2);
    await theirs.saveChanges(fast);

    await step.set(slow, 3);
    let error: unknown;
    try {
      await mine.saveChanges(slow);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(StateConflictError);
    expect(await step.get(turn(adapter))).to.equal(2);
  });

  it('saves twice in one turn without conflicting with itself', async () => {
    const storage = new MemoryStorage();
    const state = new OptimisticConversationState(storage);
    const step = state.createProperty<number>('step');
    const context = turn();
    await step.set(context, 1);
    await state.saveChanges(context);
    await step.set(context, 2);
    await state.saveChanges(context);
    expect(await step.get(turn())).to.equal(2);
  });

  it('answers a double-click (two messages at once) one after the other, without a conflict', async () => {
    const app = await startTestApp();
    try {
      const ids = { user: 'double-click', conversation: 'double-click' };
      await postActivity(app.baseUrl, messageActivity('hi', ids));
      const [a, b] = await Promise.all([
        postActivity(app.baseUrl, messageActivity('yes', ids)),
        postActivity(app.baseUrl, messageActivity('yes', ids)),
      ]);
      const texts = [...a.body.activities, ...b.body.activities].map((activity: { text?: string }) => activity.text ?? '').join('\n');
      expect(texts).to.match(/Thank you/);
      expect(texts).to.not.match(/crossed with another/);
      // The second "yes" reached the concerns question, and was not read as a concern.
      expect(texts).to.match(/couldn't find a concern/);
    } finally {
      await app.close();
    }
  });
});
