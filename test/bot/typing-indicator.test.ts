import { expect } from 'chai';
import { MemoryTranscriptStore, TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { releaseHeldReplies, ReplyAfterSave } from '../../src/bot/reply-after-save.js';
import { showsTyping, TypingIndicator } from '../../src/bot/typing-indicator.js';
import { TranscriptRecorder } from '../../src/bot/transcript-recorder.js';
import { createLogger } from '../../src/logging/logger.js';
import { loadStrings } from '../../src/strings/index.js';

/** An adapter whose typing indicators take a while to arrive, as over a slow connector; it notes each send and arrival. */
class SlowTypingAdapter extends TestAdapter {
  readonly events: string[] = [];
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const types = activities.map((activity) => activity.type).join(',');
    this.events.push(`${types} sent`);
    if (types === 'typing') await new Promise((resolve) => setTimeout(resolve, 30));
    this.events.push(`${types} arrived`);
    return super.sendActivities(context, activities);
  }
}

/** The middleware in the server's order, around a bot that replies, saves, then releases its replies. */
function setUp(channelId: string) {
  const logger = createLogger('silent');
  const transcripts = new MemoryTranscriptStore();
  const recorder = new TranscriptRecorder(transcripts, logger);
  const adapter: SlowTypingAdapter = new SlowTypingAdapter(
    async (context) => {
      await context.sendActivity(`reply to ${context.activity.text ?? context.activity.name}`);
      adapter.events.push('saved');
      await releaseHeldReplies(context);
    },
    { channelId },
  );
  adapter.use(new ReplyAfterSave(loadStrings(), logger));
  adapter.use(recorder);
  adapter.use(new TypingIndicator(logger));
  return { adapter, recorder, transcripts, conversationId: adapter.conversation.conversation.id };
}

describe('The typing indicator', () => {
  it('goes out at once, before the save, and the held reply follows it; the transcript keeps no typing', async () => {
    const { adapter, recorder, transcripts, conversationId } = setUp('webchat');
    await adapter
      .send('hello')
      .assertReply((activity) => expect(activity.type).to.equal('typing'))
      .assertReply('reply to hello');
    expect(adapter.events).to.deep.equal(['typing sent', 'saved', 'typing arrived', 'message sent', 'message arrived']);
    await recorder.flush();
    const kept = await transcripts.getTranscriptActivities('webchat', conversationId);
    expect(kept.items.map((activity) => [activity.type, activity.text])).to.deep.equal([
      ['message', 'hello'],
      ['message', 'reply to hello'],
    ]);
  });

  it('is not sent for an event (nothing may answer it)', async () => {
    const { adapter } = setUp('webchat');
    await adapter.send({ type: 'event', name: 'booking.opened' }).assertReply('reply to booking.opened');
    expect(adapter.events).to.deep.equal(['saved', 'message sent', 'message arrived']);
  });

  it('is not sent when the replies come back in one response (expectReplies)', () => {
    expect(showsTyping({ type: 'message', channelId: 'webchat', deliveryMode: 'expectReplies' })).to.equal(false);
  });

  const channels: Array<[string, boolean]> = [
    ['webchat', true],
    ['directline', true],
    ['msteams', true],
    ['emulator', true],
    ['whatsapp', false],
    ['sms', false],
    ['console', false],
    ['an unknown channel', false],
  ];
  for (const [channelId, shown] of channels) {
    it(`${shown ? 'is' : 'is not'} sent on ${channelId}`, () => {
      expect(showsTyping({ type: 'message', channelId })).to.equal(shown);
    });
  }

  it('sends nothing on WhatsApp, where it shows nothing', async () => {
    const { adapter } = setUp('whatsapp');
    await adapter.send('hello').assertReply('reply to hello');
    expect(adapter.events).to.deep.equal(['saved', 'message sent', 'message arrived']);
  });
});
