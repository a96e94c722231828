import { expect } from 'chai';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { startFakeHandoffReceiver, type FakeHandoffReceiver } from '../support/fake-handoff-receiver.js';

const SECRET = 'handoff-shared-secret-0123456789';
const SENTINEL = 'MY-PRIVATE-SENTINEL-TEXT';

function texts(body: { activities?: Array<{ type: string; text?: string }> }): string {
  return (body.activities ?? [])
    .filter((activity) => activity.type === 'message')
    .map((activity) => activity.text ?? '')
    .join('\n');
}

/** Sends each text in turn and gives the replies of the last one. */
async function say(app: RunningApp, ids: { user: string; conversation: string }, ...messages: string[]): Promise<string> {
  let last = '';
  for (const text of messages) last = texts((await postActivity(app.baseUrl, messageActivity(text, ids))).body);
  return last;
}

describe('Handoff to a person through the server, with a receiver on 127.0.0.1', function () {
  this.timeout(30_000);
  let receiver: FakeHandoffReceiver;
  let app: RunningApp;
  before(async () => {
    receiver = await startFakeHandoffReceiver(SECRET);
    app = await startTestApp(
      { HANDOFF_WEBHOOK_URL: receiver.url, HANDOFF_WEBHOOK_SECRET: SECRET, CLINIC_NAME: 'Rose Clinic', CLINIC_PHONE: '020 7946 0000' },
      undefined,
      { handoffRetryDelaysMs: [1, 1] },
    );
  });
  after(async () => {
    await app.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });

  it('asks for a contact, re-asks an unreadable one with an example, asks consent, sends it signed and says so', async () => {
    const ids = { user: 'handoff-person', conversation: 'handoff-chat' };
    await say(app, ids, 'hi', 'yes', `my pores ${SENTINEL}`);
    expect(await say(app, ids, 'talk to a person')).to.match(/How may the clinic contact you/);
    expect(await say(app, ids, `call me ${SENTINEL}`)).to.match(/for example \+44 20 7946 0000/);
    expect(await say(app, ids, 'my number is +44 20 7946 0000')).to.match(/May I pass \+442079460000 .* to Rose Clinic/);
    expect(receiver.received).to.deep.equal([]);
    expect(await say(app, ids, 'yes')).to.match(/Rose Clinic has your request and will contact you on \+442079460000/);

    expect(receiver.received).to.have.length(1);
    const [request] = receiver.received;
    expect(request!.signatureValid).to.equal(true);
    expect(request!.body).to.deep.include({
      type: 'handoff.requested',
      channel: 'webchat',
      contact: { kind: 'phone', value: '+442079460000' },
    });
    expect(request!.body.summary).to.deep.include({ outcome: 'not-assessed', concerns: ['large-pores'] });
    // Nothing typed is ever sent.
    expect(request!.rawBody).to.not.contain(SENTINEL);
    expect(request!.rawBody).to.not.contain('my number is');
  });

  it('sends nothing without consent', async () => {
    const ids = { user: 'no-consent', conversation: 'no-consent-chat' };
    await say(app, ids, 'hi', 'yes');
    await say(app, ids, 'talk to a person', 'sam@example.com');
    expect(await say(app, ids, 'no')).to.match(/haven't passed anything on/);
    expect(receiver.received).to.deep.equal([]);
  });

  it('tells the truth when the receiver cannot be reached, with the clinic contact', async () => {
    receiver.failNext(500, 500, 500);
    const ids = { user: 'unreachable', conversation: 'unreachable-chat' };
    await say(app, ids, 'hi', 'yes');
    await say(app, ids, 'talk to a person', 'sam@example.com');
    const reply = await say(app, ids, 'yes');
    expect(reply).to.match(/couldn't reach Rose Clinic just now, so your request was not passed on/);
    expect(reply).to.contain('020 7946 0000');
    expect(reply).to.not.match(/has your request/);
  });

  it('"forget me" also forgets the contact given mid-handoff', async () => {
    const ids = { user: 'forgetful-handoff', conversation: 'forgetful-handoff-chat' };
    await say(app, ids, 'hi', 'yes', 'talk to a person', 'sam@example.com');
    await say(app, ids, 'forget me');
    const stored = await app.storage.read([`webchat/conversations/${ids.conversation}/`]);
    expect(JSON.stringify(stored)).to.not.contain('sam@example.com');
  });
});

describe('Without a handoff target', () => {
  it('never promises a person: it gives the clinic contact', async () => {
    const app = await startTestApp({ CLINIC_PHONE: '020 7946 0000' });
    try {
      const ids = { user: 'no-target', conversation: 'no-target-chat' };
      await say(app, ids, 'hi', 'yes');
      const reply = await say(app, ids, 'talk to a person');
      expect(reply).to.match(/contact the clinic directly \(phone 020 7946 0000\)/);
      expect(reply).to.not.match(/will contact you|join/);
    } finally {
      await app.close();
    }
  });
});
