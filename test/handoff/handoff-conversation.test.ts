import { expect } from 'chai';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreItems } from 'botbuilder';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { startFakeHandoffReceiver, type FakeHandoffReceiver } from '../support/fake-handoff-receiver.js';
import { ADMIN_TOKEN, getInsights } from '../support/insights-script.js';
import { makeTempDir } from '../support/temp-dir.js';
import { LowdbStorage } from '../../src/storage/lowdb-storage.js';

const SECRET = 'handoff-shared-secret-0123456789';
const SENTINEL = 'MY-PRIVATE-SENTINEL-TEXT';
const CLINIC = { CLINIC_NAME: 'Rose Clinic', CLINIC_PHONE: '020 7946 0000' };
const webhook = (receiver: FakeHandoffReceiver) => ({ HANDOFF_WEBHOOK_URL: receiver.url, HANDOFF_WEBHOOK_SECRET: SECRET });

type Ids = { user: string; conversation: string };
const conversationKey = (ids: Ids) => `webchat/conversations/${ids.conversation}/`;

function texts(body: { activities?: Array<{ type: string; text?: string }> }): string {
  return (body.activities ?? [])
    .filter((activity) => activity.type === 'message')
    .map((activity) => activity.text ?? '')
    .join('\n');
}

/** Sends each text in turn and gives the replies of the last one. */
async function say(app: RunningApp, ids: Ids, ...messages: string[]): Promise<string> {
  let last = '';
  for (const text of messages) last = texts((await postActivity(app.baseUrl, messageActivity(text, ids))).body);
  return last;
}

