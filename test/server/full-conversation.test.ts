import { expect } from 'chai';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { freeTextPerson as person } from '../support/free-text-person.js';

interface Reply {
  type: string;
  name?: string;
  text?: string;
  value?: { outcome: string; rules: string[]; notes: string[]; concerns: string[]; rulesVersion: string; reconsiderFrom?: string };
}

describe('A whole free-text conversation over HTTP', () => {
  let app: RunningApp;
  before(async () => {
    app = await startTestApp({ BOOKING_URL: 'https://clinic.example/book' });
  });
  after(async () => app.close());

  it('ends in assessment.completed with the outcome and rule ids of the spec for that person', async () => {
    const replies: Reply[] = [];
    for (const text of person) {
      const response = await postActivity(app.baseUrl, messageActivity(text, { user: 'free-text-user', conversation: 'free-text' }));
      expect(response.status, text).to.equal(200);
      replies.push(...(response.body.activities as Reply[]));
    }
    const event = replies.find((reply) => reply.type === 'event' && reply.name === 'assessment.completed');
    expect(event, replies.map((r) => r.text).join('\n')).to.not.equal(undefined);
    // Last session 3 weeks ago: not suitable now; rosacea and isotretinoin stopped in May: review.
    expect(event!.value!.outcome).to.equal('not-suitable-now');
    expect(event!.value!.rules).to.include.members(['R-TOO-SOON', 'R-ISO-RECENT', 'R-ROSACEA']);
    expect(event!.value!.notes).to.include.members(['N-DIY', 'N-DEEP-SCARS', 'N-PIH']);
    expect(event!.value!.concerns).to.deep.equal(['large-pores', 'acne-scars']);
    expect(event!.value!.reconsiderFrom).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(replies.some((reply) => reply.text?.includes('https://clinic.example/book'))).to.equal(true);
  });
});
