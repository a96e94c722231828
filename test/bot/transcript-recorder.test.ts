import { expect } from 'chai';
import { MemoryTranscriptStore, TestAdapter, type Activity } from 'botbuilder';
import { TranscriptRecorder } from '../../src/bot/transcript-recorder.js';
import { FORGET_THIS_TURN } from '../../src/bot/turn-flags.js';
import { createLogger } from '../../src/logging/logger.js';

/** A store whose appends take a while, like a slow disk or a remote blob. */
class SlowTranscriptStore extends MemoryTranscriptStore {
  override async logActivity(activity: Activity): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await super.logActivity(activity);
  }
}

async function transcript(store: MemoryTranscriptStore, conversationId: string): Promise<string[]> {
  const page = await store.getTranscriptActivities('test', conversationId);
  return page.items.map((activity) => activity.text ?? '');
}

describe('Transcript recorder', () => {
  function setUp() {
    const store = new SlowTranscriptStore();
    const recorder = new TranscriptRecorder(store, createLogger('silent'));
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text === 'forget me') context.turnState.set(FORGET_THIS_TURN, true);
      await context.sendActivity(`echo: ${context.activity.text}`);
    });
    adapter.use(recorder);
    return { store, recorder, adapter, conversationId: adapter.conversation.conversation.id };
  }

  it('records both sides of every turn, in order, once its writes are flushed', async () => {
    const { store, recorder, adapter, conversationId } = setUp();
    await adapter.send('one').assertReply('echo: one').send('two').assertReply('echo: two');
    await recorder.flush();
    expect(await transcript(store, conversationId)).to.deep.equal(['one', 'echo: one', 'two', 'echo: two']);
  });

  it('erases after the writes still under way, so a forgotten conversation stays forgotten', async () => {
    const { store, recorder, adapter, conversationId } = setUp();
    await adapter.send('my details').assertReply('echo: my details').send('forget me').assertReply('echo: forget me');
    await recorder.flush();
    expect(await transcript(store, conversationId)).to.deep.equal([]);
  });
});
