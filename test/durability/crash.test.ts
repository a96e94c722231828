import { expect } from 'chai';
import { makeTempDir } from '../support/temp-dir.js';
import { messageActivity, postActivity } from '../support/app.js';
import { startServerProcess } from '../support/server-process.js';

const CONVERSATIONS = 40;

function texts(body: { activities?: Array<{ text?: string }> } | undefined): string {
  return (body?.activities ?? []).map((activity) => activity.text ?? '').join('\n');
}

describe('A crash under load (SIGKILL) loses no answered turn', function () {
  this.timeout(90_000);

  it('keeps every answered turn in the lowdb store, and each conversation continues after the restart', async () => {
    const temp = await makeTempDir('crash-');
    try {
      const env = { DATA_DIR: temp.dir, STORAGE: 'lowdb', LOG_LEVEL: 'silent' };
      const server = await startServerProcess({ ...env, LOG_LEVEL: 'info' });
      const answered = new Map<number, 'hi' | 'yes'>();
      let answeredYes = 0;
      let killed = false;
      const killed$ = new Promise<void>((resolve) => {
        const conversation = async (n: number) => {
          const ids = { user: `crash-user-${n}`, conversation: `crash-${n}` };
          for (const text of ['hi', 'yes'] as const) {
            const response = await postActivity(server.baseUrl, messageActivity(text, ids)).catch(() => undefined);
            if (killed || !response || response.status !== 200) return;
            answered.set(n, text);
            if (text === 'yes' && ++answeredYes === CONVERSATIONS / 2) {
              // Half the conversations are through: kill the server while the rest are in flight.
              killed = true;
              void server.stop('SIGKILL').then(resolve);
            }
          }
        };
        void Promise.all(Array.from({ length: CONVERSATIONS }, (_, n) => conversation(n))).then(() => {
          if (!killed) {
            killed = true;
            void server.stop('SIGKILL').then(resolve);
          }
        });
      });
      await killed$;
      expect(answeredYes).to.be.at.least(CONVERSATIONS / 2);

      const restarted = await startServerProcess({ ...env, LOG_LEVEL: 'info' });
      try {
        for (const [n, last] of answered) {
          const ids = { user: `crash-user-${n}`, conversation: `crash-${n}` };
          if (last === 'yes') {
            // Consent answered: the conversation is at the concerns question.
            const next = await postActivity(restarted.baseUrl, messageActivity('my pores', ids));
            expect(texts(next.body), `conversation ${n}`).to.match(/your concerns: large pores/);
          } else {
            // Only the greeting answered: the consent question is waiting (or "yes" was saved unanswered).
            const next = await postActivity(restarted.baseUrl, messageActivity('yes', ids));
            expect(texts(next.body), `conversation ${n}`).to.match(/Thank you|couldn't find a concern/);
          }
        }
      } finally {
        await restarted.stop();
      }
    } finally {
      await temp.remove();
    }
  });
});
