import { expect } from 'chai';
import { ConsoleAdapter } from '../../src/cli/console-adapter.js';
import { buildTestBot } from '../support/conversation.js';

describe('Terminal chat adapter', () => {
  it('prints replies with numbered options and takes a number as that option', async () => {
    const lines: string[] = [];
    const { bot } = buildTestBot();
    const adapter = new ConsoleAdapter(
      {
        channelId: 'console',
        serviceUrl: 'console://local',
        conversation: { id: 'terminal', isGroup: false, conversationType: 'personal', name: 'terminal' },
        user: { id: 'me', name: 'You' },
        bot: { id: 'guide', name: 'Guide' },
      },
      (line) => lines.push(line),
    );
    const logic = (context: Parameters<typeof bot.run>[0]) => bot.run(context);
    await adapter.receiveText('hello', logic);
    expect(lines.at(-1)).to.equal('bot> Do you agree to continue on these terms?\n\n1. Yes, I agree\n2. No, thanks');
    await adapter.receiveText('1', logic);
    expect(lines).to.include('bot> Thank you.');
  });
});
