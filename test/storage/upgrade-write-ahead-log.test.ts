import { expect } from 'chai';
import { appendFile, cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { LowdbStorage } from '../../src/storage/index.js';
import type { UpgradeReport } from '../../src/storage/upgrade-write-ahead-log.js';
import { JsonLinesTranscriptStore } from '../../src/storage/jsonl-transcript-store.js';
import { unlinkAuditLines } from '../../src/safety/index.js';
import { aggregateInsights } from '../../src/insights/aggregate.js';
import { parseCheckedLines } from '../../src/checked-lines.js';
import { messageActivity, postActivity, startTestApp } from '../support/app.js';
import { stateDocumentFile } from '../support/state-files.js';
import { makeTempDir } from '../support/temp-dir.js';

/** A DATA_DIR as the store with the write-ahead log (tag wal-store) left it when killed; see its README. */
const FIXTURE = join(projectRoot, 'test', 'fixtures', 'wal-store-data');
const ids = (who: string) => ({ user: `user-${who}`, conversation: `conversation-${who}` });

describe('Upgrade from the store with the write-ahead log (a folder written by that code)', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('upgrade-');
    await cp(FIXTURE, temp.dir, { recursive: true });
  });
  afterEach(async () => temp.remove());

  it('the first start applies the log (its torn last line skipped and counted), then removes it with its spare', async () => {
    const reports: UpgradeReport[] = [];
    const storage = new LowdbStorage(temp.dir, { onUpgrade: (report) => reports.push(report) });
    const keys = ['halfway', 'new', 'done'].flatMap((who) => [`webchat/conversations/conversation-${who}/`, `webchat/users/user-${who}/`]);
    const items = await storage.read(keys);
    expect(items).to.have.keys(keys);
    expect(reports).to.deep.equal([{ segments: 1, applied: 3, torn: 1 }]);
    expect(await readdir(temp.dir)).to.not.include('state-log');
    // What was only in the log is now in its document, on disk.
    expect(await stat(stateDocumentFile(temp.dir, 'webchat/conversations/conversation-new/')).then((info) => info.isFile())).to.equal(true);
    expect(items).to.not.have.property('webchat/conversations/conversation-torn/');
    await storage.close();
    // A second start finds nothing to do.
    const again: UpgradeReport[] = [];
    await new LowdbStorage(temp.dir, { onUpgrade: (report) => again.push(report) }).read(keys);
    expect(again).to.deep.equal([]);
  });

  it('keeps every conversation: each one goes on where it was, with what it had stored', async () => {
    const app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir });
    // Activity ids the fixture's conversations never used (they remember the ones they processed).
    let n = 0;
    const send = async (who: string, text: string) => {
      const body = await postActivity(app.baseUrl, { ...messageActivity(text, ids(who)), id: `after-upgrade-${++n}` });
      return (body.body.activities ?? []) as Array<{ text?: string; channelData?: { questionId?: string } }>;
    };
    try {
      // Its last answer (age 41) was only in the log; the next question is the one after age.
      const halfway = await send('halfway', 'what do you know about me');
      expect(halfway[0]?.text).to.match(/your age: 41/);
      expect(halfway.at(-1)?.channelData?.questionId).to.equal('pregnancy');
      // Started after the last checkpoint: only in the log, at the concerns question (saved by the
      // release before the invitation to describe; its step keeps its place): the concern is taken.
      const started = await send('new', 'my pores');
      expect(started.at(-1)?.channelData?.questionId).to.equal('goal');
      // Finished and written out before the kill.
      const done = await send('done', 'what do you know about me');
      expect(done[0]?.text).to.match(/You agreed to the terms/);
      expect(done.map((reply) => reply.text ?? '').join(' ')).to.not.match(/Welcome|Do you agree/);
    } finally {
      await app.close();
    }
  });

  it('a delete in the log is applied, so an older line of the same key never brings the document back', async () => {
    const KEY = 'webchat/conversations/forgotten/';
    const first = new LowdbStorage(temp.dir);
    await first.read([]);
    await first.write({ [KEY]: { step: 1 } });
    await first.close();
    // What a crash between logging "forget me" and writing it out left: the document, then its tombstone.
    await mkdir(join(temp.dir, 'state-log'), { recursive: true });
    await writeFile(
      join(temp.dir, 'state-log', '000000000009.log'),
      `${JSON.stringify({ key: KEY, document: { key: KEY, updatedAt: '2026-12-01T00:00:00Z', item: { step: 0 } } })}\n` +
        `${JSON.stringify({ key: KEY, document: null })}\n`,
    );
    const restarted = new LowdbStorage(temp.dir);
    expect(await restarted.read([KEY])).to.deep.equal({});
    expect(await stat(stateDocumentFile(temp.dir, KEY)).catch(() => 'none')).to.equal('none');
    await restarted.close();
  });

  describe('the append-only files that version wrote, before lines had checksums', () => {
    it('transcripts: its lines are read, with the checked lines appended after them; a torn line is skipped and counted', async () => {
      const skipped: number[] = [];
      const transcripts = new JsonLinesTranscriptStore(join(temp.dir, 'transcripts'), (lines) => skipped.push(lines));
      const before = await transcripts.getTranscriptActivities('webchat', 'conversation-new');
      expect(before.items.length).to.be.greaterThan(1);
      expect(before.items.every((activity) => activity.conversation?.id === 'conversation-new')).to.equal(true);
      const [first] = before.items;
      // A torn append (a crash mid-write), then the next turn's lines.
      const newFile = await fileHolding(join(temp.dir, 'transcripts', 'webchat'), 'conversation-new');
      await appendFile(newFile, '{"type":"message","text":"cut sh');
      await transcripts.logActivities([{ ...first!, id: 'after-upgrade', text: 'after the upgrade' }]);
      const after = await transcripts.getTranscriptActivities('webchat', 'conversation-new');
      expect(after.items.length).to.equal(before.items.length + 1);
      expect(after.items.at(-1)?.text).to.equal('after the upgrade');
      expect(skipped).to.deep.equal([1]);
    });

    it('audit: its lines are read and unlinked (rewritten with checksums), a decision kept', async () => {
      const file = join(temp.dir, 'audit', 'audit-2026-11-24.jsonl');
      const before = parseCheckedLines(await readFile(file, 'utf8'));
      expect(before.skipped).to.equal(0);
      expect(before.values.length).to.be.greaterThan(0);
      expect(await unlinkAuditLines(file, () => true)).to.equal(before.values.length);
      const after = parseCheckedLines(await readFile(file, 'utf8'));
      expect(after.skipped).to.equal(0);
      expect(after.values).to.deep.equal(before.values.map((record) => ({ ...(record as object), conversationKey: '' })));
    });

    it('insights: its lines are counted, none skipped', async () => {
      const lines = await readFile(join(temp.dir, 'insights', 'insights-2026-11-24.jsonl'), 'utf8');
      let skipped = 0;
      const counts = aggregateInsights([{ lines }], (count) => (skipped += count));
      expect(skipped).to.equal(0);
      expect(counts.conversations).to.equal(lines.split('\n').filter((line) => line.includes('"conversation.started"')).length);
      expect(counts.conversations).to.be.greaterThan(0);
      // That version wrote "screening.completed" once per decision: read (not skipped) but not a funnel step any more.
      expect(lines).to.contain('"screening.completed"');
      expect(counts.screeningsCompleted).to.equal(0);
      expect(Object.values(counts.outcomes).reduce((sum, n) => sum + n, 0)).to.equal(1);
    });
  });
});

/** The one file in the folder whose text holds the marker. */
async function fileHolding(dir: string, marker: string): Promise<string> {
  for (const name of await readdir(dir)) if ((await readFile(join(dir, name), 'utf8')).includes(marker)) return join(dir, name);
  throw new Error(`no file in ${dir} holds ${marker}`);
}
