import { expect } from 'chai';
import { runConversation, scriptUntil } from '../support/conversation.js';
import { MAX_READ_LENGTH, readablePart } from '../../src/understanding/reader/index.js';

/**
 * A message longer than the bot reads (MAX_READ_LENGTH): its first part is read as any message,
 * the person is told that only the first part was read, and a warning sign in that part still
 * gets the emergency instruction alone.
 */
const padding = (length: number) => 'and so on '.repeat(Math.ceil(length / 10)).slice(0, length);
const onlyFirstPart = /read only its first part/;

describe('Long messages: only the first part is read, and the person is told', () => {
  it('cuts at the limit, never inside a word or an emoji', () => {
    const text = `${'a'.repeat(MAX_READ_LENGTH - 3)} 😷 breathe`;
    const part = readablePart(text);
    expect(part.length).to.be.at.most(MAX_READ_LENGTH);
    expect(part.endsWith('\ud83d')).to.equal(false);
    expect(readablePart(`${padding(MAX_READ_LENGTH - 4)} swollen lips`)).to.not.match(/swoll?e?$/);
    expect(readablePart('short')).to.equal('short');
  });

  it('a long answer at the concerns question is read from its first part, and the bot says so', async () => {
    const transcript = await runConversation([
      scriptUntil('describe'),
      {
        send: `my acne scars ${padding(20_000)}`,
        replies: [onlyFirstPart, /Noted: your concerns: acne scars/, /acne scars shallow marks or deep/],
      },
    ]);
    expect(transcript.length).to.be.greaterThan(1);
  });

  it('a warning sign at the start of a long message gets the emergency instruction alone', async () => {
    await runConversation([scriptUntil('pregnancy'), { send: `I can't breathe ${padding(20_000)}`, replies: [/emergency|999|911|112/i] }]);
  });

  it('a message of exactly the limit is read whole, with no notice', async () => {
    const text = `my pores ${padding(MAX_READ_LENGTH - 9)}`;
    expect(text.length).to.equal(MAX_READ_LENGTH);
    await runConversation([scriptUntil('describe'), { send: text, replies: [/Noted: your concerns: large pores/, /at a clinic, or/] }]);
  });
});
