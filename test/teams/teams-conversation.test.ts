import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.js';

const BOT = { id: '28:6f1c0a52-0000-4000-8000-00000000b07', name: 'Skin Guide' };
const PERSON = { id: '29:1Xk9-person', name: 'Alex Example', aadObjectId: '6b3a1f5e-1111-4222-8333-944455556666' };
const TENANT = '72f988bf-0000-4000-8000-000000000001';
let sequence = 0;

/** An activity shaped like the ones Teams posts (personal chat, tenant, AAD object id). */
function teamsActivity(serviceUrl: string, fields: Partial<Activity>): Partial<Activity> {
  sequence += 1;
  return {
    id: `1732${sequence}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date(),
    locale: 'en-GB',
    from: PERSON,
    recipient: BOT,
    conversation: { id: 'a:1personal-chat-id', conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
    channelData: { tenant: { id: TENANT } },
    ...fields,
  } as Partial<Activity>;
}

const mention = { type: 'mention', text: '<at>Skin Guide</at>', mentioned: BOT };

function texts(activities: Partial<Activity>[]): string {
  return activities.map((a) => a.text ?? '').join('\n');
}

describe('Microsoft Teams: a whole assessment through /api/messages and a Bot Connector on 127.0.0.1', () => {
  let app: RunningApp;
  let connector: FakeConnector;
  before(async () => {
    connector = await startFakeConnector();
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  async function send(fields: Partial<Activity>): Promise<Partial<Activity>[]> {
    const { status } = await postActivity(app.baseUrl, teamsActivity(connector.serviceUrl, fields));
    expect(status).to.be.oneOf([200, 201]);
    return connector.takeSent();
  }

  it('welcomes on install, reads mentions, card submits and typed answers, and renders for Teams', async () => {
    const welcome = await send({ type: 'installationUpdate', action: 'add' } as Partial<Activity>);
    expect(texts(welcome)).to.match(/skin-treatment guide[\s\S]*Do you agree/);
    const consent = welcome.at(-1)!;
    expect(consent.suggestedActions?.actions).to.have.length(2);

    // A chat message that starts with the bot's @mention.
    const agreed = await send({ type: 'message', text: '<at>Skin Guide</at> Yes, I agree', entities: [mention] });
    expect(texts(agreed)).to.match(/Thank you[\s\S]*in your own words/);
    const invitation = agreed.at(-1)!;
    expect(invitation.suggestedActions).to.equal(undefined);
    // The concerns as checkboxes on one Adaptive Card (ticked together), with "None of these".
    expect(invitation.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    const lists = (
      invitation.attachments?.[0]?.content as {
        body: Array<{ type: string; isMultiSelect?: boolean; style?: string; choices?: Array<{ title: string }> }>;
      }
    ).body.filter((element) => element.type === 'Input.ChoiceSet');
    expect(lists.every((list) => list.isMultiSelect === true && list.style === 'expanded')).to.equal(true);
    expect(lists.flatMap((list) => list.choices ?? []).map((choice) => choice.title)).to.include.members(['Acne scars', 'None of these']);

    // An Adaptive Card submit: no text, the ticks in value (with the question they were shown with).
    const depth = await send({ type: 'message', value: { questionId: 'describe', checklist: true, pick_0: 'acne-scars', pick_1: '' } });
    expect(texts(depth)).to.match(/shallow marks or deep/);

    const answers: Array<[string, RegExp]> = [
      ['Deep scars', /clinic, or of using a roller at home/],
      ['At home', /How old are you/],
      ['<at>Skin Guide</at> thirty four', /pregnant or breastfeeding/],
      ['No', /isotretinoin/],
      ['Never', /Do any of these apply to you/],
      // The health checklists ticked in words on the card's question: rosacea, and the rest asked again.
      ['I have rosacea', /Any other from the list/],
      ['No others', /darken after a cut/],
      ['Not sure', /Have you had micro-needling before/],
    ];
    for (const [text, next] of answers) {
      const replies = await send({ type: 'message', text, entities: text.startsWith('<at>') ? [mention] : [] });
      expect(texts(replies), text).to.match(next);
    }

    const readBack = await send({ type: 'message', text: 'Never had it' });
    expect(texts(readBack)).to.match(/here is what I noted/);
    const end = await send({ type: 'message', text: "That's right" });
    expect(texts(end)).to.match(/only a professional can decide/);
    expect(texts(end)).to.match(/rosacea/i);
    const card = end.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    expect((card?.content as { version: string }).version).to.equal('1.5');
    const answer = end.find((a) => /Acne scars/.test(a.text ?? ''));
    expect(answer?.entities?.[0]).to.include({ '@type': 'Message' });

    // Without a handoff webhook: the clinic's contacts, no offer of a person.
    expect(texts(end)).to.match(/To talk to someone at .*, contact them directly/);
    expect(texts(end)).to.not.match(/connect|member of the .*team/i);
    const human = await send({ type: 'message', text: 'talk to a person' });
    expect(texts(human)).to.match(/can't put you in touch with a person from this chat/);

    // Over the whole conversation: no event activities (Teams has none), cards at most 1.5,
    // suggested actions at most three.
    const all = connector.sent.map((entry) => entry.activity);
    expect(all.filter((a) => a.type === 'event')).to.deep.equal([]);
    for (const activity of all) {
      expect(activity.suggestedActions?.actions.length ?? 0).to.be.at.most(3);
      for (const attachment of activity.attachments ?? []) {
        if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
          expect(Number((attachment.content as { version: string }).version)).to.be.at.most(1.5);
        }
      }
    }
    // Replies went to the conversation the person is in.
    expect(connector.sent.every((entry) => entry.path.startsWith('/v3/conversations/a%3A1personal-chat-id/activities'))).to.equal(true);
  });

  it('reads a card submit that carries a mention of the bot and no text (found by the fuzz suite)', async () => {
    // botbuilder's removeRecipientMention throws on an activity without text.
    const replies = await send({
      type: 'message',
      value: { answer: 'help' },
      entities: [mention],
      conversation: { id: 'a:1card-mention', conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' },
    } as Partial<Activity>);
    expect(texts(replies)).to.match(/I can explain what micro-needling can and cannot do/);
    expect(texts(replies)).to.not.match(/something went wrong/);
  });
});
