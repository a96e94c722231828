import { expect } from 'chai';
import fc from 'fast-check';
import { ActivityTypes, type Activity } from 'botbuilder';
import { buildTestBot } from '../support/conversation.js';
import { assessmentTurns } from '../support/assessment-script.js';

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
    const plainTurns = assessmentTurns().map((turn) => turn.send as string);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(hostileText, fc.boolean()), { minLength: plainTurns.length, maxLength: plainTurns.length }),
        async (hostile) => {
          const { adapter } = buildTestBot();
          const replies: Partial<Activity>[] = [];
          for (const [index, plain] of plainTurns.entries()) {
            const [text, viaCard] = hostile[index]!;
            // The hostile text first (it may be read as an answer or re-asked), then the plain answer.
            for (const activity of [
              asActivity(text, viaCard),
              asActivity(`what is micro-needling? ${text}`, false),
              { type: ActivityTypes.Message, text: plain },
            ]) {
              await adapter.receiveActivity(activity);
              replies.push(...adapter.activeQueue.splice(0));
            }
          }
          await adapter.receiveActivity('no thanks');
          replies.push(...adapter.activeQueue.splice(0));
          const cards = replies.flatMap((reply) => reply.attachments ?? []);
          expect(
            cards.map((card) => card.contentType),
            'the summary card is among the replies',
          ).to.include('application/vnd.microsoft.card.adaptive');
          for (const reply of replies) expect(JSON.stringify(reply)).to.not.contain(MARKER);
        },
      ),
      { numRuns: 12, seed: 20261127 },
    );
  });
});
