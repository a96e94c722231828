import { expect } from 'chai';
import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { LowdbStorage } from '../../src/storage/index.js';
import type { UpgradeReport } from '../../src/storage/upgrade-write-ahead-log.js';
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
      // Started after the last checkpoint: only in the log, at the concerns question.
      const started = await send('new', 'my pores');
      expect(started[0]?.text).to.match(/^Got it: large pores/);
      expect(started.at(-1)?.channelData?.questionId).to.equal('concerns');
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
});
