import { expect } from 'chai';
import { assessOverHttp, startTestApp, type RunningApp } from '../support/app.js';
import { freeTextAnswers as person } from '../support/free-text-person.js';

interface Reply {
  type: string;
  name?: string;
  text?: string;
  attachments?: unknown[];
  value?: { outcome: string; rules: string[]; notes: string[]; concerns: string[]; rulesVersion: string; reconsiderFrom?: string };
}

describe('A whole free-text conversation over HTTP', () => {
  let app: RunningApp;
  before(async () => {
    app = await startTestApp({ BOOKING_URL: 'https://clinic.example/book' });
  });
  after(async () => app.close());

  it('ends in assessment.completed with the outcome and rule ids of the spec for that person', async () => {
    const transcript = await assessOverHttp(app.baseUrl, { user: 'free-text-user', conversation: 'free-text' }, person, {
      first: 'hello',
      until: 'none',
    });
    const replies = transcript.flat() as Reply[];
    const event = replies.find((reply) => reply.type === 'event' && reply.name === 'assessment.completed');
    expect(event, replies.map((r) => r.text).join('\n')).to.not.equal(undefined);
    // Last session 3 weeks ago: not suitable now; rosacea and isotretinoin stopped in May: review.
    expect(event!.value!.outcome).to.equal('not-suitable-now');
    expect(event!.value!.rules).to.include.members(['R-TOO-SOON', 'R-ISO-RECENT', 'R-ROSACEA']);
    expect(event!.value!.notes).to.include.members(['N-DEEP-SCARS', 'N-PIH']);
    // At home was the goal, but the outcome's own "not at home" stands alone: no N-DIY beside it (v1.1).
    expect(event!.value!.notes).to.not.include('N-DIY');
    expect(event!.value!.concerns).to.deep.equal(['large-pores', 'acne-scars']);
    // Not every reason is time-bound (rosacea): no headline date; each dated reason gives its own (v1.1).
    expect(event!.value!.reconsiderFrom).to.equal(undefined);
    // The booking offer: a button on the summary card.
    expect(replies.some((reply) => JSON.stringify(reply.attachments ?? []).includes('https://clinic.example/book'))).to.equal(true);
  });
});
