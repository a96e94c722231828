import { assessOverHttp, messageActivity, postActivity, type RunningApp } from './app.js';

/** A token of the length ADMIN_TOKEN needs (tests only). */
export const ADMIN_TOKEN = 'insights-test-token-0123456789abcdef';

/**
 * Four conversations with known figures: one completed (consultation) that corrects its age at
 * the read-back and opens the booking link (without a handoff webhook no person is offered, so
 * no request is sent: handoffs 0); one stopping at the pregnancy
 * question after an unreadable answer; one emergency in its first message, before any consent
 * (an outcome and a red flag, but outside the funnel after its first step); one that never consents.
 */
export async function runInsightScript(app: RunningApp, prefix = 'insights'): Promise<void> {
  const say = async (conversation: string, texts: string[]) => {
    for (const text of texts)
      await postActivity(
        app.baseUrl,
        messageActivity(text, { user: `${prefix}-${conversation}`, conversation: `${prefix}-${conversation}` }),
      );
  };
  const ids = (conversation: string) => ({ user: `${prefix}-${conversation}`, conversation: `${prefix}-${conversation}` });
  await assessOverHttp(app.baseUrl, ids('completed'), { readBack: ["actually I'm 35", "that's right"] }, { until: 'none' });
  await postActivity(app.baseUrl, {
    ...messageActivity('', { user: `${prefix}-completed`, conversation: `${prefix}-completed` }),
    type: 'event',
    name: 'booking.opened',
    value: {},
    text: undefined,
  });
  await assessOverHttp(app.baseUrl, ids('stopped'), {}, { until: 'pregnancy' });
  await say('stopped', ['blargh']);
  await say('emergency', ["my lips are swelling and I can't breathe"]);
  await say('declined', ['hi']);
  await app.settle();
}

/** The API's counts for runInsightScript (before suppression). */
export const SCRIPT_FIGURES = {
  conversations: 4,
  consented: 2,
  screeningsCompleted: 1,
  outcomes: { consultation: 1, emergency: 1 },
  rules: { 'R-NONE': 1, 'R-RF-ANAPHYLAXIS': 1, 'R-UNKNOWN': 1 },
  dropOff: { consent: 1, pregnancy: 1 },
  unrecognised: {
    consent: { asked: 3, unreadable: 0 },
    describe: { asked: 2, unreadable: 0 },
    goal: { asked: 2, unreadable: 0 },
    age: { asked: 2, unreadable: 0 },
    pregnancy: { asked: 3, unreadable: 1 },
    isotretinoin: { asked: 1, unreadable: 0 },
    checklists: { asked: 1, unreadable: 0 },
    pigmentation: { asked: 1, unreadable: 0 },
    lastSession: { asked: 1, unreadable: 0 },
    readBack: { asked: 2, unreadable: 0 },
  },
  redFlags: { emergency: 1, urgent: 0 },
  handoffs: 0,
  bookingClicks: 1,
  screeningsStarted: 2,
  followedUp: 1,
  corrected: { age: 1 },
};

export async function getInsights(
  app: RunningApp,
  query = '',
  headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` },
) {
  const response = await fetch(`${app.baseUrl}/admin/api/insights${query}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}