/** Up to the question that asks to pass the contact on: consent, a concern, "talk to a person", a contact. */
async function untilPassItOn(app: RunningApp, ids: Ids, contact = 'sam@example.com'): Promise<string> {
  await say(app, ids, 'hi', 'yes', `my pores ${SENTINEL}`);
  expect(await say(app, ids, 'talk to a person')).to.match(/I can ask Rose Clinic's team to contact you. How may they reach you/);
  return say(app, ids, contact);
}

/** The conversation's saved state as the store holds it now. */
async function savedState(app: RunningApp, ids: Ids): Promise<Record<string, any> | undefined> {
  const items: StoreItems = await app.storage.read([conversationKey(ids)]);
  return items[conversationKey(ids)];
}

describe('Handoff to a person through the server, with a receiver on 127.0.0.1', function () {
  this.timeout(30_000);
  let receiver: FakeHandoffReceiver;
  let app: RunningApp;
  before(async () => {
    receiver = await startFakeHandoffReceiver(SECRET);
    app = await startTestApp({ ...webhook(receiver), ...CLINIC, ADMIN_TOKEN, INSIGHTS_MIN_COUNT: '1' }, undefined, {
      handoffRetryDelaysMs: [1, 1],
    });
  });
  after(async () => {
    await app.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.onRequest(undefined);
  });
  const handoffsCounted = async () => {
    await app.settle();
    return (await getInsights(app)).body.handoffs as number;
  };

  it('asks for a contact, re-asks an unreadable one with an example, confirms it, asks consent, and sends only then', async () => {
    const ids = { user: 'handoff-person', conversation: 'handoff-chat' };
    await say(app, ids, 'hi', 'yes', `my pores ${SENTINEL}`);
    expect(await say(app, ids, 'talk to a person')).to.match(/I can ask Rose Clinic's team to contact you/);
    expect(await say(app, ids, `call me ${SENTINEL}`)).to.match(/for example \+44 20 7946 0000/);
    // A number without +country is read for the clinic's country only when CLINIC_PHONE says which; here it does not.
    expect(await say(app, ids, 'my number is +44 20 7946 0000')).to.match(/May I pass \+44 20 7946 0000 .* to Rose Clinic/);
    expect(receiver.received).to.deep.equal([]);
    const reply = await say(app, ids, 'yes');
    // What became of the request takes the place of "on its way": said once.
    expect(reply).to.match(/Sent: Rose Clinic's team has your request to contact you on \+44 20 7946 0000/);
    expect(reply).to.not.match(/on its way/);

    const [request] = receiver.accepted();
    expect(receiver.received).to.have.length(1);
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
    // Delivered: nothing is left in the outbox.
    expect((await savedState(app, ids))?.['handoffOutbox']).to.equal(undefined);
  });

  it('with a receiver that fails twice then accepts: the request arrives once, after the turn is saved, signed; it counts as sent', async () => {
    const before = await handoffsCounted();
    const ids = { user: 'retried', conversation: 'retried-chat' };
    await untilPassItOn(app, ids);
    // At each try, what the store holds: the turn that asked for it is saved, the request in its outbox.
    receiver.onRequest(async (body) => {
      const state = await savedState(app, ids);
      return {
        outbox: (state?.['handoffOutbox'] ?? []).map((entry: { request: { id: string } }) => entry.request.id),
        handoffOpen: (state?.['dialogState']?.dialogStack ?? []).some((dialog: { id: string }) => dialog.id === 'handoffDialog'),
        isThisRequest: body.id,
      };
    });
    receiver.failNext(503, 500);
    const reply = await say(app, ids, 'yes');
    // In its place: what became of the request, then the question the request interrupted.
    expect(reply).to.match(/^Sent: Rose Clinic's team has your request to contact you on sam@example.com\.\n.*at a clinic, or/);

    expect(receiver.received.map((request) => request.status)).to.deep.equal([503, 500, 200]);
    expect(receiver.accepted()).to.have.length(1);
    const id = receiver.accepted()[0]!.body.id;
    for (const request of receiver.received) {
      expect(request.body.id).to.equal(id);
      expect(request.signatureValid).to.equal(true);
      expect(request.observed).to.deep.equal({ outbox: [id], handoffOpen: false, isThisRequest: id });
    }
    expect((await savedState(app, ids))?.['handoffOutbox']).to.equal(undefined);
    expect(await handoffsCounted()).to.equal(before + 1);
  });

  it('sends nothing without consent', async () => {
    const ids = { user: 'no-consent', conversation: 'no-consent-chat' };
    await untilPassItOn(app, ids);
    expect(await say(app, ids, 'no')).to.match(/haven't passed anything on/);
    expect(receiver.received).to.deep.equal([]);
    expect((await savedState(app, ids))?.['handoffOutbox']).to.equal(undefined);
  });

  it('tells the truth when the receiver cannot be reached, with the clinic contact, and counts nothing', async () => {
    const before = await handoffsCounted();
    receiver.failNext(500, 500, 500);
    const ids = { user: 'unreachable', conversation: 'unreachable-chat' };
    await untilPassItOn(app, ids);
    const reply = await say(app, ids, 'yes');
    expect(reply).to.match(/couldn't reach Rose Clinic just now, so your request was not passed on/);
    expect(reply).to.contain('020 7946 0000');
    expect(reply).to.not.match(/Sent|has your request|on its way/);
    expect(receiver.accepted()).to.deep.equal([]);
    // Not sent later behind the person's back: they were told it was not passed on.
    expect((await savedState(app, ids))?.['handoffOutbox']).to.equal(undefined);
    expect(await handoffsCounted()).to.equal(before);
  });

  it('"forget me" also forgets the contact given mid-handoff', async () => {
    const ids = { user: 'forgetful-handoff', conversation: 'forgetful-handoff-chat' };
    await untilPassItOn(app, ids);
    await say(app, ids, 'forget me');
    const stored = await app.storage.read([conversationKey(ids)]);
    expect(JSON.stringify(stored)).to.not.contain('sam@example.com');
  });
});

describe('The handoff outbox across a stop', function () {
  this.timeout(60_000);
  let receiver: FakeHandoffReceiver;
  const folders: Array<{ dir: string; remove: () => Promise<void> }> = [];
  const apps: RunningApp[] = [];
  const ids = { user: 'stopped-person', conversation: 'stopped-chat' };
  /** The state folder as it was right after the turn that put a request in the outbox was saved. */
  let savedWithRequest: string;
  let requestId: string;

  before(async () => {
    receiver = await startFakeHandoffReceiver(SECRET);
    const first = await makeTempDir('handoff-first-');
    const snapshot = await makeTempDir('handoff-snapshot-');
    folders.push(first, snapshot);
    // The file store of a running server, copied the moment that turn's save returns: what a stop
    // (a crash, a deployment) right after the save leaves on disk.
    const storage = new LowdbStorage(first.dir);
    const write = storage.write.bind(storage);
    storage.write = async (changes) => {
      await write(changes);
      const outbox = Object.values(changes).find((item) => item?.['handoffOutbox']?.length)?.['handoffOutbox'];
      if (outbox && !requestId) {
        requestId = outbox[0].request.id;
        await cp(join(first.dir, 'state'), join(snapshot.dir, 'state'), { recursive: true });
      }
    };
    const app = await startTestApp({ ...webhook(receiver), ...CLINIC }, storage, { handoffRetryDelaysMs: [1, 1] });
    apps.push(app);
    await untilPassItOn(app, ids);
    // This server's own delivery is refused, so the snapshot's request is the only one that can arrive.
    receiver.failNext(400);
    await say(app, ids, 'yes');
    savedWithRequest = snapshot.dir;
    expect(requestId).to.be.a('string');
    expect(receiver.accepted()).to.deep.equal([]);
  });
  after(async () => {
    for (const app of apps) await app.close();
    await receiver.close();
    for (const folder of folders) await folder.remove();
  });

  /** A server started on a copy of the folder as the stop left it. */
  async function restarted(): Promise<RunningApp> {
    const copy = await makeTempDir('handoff-restart-');
    folders.push(copy);
    await cp(savedWithRequest, copy.dir, { recursive: true });
    const app = await startTestApp({ ...webhook(receiver), ...CLINIC, STORAGE: 'lowdb', DATA_DIR: copy.dir }, undefined, {
      handoffRetryDelaysMs: [1, 1],
    });
    apps.push(app);
    return app;
  }

  it('is sent with the conversation’s next message after a restart, once, and the person hears it went', async () => {
    const app = await restarted();
    receiver.received.length = 0;
    const reply = await say(app, ids, 'hello');
    expect(reply).to.match(/Sent: Rose Clinic's team has your request to contact you on sam@example.com/);
    expect(receiver.accepted().map((request) => request.body.id)).to.deep.equal([requestId]);
    expect(receiver.received).to.have.length(1);
    expect(receiver.received[0]!.signatureValid).to.equal(true);
    // Told once: the next message says nothing more about it.
    expect(await say(app, ids, 'what do you know about me')).to.not.match(/Sent:/);
    expect(receiver.received).to.have.length(1);
  });

  it('is dropped by "forget me": nothing is sent and nothing of it stays', async () => {
    const app = await restarted();
    receiver.received.length = 0;
    await say(app, ids, 'forget me');
    expect(receiver.received).to.deep.equal([]);
    const stored = await app.storage.read([conversationKey(ids), `webchat/users/${ids.user}/`]);
    expect(JSON.stringify(stored)).to.not.contain('sam@example.com');
    expect(JSON.stringify(stored)).to.not.contain(requestId);
  });
});

describe('Without a handoff target', () => {
  it('never offers a person: it gives the clinic contact', async () => {
    const app = await startTestApp(CLINIC);
    try {
      const ids = { user: 'no-target', conversation: 'no-target-chat' };
      await say(app, ids, 'hi', 'yes');
      const reply = await say(app, ids, 'talk to a person');
      expect(reply).to.match(
        /can't put you in touch with a person from this chat. You can reach Rose Clinic directly \(phone 020 7946 0000\)/,
      );
      expect(reply).to.not.match(/will contact you|join|connect/);
    } finally {
      await app.close();
    }
  });
});
