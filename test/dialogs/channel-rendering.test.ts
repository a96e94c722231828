import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { runConversation, scriptUntil, wholeAssessment } from '../support/conversation.js';
import { completedEventOf } from '../support/assessment-script.js';
import { renderQuestion } from '../../dialogs/renderers/render-choices.js';
import { capabilitiesOf } from '../../dialogs/renderers/capabilities.js';

/** The reply that asks the consent question, as each channel gets it. */
async function consentQuestion(channelId: string): Promise<Partial<Activity>> {
  const transcript = await runConversation([{ send: 'hi' }], { channelId });
  return transcript[0]!.at(-1)!;
}

async function isotretinoinQuestion(channelId: string): Promise<Partial<Activity>> {
  const transcript = await runConversation([scriptUntil('isotretinoin')], { channelId });
  return transcript.at(-1)!.at(-1)!;
}

describe('Choices rendered per channel', () => {
  it('Web Chat: suggested actions', async () => {
    const reply = await isotretinoinQuestion('webchat');
    expect(reply.text).to.match(/^Are you taking, or have you ever taken, isotretinoin/);
    expect(reply.suggestedActions?.actions.map((a) => a.title)).to.deep.equal(['Taking it now', 'I stopped', 'Never', 'Not sure']);
  });

  it('Teams: three or fewer as suggested actions, up to six on a hero card, more in one Adaptive Card list with every choice', async () => {
    const few = await consentQuestion('msteams');
    expect(few.suggestedActions?.actions).to.have.length(2);
    const four = await isotretinoinQuestion('msteams');
    expect(four.suggestedActions).to.equal(undefined);
    expect(four.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.hero');
    const titles = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'None of these', 'Not sure'];
    const many = renderQuestion('msteams', 'Which one?', titles, 'someQuestion');
    expect(many.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    const card = many.attachments?.[0]?.content as {
      version: string;
      body: Array<{ type: string; id: string; choices: Array<{ title: string }> }>;
    };
    expect(card.version).to.equal('1.5');
    const list = card.body.find((element) => element.type === 'Input.ChoiceSet')!;
    expect(list.id).to.equal('answer');
    // Every choice, "None of these" and "Not sure" included, is in the list.
    expect(list.choices.map((choice) => choice.title)).to.deep.equal(titles);
  });

  it('Teams: four to six choices on a hero card, every one a button', () => {
    const reply = renderQuestion('msteams', 'Which one?', ['One', 'Two', 'Three', 'Four', 'Five', 'Six']);
    expect(reply.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.hero');
    expect((reply.attachments?.[0]?.content as { buttons: unknown[] }).buttons).to.have.length(6);
    expect(renderQuestion('msteams', 'Which one?', ['1', '2', '3', '4', '5', '6', '7']).attachments?.[0]?.contentType).to.equal(
      'application/vnd.microsoft.card.adaptive',
    );
  });

  it('Teams: a choice longer than its buttons show goes on an Adaptive Card whose rows wrap, each one tap', () => {
    const long = 'A weakened immune system (chemotherapy, steroids)';
    const reply = renderQuestion('msteams', 'Which one?', ['Yes', long, 'Not sure'], 'conditions');
    expect(reply.suggestedActions).to.equal(undefined);
    const card = reply.attachments?.[0]?.content as {
      body: Array<{ selectAction: { type: string; data: unknown }; items: Array<{ text: string; wrap: boolean }> }>;
    };
    expect(card.body.map((row) => row.items[0]!.text)).to.deep.equal(['Yes', long, 'Not sure']);
    for (const row of card.body) expect(row.items[0]!.wrap).to.equal(true);
    // A tap answers as a button would, with the question it was shown with.
    expect(card.body[1]!.selectAction).to.deep.equal({
      type: 'Action.Submit',
      title: long,
      data: { answer: long, questionId: 'conditions' },
    });
    // Web Chat lays its buttons out whole: suggested actions there.
    expect(renderQuestion('webchat', 'Which one?', ['Yes', long, 'Not sure']).suggestedActions?.actions).to.have.length(3);
  });

  it('Teams: the list of many choices wraps its long ones', () => {
    const titles = ['One', 'Two', 'Three', 'A weakened immune system (chemotherapy, steroids)', 'Five', 'Six', 'None of these'];
    const card = renderQuestion('msteams', 'Which one?', titles, 'someQuestion').attachments?.[0]?.content as {
      body: Array<{ type: string; wrap?: boolean }>;
    };
    expect(card.body.find((element) => element.type === 'Input.ChoiceSet')!.wrap).to.equal(true);
  });

  it('Teams: through a whole assessment by question id, no button is cut short (every button title fits, longer ones wrap on a card)', async () => {
    const transcript = await runConversation(
      [wholeAssessment({ concerns: ['Sun damage and pigmentation', "That's all"], conditions: ['Rosacea', 'No others'] })],
      { channelId: 'msteams' },
    );
    const buttons = transcript
      .flat()
      .flatMap((activity) => [
        ...(activity.suggestedActions?.actions ?? []).map((action) => String(action.title)),
        ...(activity.attachments ?? [])
          .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.hero')
          .flatMap((attachment) => (attachment.content as { buttons: Array<{ title: string }> }).buttons.map((button) => button.title)),
      ]);
    expect(buttons.length).to.be.greaterThan(5);
    for (const title of buttons) expect(title.length, title).to.be.at.most(capabilitiesOf('msteams').buttonLabel);
  });

  it('WhatsApp: a numbered list in the text, answered by number', async () => {
    const reply = await isotretinoinQuestion('whatsapp');
    expect(reply.text).to.match(/\n1\. Taking it now\n2\. I stopped\n3\. Never\n4\. Not sure$/);
    const transcript = await runConversation(
      [
        // By number: in the health checklists asked together, 6 is Rosacea (after the five of "In the area now").
        wholeAssessment({ isotretinoin: '3', checklists: '6', readBack: '1' }),
        { send: '2' },
      ],
      { channelId: 'whatsapp' },
    );
    // WhatsApp cannot carry events: the decision reaches the person as text only.
    expect(completedEventOf(transcript)).to.equal(undefined);
    expect(
      transcript
        .flat()
        .map((a) => a.text ?? '')
        .join('\n'),
    ).to.match(/only a professional can decide[\s\S]*rosacea/i);
  });

  it('card submits (activity.value) answer the waiting question', async () => {
    const transcript = await runConversation([{ send: 'hi' }, { send: { type: 'message', value: { answer: 'Yes, I agree' } } }], {
      channelId: 'msteams',
    });
    expect(transcript[1]!.map((a) => a.text)).to.include('Thank you.');
  });

  it('the summary is an Adaptive Card 1.5 without anything the person typed', async () => {
    const transcript = await runConversation([
      wholeAssessment({ conditions: ['I have ROSACEA-SENTINEL and rosacea', 'no others'] }),
      { send: 'no' },
    ]);
    const card = transcript
      .flat()
      .flatMap((a) => a.attachments ?? [])
      .find(
        (a) => a.contentType === 'application/vnd.microsoft.card.adaptive' && JSON.stringify(a.content).includes('consultation summary'),
      );
    expect(card).to.not.equal(undefined);
    const content = card!.content as { version: string };
    expect(content.version).to.equal('1.5');
    expect(JSON.stringify(content)).to.not.contain('SENTINEL');
  });
});
