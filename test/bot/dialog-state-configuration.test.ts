import { expect } from 'chai';
import type { TurnContext } from 'botbuilder';
import { DIALOG_STATE_CONFIGURATION_KEY } from '../../src/bot/guide-bot.js';
import { buildTestBot } from '../support/conversation.js';

describe("The dialogs' memory configuration", () => {
  it('is built on the first turn and given to every later turn, in every conversation', async () => {
    const seen: unknown[] = [];
    const parts = buildTestBot();
    parts.adapter.use(async (context: TurnContext, next: () => Promise<void>) => {
      await next();
      seen.push(context.turnState.get(DIALOG_STATE_CONFIGURATION_KEY));
    });
    await parts.adapter.send('hi');
    await parts.adapter.send('yes');
    await parts.adapter.send({ type: 'message', text: 'hello', conversation: { id: 'someone-else' } } as never);
    expect(seen).to.have.length(3);
    const [first] = seen as Array<{ memoryScopes: unknown[] }>;
    expect(first?.memoryScopes.length).to.be.greaterThan(0);
    expect(seen.every((configuration) => configuration === first)).to.equal(true);
  });
});
