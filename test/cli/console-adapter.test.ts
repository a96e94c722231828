import { expect } from 'chai';
import { ConsoleAdapter } from '../../src/cli/console-adapter.js';
import { buildTestBot } from '../support/conversation.js';
import { withoutMarkdown } from '../../dialogs/renderers/plain-text.js';

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

describe('Terminal chat: plain text, cards as text, one line per source', () => {
  it('shows a whole assessment without Markdown marks, with the summary card readable and no repeated source line', async () => {
    const lines: string[] = [];
    const { bot } = buildTestBot();
    const adapter = new ConsoleAdapter(
      {
        channelId: 'console',
        serviceUrl: 'console://local',
        conversation: { id: 'terminal-plain', isGroup: false, conversationType: 'personal', name: 'terminal' },
        user: { id: 'me-plain', name: 'You' },
        bot: { id: 'guide', name: 'Guide' },
      },
      (line) => lines.push(line),
    );
    const logic = (context: Parameters<typeof bot.run>[0]) => bot.run(context);
    const script = [
      'hello',
      '1',
      'acne scars',
      "that's all",
      'deep',
      'clinic',
      '34',
      'no',
      'never',
      'none',
      'none',
      'none',
      'no',
      'never had it',
      // the read-back before the decision
      '1',
    ];
    for (const text of script) await adapter.receiveText(text, logic);
    const shown = lines.join('\n');
    expect(shown).to.match(/Acne scars/);
    expect(shown).to.not.match(/\*\*/);
    expect(shown).to.match(/Your consultation summary/);
    const sourceLines = shown.split('\n').filter((line) => /^\[\d+\]/.test(line));
    expect(sourceLines.length).to.be.greaterThan(0);
    const names = sourceLines.map((line) => line.replace(/^(\[\d+\] ?)+/, ''));
    expect(new Set(names).size).to.equal(names.length);
  });
});

describe('withoutMarkdown', () => {
  const cases: Array<[string, string]> = [
    ['**Large pores**', 'Large pores'],
    ['a __word__ here', 'a word here'],
    ['an *emphasis* too', 'an emphasis too'],
    ['see [the page](https://clinic.example/a)', 'see the page (https://clinic.example/a)'],
    ['## Heading', 'Heading'],
    ['2 * 3 = 6 stays', '2 * 3 = 6 stays'],
  ];
  for (const [input, output] of cases)
    it(`${JSON.stringify(input)} -> ${JSON.stringify(output)}`, () => expect(withoutMarkdown(input)).to.equal(output));
});
