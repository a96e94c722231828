import { expect } from 'chai';
import { makeTempDir } from '../support/temp-dir.js';
import { messageActivity, postActivity } from '../support/app.js';
import { runStartExpectingExit, startServerProcess } from '../support/server-process.js';

function messageTexts(body: { activities: Array<{ type: string; text?: string }> }): string[] {
  return body.activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
}

describe('The server process', function () {
  this.timeout(40_000);

  it('serves, stores consent on disk, and remembers it after a restart', async () => {
    const temp = await makeTempDir('process-');
    try {
      const env = { DATA_DIR: temp.dir, STORAGE: 'lowdb' };
      const first = await startServerProcess(env);
      const health = await fetch(`${first.baseUrl}/healthz`);
      expect(await health.json()).to.deep.equal({ status: 'ok' });
      const hello = await postActivity(first.baseUrl, messageActivity('hi', { user: 'restart-user', conversation: 'c1' }));
      expect(messageTexts(hello.body).at(-1)).to.match(/Do you agree/);
      const agree = await postActivity(first.baseUrl, messageActivity('yes', { user: 'restart-user', conversation: 'c1' }));
      expect(messageTexts(agree.body)[0]).to.match(/Thank you/);
      await first.stop('SIGKILL');

      const second = await startServerProcess(env);
      const again = await postActivity(second.baseUrl, messageActivity('hello', { user: 'restart-user', conversation: 'c2' }));
      expect(messageTexts(again.body)[0]).to.match(/Welcome back/);
      await second.stop();
      expect(second.stdout()).to.not.contain('hello');
    } finally {
      await temp.remove();
    }
  });

  it('refuses to start on a bad value with one line naming the variable', async () => {
    const { code, stderr } = await runStartExpectingExit({ PORT: 'eighty' });
    expect(code).to.equal(1);
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/^Invalid configuration: PORT:/);
  });

  it('refuses to start in production without the bot credentials, in one line', async () => {
    const { code, stderr } = await runStartExpectingExit({ NODE_ENV: 'production' });
    expect(code).to.equal(1);
    expect(stderr.trim().split('\n')).to.have.length(1);
    expect(stderr).to.match(/^Invalid configuration: MicrosoftAppId: required when NODE_ENV is production/);
  });
});
