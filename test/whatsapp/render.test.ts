import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { renderQuestion } from '../../src/channels/render-choices.js';
import { LIMITS, choiceReplyId, readReplyId, renderForWhatsApp, splitText } from '../../src/channels/whatsapp/render.js';
import { whatsAppText } from '../../src/channels/whatsapp/format.js';
import { runConversation, scriptUntil } from '../support/conversation.js';

const question = (choices: string[]) => renderQuestion('whatsapp', 'Which one?', choices) as Partial<Activity>;

describe('WhatsApp rendering', () => {
  const cases: Array<[string, Partial<Activity>, string[]]> = [
    ['three short choices as reply buttons', question(['Yes', 'No', 'Not sure']), ['interactive:button']],
    ['a title over 20 characters as a list', question(['Yes', 'A much longer answer here']), ['interactive:list']],
    ['ten choices as a list', question(Array.from({ length: 10 }, (_, i) => `Choice ${i + 1}`)), ['interactive:list']],
    ['eleven choices as numbered text', question(Array.from({ length: 11 }, (_, i) => `Choice ${i + 1}`)), ['text']],
    ['plain text as text', { type: 'message', text: 'Hello' }, ['text']],
    ['typing as nothing', { type: 'typing' }, []],
    ['an event as nothing', { type: 'event', name: 'assessment.completed' }, []],
  ];
  for (const [name, activity, kinds] of cases) {
    it(`renders ${name}`, () => {
      const payloads = renderForWhatsApp(activity);
      expect(payloads.map((p) => (p.type === 'interactive' ? `interactive:${p.interactive.type}` : p.type))).to.deep.equal(kinds);
    });
  }

  it('sends the numbered list when there are more than ten choices, answerable by number', () => {
    const [payload] = renderForWhatsApp(question(Array.from({ length: 11 }, (_, i) => `Choice ${i + 1}`)));
    expect(payload?.type === 'text' && payload.text.body).to.match(/\n11\. Choice 11$/);
  });

  it('splits long text at 4,096 characters, on word boundaries, losing nothing', () => {
    const text = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
    const parts = splitText(text);
    expect(parts.length).to.be.greaterThan(1);
    for (const part of parts) expect(part.length).to.be.at.most(LIMITS.text);
    expect(parts.join(' ')).to.equal(text);
  });

  it('turns an Adaptive Card into readable text', () => {
    const [payload] = renderForWhatsApp({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            body: [
              { type: 'TextBlock', text: 'Summary' },
              { type: 'FactSet', facts: [{ title: 'Result', value: 'Review' }] },
            ],
          },
        },
      ],
    });
    expect(payload).to.deep.equal({ type: 'text', text: { body: 'Summary\nResult: Review', preview_url: false } });
  });
});

describe('WhatsApp reply ids', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['Yes', 'pregnancy', '{"q":"pregnancy","a":"Yes"}'],
    ['None of these', 'skinNowChecklist:checklistPrompt', '{"q":"skinNowChecklist:checklistPrompt","a":"None of these"}'],
    ['No', undefined, 'No'],
    ['x'.repeat(250), 'pregnancy', 'x'.repeat(250)],
  ];
  for (const [choice, questionId, id] of cases) {
    it(`"${choice.slice(0, 20)}" at ${questionId ?? 'no question'} is ${id.slice(0, 30)}, and reads back`, () => {
      expect(choiceReplyId(choice, questionId)).to.equal(id);
      expect(readReplyId(id)).to.deep.equal(id === choice ? { answer: choice } : { answer: choice, questionId });
    });
  }
  it('reads an id that only looks like one of ours as typed text', () => {
    expect(readReplyId('{"q": broken')).to.deep.equal({ answer: '{"q": broken' });
    expect(readReplyId('{"q":1,"a":2}')).to.deep.equal({ answer: '{"q":1,"a":2}' });
  });
});

describe("WhatsApp's own formatting", () => {
  const cases: Array<[string, string, string]> = [
    ['Markdown bold as WhatsApp bold', '**Acne scars**\n\nText', '*Acne scars*\n\nText'],
    ['underscore bold as WhatsApp bold', '__Note__', '*Note*'],
    ['WhatsApp bold left as it is', '*Call 999 now.*', '*Call 999 now.*'],
    [
      'a Markdown link as its address in the text',
      'See [the NHS page](https://www.nhs.uk/x) today',
      'See the NHS page: https://www.nhs.uk/x today',
    ],
    ['a link whose label is its address, once', '[https://a.example/b](https://a.example/b)', 'https://a.example/b'],
    ['reference link definitions dropped', 'Answer [1]\n\n[1]: cite:1 "Article, section: Scars"', 'Answer [1]'],
    ['a heading in bold', '## Your summary\nDate: today', '*Your summary*\nDate: today'],
  ];
  for (const [name, markdown, whatsapp] of cases) it(name, () => expect(whatsAppText(markdown)).to.equal(whatsapp));

  it('sends a message written in Markdown with WhatsApp marks', () => {
    const [payload] = renderForWhatsApp({ type: 'message', text: '**Bold** and [a link](https://x.example/y)' });
    expect(payload).to.deep.equal({ type: 'text', text: { body: '*Bold* and a link: https://x.example/y', preview_url: false } });
  });

  it("a guide's answer by question id: its sources listed with their web addresses, no Markdown", async () => {
    const transcript = await runConversation([scriptUntil('pregnancy'), { send: 'what are the warning signs after treatment?' }], {
      channelId: 'whatsapp',
    });
    const bodies = transcript
      .at(-1)!
      .flatMap((activity) => renderForWhatsApp(activity))
      .map((payload) => (payload.type === 'text' ? payload.text.body : payload.interactive.body.text));
    const answer = bodies.find((body) => body.includes('Sources:'))!;
    expect(answer).to.match(/\nSources:\n(\[\d+\][ \w]*)+.*\n/);
    expect(answer).to.contain('NHS: Cellulitis (skin infection): https://www.nhs.uk/conditions/cellulitis/');
    expect(answer).to.not.match(/\*\*|\]\(|cite:/);
  });
});
