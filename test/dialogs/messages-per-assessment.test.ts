import { expect } from 'chai';
import { CHANNELS, countMessages, oneMessagePeople, stepByStepTapping, stepByStepTyping } from '../support/simulated-people.js';

/**
 * Issue 29, "Say it once", measured on whole conversations of simulated people (answering by
 * question id, test/support/simulated-people.ts), on Web Chat, Teams and WhatsApp renderings:
 * someone who tells everything in one message reaches the result in at most 4 messages from the
 * consent on (consent and read-back included); someone who answers one thing at a time in at
 * most 12, the opening message included. The figures per channel are in docs/benchmark.md
 * (`npm run bench:messages`).
 */
describe('Messages per assessment', () => {
  for (const channel of CHANNELS) {
    describe(channel, () => {
      for (const person of oneMessagePeople) {
        it(`one message, "${person.name}": the result (${person.outcome}) in at most 4 messages from the consent on`, async () => {
          const count = await countMessages(person, channel);
          expect(count.outcome).to.equal(person.outcome);
          expect(count.typed + count.taps - count.opener, `asked: ${count.asked.join(', ')}`).to.be.at.most(4);
          // Only what is still open is asked: the consent, the invitation, the checklists, the read-back.
          expect(count.asked).to.deep.equal(['consent', 'describe', 'checklists', 'readBack']);
        });
      }
      for (const person of [stepByStepTyping, stepByStepTapping]) {
        it(`${person.name}: the result in at most 12 messages, the opening one included`, async () => {
          const count = await countMessages(person, channel);
          expect(count.outcome).to.equal(person.outcome);
          expect(count.typed + count.taps, `asked: ${count.asked.join(', ')}`).to.be.at.most(12);
        });
      }
    });
  }

  it('a tapping person on Web Chat types only their age', async () => {
    const count = await countMessages(stepByStepTapping, 'webchat');
    expect(count.typed).to.equal(1);
  });
});
