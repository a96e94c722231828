import { expect } from 'chai';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStorage } from '../../src/storage/index.js';
import { JsonLinesTranscriptStore } from '../../src/storage/jsonl-transcript-store.js';
import { messageActivity, postActivity, startTestApp } from '../support/app.js';
import { makeTempDir } from '../support/temp-dir.js';

async function stateFiles(dataDir: string): Promise<number> {
  let count = 0;
  for (const shard of await readdir(join(dataDir, 'state')).catch(() => [] as string[])) {
    count += (await readdir(join(dataDir, 'state', shard))).length;
  }
  return count;
}

describe('"forget me" erases every conversation of the person, not only the current one', function () {
  this.timeout(30_000);

  it('after a visit in another conversation (a reload of the widget), no state or transcript of either is left', async () => {
    const temp = await makeTempDir('forget-all-');
    const app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir });
    try {
      const first = { user: 'returning-person', conversation: 'first-visit' };
      const second = { user: 'returning-person', conversation: 'second-visit' };
      const someoneElse = { user: 'someone-else', conversation: 'their-visit' };
      for (const text of ['hi', 'yes', 'my pores']) await postActivity(app.baseUrl, messageActivity(text, first));
      for (const text of ['hi', 'yes']) await postActivity(app.baseUrl, messageActivity(text, someoneElse));
      for (const text of ['hello', 'acne scars']) await postActivity(app.baseUrl, messageActivity(text, second));
      await app.settle();

      const reply = await postActivity(app.baseUrl, messageActivity('forget me', second));
      expect(JSON.stringify(reply.body)).to.match(/deleted/i);
      await app.settle();

      const storage = new LowdbStorage(temp.dir);
      expect(
        await storage.read([
          'webchat/conversations/first-visit/',
          'webchat/conversations/second-visit/',
          'webchat/users/returning-person/',
        ]),
      ).to.deep.equal({});
      const transcripts = (await new JsonLinesTranscriptStore(join(temp.dir, 'transcripts')).listTranscripts('webchat')).items.map(
        (t) => t.id,
      );
      expect(transcripts).to.deep.equal(['their-visit']);
      // Only the other person's two documents remain.
      expect(await stateFiles(temp.dir)).to.equal(2);
    } finally {
      await app.close();
      await temp.remove();
    }
  });
});
