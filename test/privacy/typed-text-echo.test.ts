import { expect } from 'chai';
import fc from 'fast-check';
import { ActivityTypes, type Activity } from 'botbuilder';
import { buildTestBot } from '../support/conversation.js';
import { answerQuestions, type Send } from '../support/assessment-script.js';

/**
 * What the person types is never shown back: not in a card (where Adaptive Card markdown or a
 * host's HTML could render it), not in a message. Cards are built only from curated strings,
 * the knowledge base and structured answers. Every hostile text carries a marker no curated
 * text contains, so any echo, escaped or not, is found.
 */
const MARKER = 'QZXJ';

const hostileText = fc
  .oneof(
    fc.constantFrom(
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click me](javascript:alert(1))',
      '![pixel](https://evil.example/p.png)',
      '**bold** _it_ `code` # heading',
      '{{name}} ${process.env} %s',
      '"}],"body":[{"type":"Input.Text"',
      '\u202Eevil\u0000\u0007\u001b[31m',
      'my pores',
      'yes',
    ),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  )
  .map((text) => `${text} ${MARKER}`);

/** A turn the way a person could send it: typed, or as a card submit. */
const asActivity = (text: string, viaCard: boolean): Partial<Activity> =>
  viaCard ? { type: ActivityTypes.Message, value: { answer: text, html: `<b>${text}</b>` } } : { type: ActivityTypes.Message, text };

describe('Typed text is never rendered back', function () {
  this.timeout(120_000);

  it('in any reply, card or message, across whole assessments laced with hostile text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(hostileText, fc.boolean()), { minLength: 40, maxLength: 40 }), async (hostile) => {
        const { adapter } = buildTestBot();
        const replies: Partial<Activity>[] = [];
        let index = 0;
        // Before every plain answer (answered by question id), a hostile text (it may be read as an answer
        // or re-asked) and a question to the guide carrying it.
        const send: Send = async (plain) => {
          const [text, viaCard] = hostile[index++ % hostile.length]!;
          let last: Partial<Activity>[] = [];
          // The opening "hi" goes alone, so the script starts at the consent question.
          const before = index === 1 ? [] : [asActivity(text, viaCard), asActivity(`${text} what is micro-needling?`, false)];
          for (const activity of [...before, { type: ActivityTypes.Message, text: plain }]) {
            await adapter.receiveActivity(activity);
            last = adapter.activeQueue.splice(0);
            replies.push(...last);
          }
          return last;
        };
        await answerQuestions(send, {}, { repeat: true });
        await adapter.receiveActivity('no thanks');
        replies.push(...adapter.activeQueue.splice(0));
        const cards = replies.flatMap((reply) => reply.attachments ?? []);
        expect(
          cards.map((card) => card.contentType),
          'the summary card is among the replies',
        ).to.include('application/vnd.microsoft.card.adaptive');
        for (const reply of replies) expect(JSON.stringify(reply)).to.not.contain(MARKER);
      }),
      { numRuns: 12, seed: 20261127 },
    );
  });
});
