import { expect } from 'chai';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { loadCore } from '../../src/core.js';
import { aggregateInsights } from '../../src/insights/aggregate.js';
import { InsightsMiddleware } from '../../src/insights/insights-middleware.js';
import { InsightsRecorder } from '../../src/insights/insights-recorder.js';
import { MemoryInsightsStore } from '../../src/insights/memory-insights-store.js';
import { createLogger } from '../../src/logging/logger.js';
import { buildTestBot, fixedClock, runConversation, scriptUntil, wireLikeTheServer } from '../support/conversation.js';
import { receiverForSuite } from '../support/fake-handoff-receiver.js';

const SECRET = 'outcome-not-saved-secret-0123456789';
const core = loadCore('en', { name: 'Rose Clinic', phone: '+44 20 7946 0000' });

describe('The handoff outbox when what became of a request cannot be saved', function () {
  this.timeout(30_000);
  const receiver = receiverForSuite(SECRET);

  it('says only that it is on its way, counts nothing, and the next message sends it again (same id) and says it went', async () => {
    const storage = new MemoryStorage();
    // The write after the one that saved a request in the outbox fails once (a full disk, a lost connection).
    const write = storage.write.bind(storage);
    let failNext = false;
    let failed = 0;
    storage.write = async (changes: StoreItems) => {
      if (failNext) {
        failNext = false;
        failed += 1;
        throw new Error('disk full');
      }
      await write(changes);
      if (Object.values(changes).some((item) => item?.['handoffOutbox']?.length) && failed === 0) failNext = true;
    };
    const parts = buildTestBot({ core, storage, handoff: { url: receiver().url, secret: SECRET, retryDelaysMs: [1, 1] } });
    wireLikeTheServer(parts.adapter, core);
    const insights = new MemoryInsightsStore();
    const recorder = new InsightsRecorder({ store: insights, logger: createLogger('silent'), clock: fixedClock, flushDelayMs: 3_600_000 });
    parts.adapter.use(new InsightsMiddleware(recorder));
    const handoffs = async () => {
      await recorder.flush();
      return aggregateInsights(await insights.readDays(['2026-11-24'])).handoffs;
    };

    const transcript = await runConversation(
      [
        scriptUntil('pregnancy'),
        { send: 'talk to a person', replies: [/How may they reach you/] },
        { send: 'sam@example.com', replies: [/May I pass sam@example.com/] },
        { send: 'yes', replies: [/^Thank you: your request is on its way to Rose Clinic\.$/, /pregnant/] },
      ],
      { adapter: parts.adapter },
    );
    expect(failed).to.equal(1);
    // The line goes out without the request's id, and nothing said it went.
    const onItsWay = transcript.at(-1)!.find((reply) => /on its way/.test(reply.text ?? ''))!;
    expect(onItsWay.channelData).to.equal(undefined);
    expect(receiver().accepted()).to.have.length(1);
    const id = receiver().accepted()[0]!.body.id;
    expect(await handoffs()).to.equal(0);

    // Still in the saved outbox: the next message sends it again, and this time what became of it is kept and said.
    await runConversation(
      [
        {
          send: "no I'm not",
          replies: [/isotretinoin/, /^Sent: Rose Clinic's team has your request to contact you on sam@example.com\.$/],
        },
      ],
      {
        adapter: parts.adapter,
      },
    );
    expect(receiver().received.map((request) => request.body.id)).to.deep.equal([id, id]);
    expect(receiver().accepted()).to.have.length(1);
    expect(await handoffs()).to.equal(1);
    const saved = await storage.read(['webchat/conversations/conversation-1/']);
    expect(saved['webchat/conversations/conversation-1/']?.['handoffOutbox']).to.equal(undefined);
  });
});
