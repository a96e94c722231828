import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import sinon from 'sinon';
import { buildTestBot, runConversation, type Turn } from '../support/conversation.js';

const welcome = /skin-treatment guide/;
const notice = /automated assistant.*not medical advice.*30 days.*forget me/s;
const question = /Do you agree/;
const consentButtons = ['Yes, I agree', 'No, thanks'];
// After consent: the invitation to say it all in one's own words (issue 29).
const invitation = /in your own words/;

const tables: Array<{ name: string; turns: Turn[] }> = [
  {
    name: 'a first message gets the welcome, the notice and the consent question',
    turns: [{ send: 'hi', replies: [welcome, notice, question], suggests: consentButtons }],
  },
  {
    name: 'agreeing by button is thanked',
    turns: [
      { send: 'hello', replies: [welcome, notice, question] },
      { send: 'Yes, I agree', replies: [/Thank you/, invitation] },
    ],
  },
  {
    name: 'agreeing in words is understood',
    turns: [
      { send: 'hello', replies: [welcome, notice, question] },
      { send: 'ok sure', replies: [/Thank you/, invitation] },
    ],
  },
  {
    name: 'declining ends politely and asks nothing about health',
    turns: [
      { send: 'hello', replies: [welcome, notice, question] },
      { send: 'no thanks', replies: [/won't ask you any health questions/] },
      { send: 'hello again', replies: [welcome, notice, question] },
    ],
  },
  {
    name: 'an unreadable answer is re-asked with an example',
    turns: [
      { send: 'hello', replies: [welcome, notice, question] },
      { send: 'purple elephant', replies: [/for example "yes, I agree"/], suggests: consentButtons },
      { send: 'yes', replies: [/Thank you/, invitation] },
    ],
  },
  {
    name: 'a person joining the conversation is welcomed before saying anything',
    turns: [
      {
        send: { type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Person' }] },
        replies: [welcome, notice, question],
      },
      { send: 'yes', replies: [/Thank you/, invitation] },
    ],
  },
  {
    name: 'only the bot joining is not greeted',
    turns: [{ send: { type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'Guide' }] }, replies: [] }],
  },
  {
    name: 'the Web Chat join event starts the welcome',
    turns: [{ send: { type: 'event', name: 'webchat/join' }, replies: [welcome, notice, question] }],
  },
];

describe('Consent conversation', () => {
  for (const table of tables) {
    it(table.name, async () => {
      await runConversation(table.turns);
    });
  }

  it('remembers consent per person across conversations', async () => {
    const storage = new MemoryStorage();
    await runConversation(
      [
        { send: 'hi', replies: [welcome, notice, question] },
        { send: 'yes', replies: [/Thank you/, invitation] },
      ],
      { storage, conversationId: 'first' },
    );
    await runConversation([{ send: 'hi again', replies: [/Welcome back/, invitation] }], {
      storage,
      conversationId: 'second',
    });
    await runConversation([{ send: 'hi', replies: [welcome, notice, question] }], {
      storage,
      conversationId: 'third',
      userId: 'someone-else',
    });
  });

  it('stores the consent decision with its time', async () => {
    const storage = new MemoryStorage();
    await runConversation(
      [
        { send: 'hi', replies: [welcome, notice, question] },
        { send: 'yes', replies: [/Thank you/, invitation] },
      ],
      { storage },
    );
    // UserState's key: channel, "users", user id (with botbuilder's trailing slash).
    const key = 'webchat/users/user-1/';
    const items = await storage.read([key]);
    // Besides the consent, only the ids of the person's conversations ("forget me" erases them all).
    expect(items[key]?.['userProfile']).to.deep.equal({
      consent: { given: true, at: '2026-11-24T10:00:00.000Z' },
      conversations: [(items[key]?.['userProfile'] as { conversations: string[] }).conversations[0]],
    });
  });

  // Each kind of state failing once at the store, written one after the other (MemoryStorage).
  for (const failing of ['/users/', '/conversations/'] as const) {
    it(`keeps the person's progress when saving the state under ${failing} fails once, and says so`, async () => {
      const storage = new MemoryStorage();
      const parts = buildTestBot({ storage });
      parts.adapter.onTurnError = async (context) => {
        await context.sendActivity('Sorry, something went wrong');
      };
      await runConversation([{ send: 'hi', replies: [welcome, notice, question] }], { adapter: parts.adapter });
      const original = storage.write.bind(storage);
      let failed = false;
      sinon.stub(storage, 'write').callsFake(async (changes) => {
        if (!failed && Object.keys(changes).some((key) => key.includes(failing))) {
          failed = true;
          throw new Error('disk full');
        }
        return original(changes);
      });
      await runConversation(
        [
          { send: 'yes', replies: [/Thank you/, invitation, /went wrong/] },
          { send: 'yes', replies: [/Thank you/, invitation] },
          // Still at the invitation: the progress was kept, nothing was asked twice.
          { send: 'hello', replies: [/couldn't find a concern or a health detail/] },
        ],
        { adapter: parts.adapter },
      );
    });
  }
});
