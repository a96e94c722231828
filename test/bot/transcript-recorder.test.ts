import { expect } from 'chai';
import { MemoryTranscriptStore, TestAdapter, type Activity } from 'botbuilder';
import { TranscriptRecorder } from '../../src/bot/transcript-recorder.js';
import { FORGET_OTHER_CONVERSATIONS, FORGET_THIS_TURN } from '../../src/turn/flags.js';
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
      if (context.activity.text?.startsWith('forget me')) context.turnState.set(FORGET_THIS_TURN, true);
      // An erasure whose later step fails (say, the audit store is down).
      if (context.activity.text === 'forget me, then fail') throw new Error('audit store unavailable');
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

  it('keeps a turn whose write waits for the one before, even with replies that have no id', async () => {
    const { store, recorder, adapter, conversationId } = setUp();
    // Activities without ids, as expectReplies and WhatsApp replies come back: the entry ids are
    // made from the turn's id, which must be read before botbuilder revokes the turn context.
    adapter.use({
      onTurn: async (context, next) => {
        context.onSendActivities(async (_context, activities, send) => {
          const responses = await send();
          return responses.map(() => ({ id: '' }));
        });
        await next();
      },
    });
    await adapter.send('one').send('two');
    await recorder.flush();
    expect(await transcript(store, conversationId)).to.deep.equal(['one', 'echo: one', 'two', 'echo: two']);
  });

  it('drops the turns gathered and not yet written when the person asks to be forgotten', async () => {
    const { store, recorder, adapter, conversationId } = setUp();
    await adapter.send('my details').assertReply('echo: my details').send('forget me').assertReply('echo: forget me');
    await recorder.flush();
    expect(await transcript(store, conversationId)).to.deep.equal([]);
  });

  it('erases after the writes still under way, so a forgotten conversation stays forgotten', async () => {
    const { store, recorder, adapter, conversationId } = setUp();
    await adapter.send('my details').assertReply('echo: my details');
    const writing = recorder.flush(); // the slow store is now writing "my details"
    await adapter.send('forget me').assertReply('echo: forget me');
    await writing;
    await recorder.flush();
    expect(await transcript(store, conversationId)).to.deep.equal([]);
  });

  it("drops what is gathered of the person's other conversations too (an earlier visit of the widget)", async () => {
    const store = new SlowTranscriptStore();
    const recorder = new TranscriptRecorder(store, createLogger('silent'));
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text === 'forget me') {
        context.turnState.set(FORGET_THIS_TURN, true);
        context.turnState.set(FORGET_OTHER_CONVERSATIONS, ['earlier-visit']);
      }
      await context.sendActivity(`echo: ${context.activity.text}`);
    });
    adapter.use(recorder);
    await adapter.send({ type: 'message', text: 'my details', conversation: { id: 'earlier-visit' } as Activity['conversation'] });
    await adapter.send('forget me');
    await recorder.flush();
    expect(await transcript(store, 'earlier-visit')).to.deep.equal([]);
  });

  it("gathers a conversation's quick turns into one append", async () => {
    const appends: string[][] = [];
    const store = Object.assign(new MemoryTranscriptStore(), {
      logActivities: async (activities: Activity[]) => void appends.push(activities.map((activity) => activity.text ?? '')),
    });
    const recorder = new TranscriptRecorder(store, createLogger('silent'));
    const adapter = new TestAdapter(async (context) => void (await context.sendActivity(`echo: ${context.activity.text}`)));
    adapter.use(recorder);
    await adapter.send('one').assertReply('echo: one').send('two').assertReply('echo: two');
    await recorder.flush();
    expect(appends).to.deep.equal([['one', 'echo: one', 'two', 'echo: two']]);
  });

  it('erases the transcript even when the rest of the "forget me" turn fails', async () => {
    const { store, recorder, adapter, conversationId } = setUp();
    await adapter.send('my details').assertReply('echo: my details');
    let failure: unknown;
    await adapter.send('forget me, then fail').catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/audit store unavailable/);
    await recorder.flush();
    expect(await transcript(store, conversationId)).to.deep.equal([]);
  });
});
