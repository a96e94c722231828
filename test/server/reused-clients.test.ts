import { expect } from 'chai';
import type { Activity, TurnContext } from 'botbuilder';
import { GuideCloudAdapter } from '../../src/server/adapter.js';
import { RecentClients, ReusingBotFrameworkAuthentication } from '../../src/server/reused-clients.js';

/** One incoming activity, answered in the response (nothing is sent to the service URL). */
function activity(serviceUrl: string, conversation: string): Activity {
  return {
    type: 'message',
    text: 'hi',
    channelId: 'webchat',
    serviceUrl,
    from: { id: `user-${conversation}` },
    recipient: { id: 'bot' },
    conversation: { id: conversation },
    deliveryMode: 'expectReplies',
  } as Activity;
}

/** The clients CloudAdapter gave each turn. */
async function clientsOfTurns(adapter: GuideCloudAdapter, activities: Activity[]) {
  const seen: Array<{ connector: { baseUri?: string }; userToken: unknown }> = [];
  for (const incoming of activities) {
    await adapter.runActivity('', incoming, async (context: TurnContext) => {
      seen.push({
        connector: context.turnState.get(adapter.ConnectorClientKey),
        userToken: context.turnState.get(adapter.UserTokenClientKey),
      });
    });
  }
  return seen;
}

describe('Clients reused across turns', () => {
  it('gives turns from one service URL one Connector client, and each service URL its own', async () => {
    const adapter = new GuideCloudAdapter(new ReusingBotFrameworkAuthentication({}));
    const [a, b, c] = await clientsOfTurns(adapter, [
      activity('http://127.0.0.1:9/one', 'first'),
      activity('http://127.0.0.1:9/one', 'second'),
      activity('http://127.0.0.1:9/two', 'third'),
    ]);
    expect(a!.connector).to.equal(b!.connector);
    expect(c!.connector).to.not.equal(a!.connector);
    expect([a!.connector.baseUri, c!.connector.baseUri]).to.deep.equal(['http://127.0.0.1:9/one', 'http://127.0.0.1:9/two']);
    expect(a!.userToken).to.equal(c!.userToken);
  });

  it('keeps a bounded number: the least recently used is made afresh, a failed one is not kept', async () => {
    const recent = new RecentClients<object>(2);
    const made: string[] = [];
    const get = (key: string) => recent.get(key, async () => (made.push(key), { key }));
    const first = await get('a');
    await get('b');
    expect(await get('a')).to.equal(first);
    await get('c'); // "b" is now the least recently used and goes
    await get('b');
    expect(made).to.deep.equal(['a', 'b', 'c', 'b']);

    let attempts = 0;
    const failing = () => recent.get('x', async () => (++attempts === 1 ? Promise.reject(new Error('no route')) : { key: 'x' }));
    const failure = await failing().catch((error: Error) => error);
    expect(failure).to.be.instanceOf(Error);
    expect(await failing()).to.deep.equal({ key: 'x' });
    expect(attempts).to.equal(2);
  });
});
