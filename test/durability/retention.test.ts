import { expect } from 'chai';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonLinesTranscriptStore } from '../../src/storage/jsonl-transcript-store.js';
import { LowdbStorage } from '../../src/storage/index.js';
import { assessOverHttp, messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { makeTempDir } from '../support/temp-dir.js';
import { parseCheckedLines } from '../../src/checked-lines.js';

const DAY_MS = 86_400_000;

async function converse(app: RunningApp, ids: { user: string; conversation: string }, texts: string[]) {
  for (const text of texts) await postActivity(app.baseUrl, messageActivity(text, ids));
  await app.settle();
}

async function transcriptIds(dataDir: string): Promise<string[]> {
  const page = await new JsonLinesTranscriptStore(join(dataDir, 'transcripts')).listTranscripts('webchat');
  return page.items.map((item) => item.id);
}

describe('Retention and erasure in the lowdb store', function () {
  this.timeout(60_000);
  let temp: { dir: string; remove: () => Promise<void> };
  let app: RunningApp;

  beforeEach(async () => {
    temp = await makeTempDir('retention-');
    app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir, RETENTION_DAYS: '30' });
  });
  afterEach(async () => {
    await app.close();
    await temp.remove();
  });

  it('keeps each conversation as a transcript, and "forget me" deletes it with the state', async () => {
    const ids = { user: 'forgetful', conversation: 'forgetful-chat' };
    await converse(app, ids, ['hi', 'yes', 'my pores']);
    expect(await transcriptIds(temp.dir)).to.include('forgetful-chat');
    await converse(app, ids, ['forget me']);
    expect(await transcriptIds(temp.dir)).to.not.include('forgetful-chat');
    const storage = new LowdbStorage(temp.dir);
    expect(await storage.read(['webchat/conversations/forgetful-chat/', 'webchat/users/forgetful/'])).to.deep.equal({});
  });

  it('sweeps state and transcripts older than RETENTION_DAYS and keeps newer ones', async () => {
    const old = { user: 'old-user', conversation: 'old-chat' };
    const recent = { user: 'recent-user', conversation: 'recent-chat' };
    await converse(app, old, ['hi', 'yes']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const between = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await converse(app, recent, ['hi', 'yes']);

    // Thirty days after `between`: the old conversation is past retention, the recent one not.
    const counts = await app.sweepRetention(new Date(between + 30 * DAY_MS));
    expect(counts['state']).to.equal(2);
    expect(counts['transcripts']).to.equal(1);
    const storage = new LowdbStorage(temp.dir);
    expect(Object.keys(await storage.read(['webchat/conversations/old-chat/', 'webchat/users/old-user/']))).to.deep.equal([]);
    expect(Object.keys(await storage.read(['webchat/conversations/recent-chat/', 'webchat/users/recent-user/']))).to.have.length(2);
    expect(await transcriptIds(temp.dir)).to.deep.equal(['recent-chat']);
  });

  it('unlinks audit records past retention from their conversation, keeping the decision', async () => {
    await assessOverHttp(app.baseUrl, { user: 'audited', conversation: 'audited-chat' }, {}, { until: 'none' });
    const auditDir = join(temp.dir, 'audit');
    await mkdir(auditDir, { recursive: true });
    const oldRecord = {
      rulesVersion: '1.0.0',
      ruleIds: ['R-NONE'],
      noteIds: [],
      outcome: 'consultation',
      at: '2026-01-05T10:00:00.000Z',
      conversationKey: 'ab'.repeat(32),
    };
    await writeFile(join(auditDir, 'audit-2026-01-05.jsonl'), `${JSON.stringify(oldRecord)}\n`);

    const counts = await app.sweepRetention(new Date('2026-11-24T12:00:00Z'));
    expect(counts['audit-links']).to.equal(1);
    const old = parseCheckedLines(await readFile(join(auditDir, 'audit-2026-01-05.jsonl'), 'utf8')).values[0];
    expect(old).to.deep.equal({ ...oldRecord, conversationKey: '' });
    const today = parseCheckedLines(await readFile(join(auditDir, 'audit-2026-11-24.jsonl'), 'utf8')).values as any[];
    expect(today[0].conversationKey).to.match(/^[0-9a-f]{64}$/);
  });
});
