import { expect } from 'chai';
import { clinicCountry, displayContact, phoneFromWhatsAppId, readContact } from '../../src/handoff/contact.js';
import { deliverHandoff, handoffRequest } from '../../src/handoff/webhook.js';
import { loadConfig } from '../../src/config/config.js';
import { startFakeHandoffReceiver, type FakeHandoffReceiver } from '../support/fake-handoff-receiver.js';

const SECRET = 'handoff-shared-secret-0123456789';
const summary = {
  outcome: 'clinician-review',
  rules: ['R-ROSACEA'],
  notes: ['N-AFTERCARE'],
  rulesVersion: '1.1.0',
  concerns: ['acne-scars'],
};

describe('Handoff to a person: the contact, the signed request, the delivery', () => {
  const contacts: Array<[string, string | undefined, { kind: string; value: string } | undefined]> = [
    ['call me on +44 20 7946 0000 please', undefined, { kind: 'phone', value: '+442079460000' }],
    ['020 7946 0000', 'GB', { kind: 'phone', value: '+442079460000' }],
    ['(415) 555-2671', 'US', { kind: 'phone', value: '+14155552671' }],
    ['my email is Sam.Example@Clinic.co.uk.', undefined, { kind: 'email', value: 'sam.example@clinic.co.uk' }],
    ['12345', 'GB', undefined],
    ['+44 12', undefined, undefined],
    ['call me tomorrow', 'GB', undefined],
    ['sam@', undefined, undefined],
  ];
  for (const [text, country, expected] of contacts) {
    it(`reads ${JSON.stringify(text)}${country ? ` (${country})` : ''} as ${expected ? expected.value : 'no contact'}`, () => {
      expect(readContact(text, country as never)).to.deep.equal(expected);
    });
  }

  const shown: Array<[{ kind: 'phone' | 'email'; value: string }, string]> = [
    [{ kind: 'phone', value: '+442079460000' }, '+44 20 7946 0000'],
    [{ kind: 'phone', value: '+14155552671' }, '+1 415 555 2671'],
    [{ kind: 'email', value: 'sam@example.com' }, 'sam@example.com'],
  ];
  for (const [contact, display] of shown) {
    it(`reads ${contact.value} back as ${display}`, () => expect(displayContact(contact)).to.equal(display));
  }

  const countries: Array<[string | undefined, string | undefined]> = [
    ['+44 20 7946 0000', 'GB'],
    ['+1 415 555 2671', 'US'],
    ['020 7946 0000', undefined],
    [undefined, undefined],
  ];
  for (const [phone, country] of countries) {
    it(`reads numbers without +country for the clinic's number ${phone ?? '(none)'} as ${country ?? 'no country'}`, () =>
      expect(clinicCountry(phone)).to.equal(country));
  }

  it("takes a WhatsApp sender's number as a phone, and a BSUID as none", () => {
    expect(phoneFromWhatsAppId('447911123456')).to.deep.equal({ kind: 'phone', value: '+447911123456' });
    expect(phoneFromWhatsAppId('US.13491208655302741918')).to.equal(undefined);
  });

  describe('delivery to a receiver on 127.0.0.1', () => {
    let receiver: FakeHandoffReceiver;
    beforeEach(async () => {
      receiver = await startFakeHandoffReceiver(SECRET);
    });
    afterEach(() => receiver.close());

    it('POSTs the contract JSON with a valid signature, and no free text', async () => {
      const request = handoffRequest('webchat', { kind: 'phone', value: '+442079460000' }, summary, new Date('2026-12-01T10:00:00Z'));
      expect(await deliverHandoff(request, { url: receiver.url, secret: SECRET, retryDelaysMs: [1, 1] })).to.deep.equal({
        delivered: true,
        attempts: 1,
        lastStatus: 200,
      });
      const [got] = receiver.received;
      expect(got!.signatureValid).to.equal(true);
      expect(Object.keys(got!.body).sort()).to.deep.equal(['channel', 'contact', 'id', 'summary', 'time', 'type']);
      expect(got!.body).to.deep.include({ type: 'handoff.requested', time: '2026-12-01T10:00:00.000Z', channel: 'webchat' });
      expect(got!.body.summary).to.deep.equal(summary);
    });

    it('retries 5xx and 429, then delivers', async () => {
      receiver.failNext(503, 429);
      const request = handoffRequest('msteams', { kind: 'email', value: 'sam@clinic.example' }, summary, new Date());
      expect(await deliverHandoff(request, { url: receiver.url, secret: SECRET, retryDelaysMs: [1, 1, 1] })).to.deep.include({
        delivered: true,
        attempts: 3,
      });
      expect(receiver.received).to.have.length(3);
      expect(receiver.accepted()).to.have.length(1);
      expect(new Set(receiver.received.map((r) => r.body.id)).size).to.equal(1);
    });

    it('says not delivered after the retries, or at once on a refusal, and never throws', async () => {
      receiver.failNext(500, 500, 500);
      const request = handoffRequest('webchat', { kind: 'email', value: 'sam@clinic.example' }, summary, new Date());
      expect(await deliverHandoff(request, { url: receiver.url, secret: SECRET, retryDelaysMs: [1, 1] })).to.deep.equal({
        delivered: false,
        attempts: 3,
        lastStatus: 500,
      });
      receiver.failNext(400);
      expect(await deliverHandoff(request, { url: receiver.url, secret: SECRET, retryDelaysMs: [1, 1] })).to.deep.equal({
        delivered: false,
        attempts: 1,
        lastStatus: 400,
      });
      expect(await deliverHandoff(request, { url: 'http://127.0.0.1:9/handoff', secret: SECRET, retryDelaysMs: [1] })).to.deep.equal({
        delivered: false,
        attempts: 2,
      });
      expect(await deliverHandoff(request, { url: receiver.url, secret: 'another-secret-entirely', retryDelaysMs: [] })).to.deep.include({
        delivered: false,
        lastStatus: 401,
      });
    });
  });

  it('takes both webhook variables or neither, in one line', () => {
    expect(() => loadConfig({ HANDOFF_WEBHOOK_URL: 'https://clinic.example/handoff' })).to.throw(
      /^Invalid configuration: HANDOFF_WEBHOOK_SECRET: required when HANDOFF_WEBHOOK_URL is set/,
    );
    expect(() => loadConfig({ HANDOFF_WEBHOOK_SECRET: SECRET })).to.throw(
      /^Invalid configuration: HANDOFF_WEBHOOK_URL: required when HANDOFF_WEBHOOK_SECRET is set/,
    );
    expect(() => loadConfig({ HANDOFF_WEBHOOK_URL: 'ftp://x', HANDOFF_WEBHOOK_SECRET: SECRET })).to.throw(/HANDOFF_WEBHOOK_URL: expected/);
    expect(
      loadConfig({ HANDOFF_WEBHOOK_URL: 'https://clinic.example/handoff', HANDOFF_WEBHOOK_SECRET: SECRET }).HANDOFF_WEBHOOK_URL,
    ).to.equal('https://clinic.example/handoff');
  });
});
