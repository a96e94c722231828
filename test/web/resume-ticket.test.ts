import { expect } from 'chai';
import { ResumeTickets, resumeTicketKey, MAX_TICKET_LENGTH } from '../../src/web/resume-ticket.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ISSUED_AT = new Date('2026-03-01T09:00:00Z');

function ticketsAt(now: () => Date, secret = 'direct-line-secret', lifetimeDays = 30) {
  return new ResumeTickets({ key: resumeTicketKey(secret), lifetimeDays, clock: now });
}

/** The ticket with one character of the part after `at` changed (to another base64url character). */
function flipped(ticket: string, at: number): string {
  const character = ticket[at] === 'A' ? 'B' : 'A';
  return ticket.slice(0, at) + character + ticket.slice(at + 1);
}

function payloadOf(ticket: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(ticket.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function withPayload(ticket: string, payload: unknown): string {
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${ticket.split('.')[1]}`;
}

describe('Resume tickets', () => {
  const tickets = ticketsAt(() => ISSUED_AT);
  const ticket = tickets.issue('dl_visitor-a', 'conversation-a');

  it('vouch for the user id and the conversation they were issued for', () => {
    expect(tickets.check(ticket)).to.deep.equal({ ok: true, userId: 'dl_visitor-a', conversationId: 'conversation-a' });
  });

  it('are good on another instance that shares the Direct Line secret, and after a restart', () => {
    expect(ticketsAt(() => ISSUED_AT).check(ticket)).to.deep.include({ ok: true });
  });

  it('are refused under another secret (a rotated one, or a forger who does not have it)', () => {
    expect(ticketsAt(() => ISSUED_AT, 'another-secret').check(ticket)).to.deep.equal({ ok: false, reason: 'forged' });
  });

  it('with no secret, are signed with a key of this process alone', () => {
    const one = new ResumeTickets({ key: resumeTicketKey(undefined), lifetimeDays: 30, clock: () => ISSUED_AT });
    const other = new ResumeTickets({ key: resumeTicketKey(undefined), lifetimeDays: 30, clock: () => ISSUED_AT });
    expect(one.check(one.issue('dl_visitor-a', 'conversation-a')).ok).to.equal(true);
    expect(other.check(one.issue('dl_visitor-a', 'conversation-a'))).to.deep.equal({ ok: false, reason: 'forged' });
  });

  it('never carry the secret or the key', () => {
    expect(ticket).to.not.contain('direct-line-secret');
    expect(ticket).to.not.contain(resumeTicketKey('direct-line-secret').toString('base64url'));
  });

  describe('expire after the lifetime (RETENTION_DAYS)', () => {
    const cases: Array<[string, number, boolean]> = [
      ['a minute after issue', 60_000, true],
      ['a minute before the lifetime ends', 30 * DAY_MS - 60_000, true],
      ['when the lifetime ends', 30 * DAY_MS, false],
      ['a day after', 31 * DAY_MS, false],
    ];
    for (const [when, later, good] of cases) {
      it(`${when}: ${good ? 'good' : 'expired'}`, () => {
        const result = ticketsAt(() => new Date(ISSUED_AT.getTime() + later)).check(ticket);
        expect(result).to.deep.equal(
          good ? { ok: true, userId: 'dl_visitor-a', conversationId: 'conversation-a' } : { ok: false, reason: 'expired' },
        );
      });
    }

    it('follows the lifetime given (RETENTION_DAYS=7)', () => {
      const week = ticketsAt(() => ISSUED_AT, 'direct-line-secret', 7).issue('dl_visitor-a', 'conversation-a');
      expect(ticketsAt(() => new Date(ISSUED_AT.getTime() + 6 * DAY_MS)).check(week).ok).to.equal(true);
      expect(ticketsAt(() => new Date(ISSUED_AT.getTime() + 7 * DAY_MS)).check(week)).to.deep.equal({ ok: false, reason: 'expired' });
    });
  });

  describe('cannot be altered', () => {
    const altered: Array<[string, () => string]> = [
      ['another user id in the payload', () => withPayload(ticket, { ...payloadOf(ticket), u: 'dl_visitor-b' })],
      ['another conversation in the payload', () => withPayload(ticket, { ...payloadOf(ticket), c: 'conversation-b' })],
      ['a later expiry in the payload', () => withPayload(ticket, { ...payloadOf(ticket), e: Number(payloadOf(ticket)['e']) + DAY_MS })],
      ['a character of the payload changed', () => flipped(ticket, 3)],
      ['a character of the signature changed', () => flipped(ticket, ticket.indexOf('.') + 5)],
      ['the signature cut short', () => ticket.slice(0, -4)],
      ['the signature of another ticket', () => `${ticket.split('.')[0]}.${tickets.issue('dl_visitor-b', 'conversation-b').split('.')[1]}`],
    ];
    for (const [what, make] of altered) {
      it(`${what}: forged`, () => {
        expect(tickets.check(make())).to.deep.equal({ ok: false, reason: 'forged' });
      });
    }
  });

  describe('refuse what is not a ticket', () => {
    const cases: Array<[string, string | undefined, string]> = [
      ['none', undefined, 'missing'],
      ['an empty string', '', 'missing'],
      ['no signature', 'eyJ1IjoiYSJ9', 'malformed'],
      ['three parts', `${ticket}.extra`, 'malformed'],
      ['a part left empty', `.${ticket.split('.')[1]}`, 'malformed'],
      ['longer than any ticket', `${'a'.repeat(MAX_TICKET_LENGTH)}.b`, 'malformed'],
      ['a random signature', 'eyJ1IjoiYSJ9.c2lnbmF0dXJl', 'forged'],
    ];
    for (const [what, given, reason] of cases) {
      it(`${what}: ${reason}`, () => {
        expect(tickets.check(given)).to.deep.equal({ ok: false, reason });
      });
    }

    it('a correctly signed payload that is not a ticket: malformed', () => {
      // Only the server can sign; this proves the payload is still checked after the signature.
      const key = resumeTicketKey('direct-line-secret');
      const sign = (payload: string) =>
        new ResumeTickets({ key, lifetimeDays: 1, clock: () => ISSUED_AT })['sign'](payload).toString('base64url');
      for (const payload of [{ u: 'dl_a' }, { u: 'dl_a', c: 'c', e: 'tomorrow' }, [1, 2]]) {
        const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
        expect(tickets.check(`${encoded}.${sign(encoded)}`), JSON.stringify(payload)).to.deep.equal({ ok: false, reason: 'malformed' });
      }
      const notJson = Buffer.from('not json').toString('base64url');
      expect(tickets.check(`${notJson}.${sign(notJson)}`)).to.deep.equal({ ok: false, reason: 'malformed' });
    });
  });
});
