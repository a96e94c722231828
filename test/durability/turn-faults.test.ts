import { expect } from 'chai';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LowdbStorage } from '../../src/storage/index.js';
import { JsonLinesTranscriptStore } from '../../src/storage/jsonl-transcript-store.js';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { stateDocumentFile } from '../support/state-files.js';
import { makeTempDir } from '../support/temp-dir.js';

/** A store whose writes fail while `failing` is set, like a full disk or a lost connection. */
class FailingStorage extends MemoryStorage {
  failing = false;
  override async write(changes: StoreItems): Promise<void> {
    if (this.failing) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return super.write(changes);
  }
}

function texts(body: { activities?: Array<{ type: string; text?: string }> }): string[] {
  return (body.activities ?? []).filter((activity) => activity.type === 'message').map((activity) => activity.text ?? '');
}

describe('A store failure never costs a person their answers', function () {
  this.timeout(30_000);

  describe('transactional turns', () => {
    let app: RunningApp;
    const storage = new FailingStorage();
    before(async () => {
      app = await startTestApp({}, storage);
    });
    after(() => app.close());

    it('says nothing of the turn before its state is saved, tells the truth, and the step is where it was', async () => {
      const ids = { user: 'full-disk', conversation: 'full-disk-chat' };
      expect(texts((await postActivity(app.baseUrl, messageActivity('hi', ids))).body).join(' ')).to.match(/Do you agree/);
      storage.failing = true;
      const failed = texts((await postActivity(app.baseUrl, messageActivity('yes', ids))).body);
      // Only the truth: not the next question, not "Thank you".
      expect(failed).to.deep.equal(["Sorry, I couldn't save that, so it was not taken. Please send your last message again."]);
      storage.failing = false;
      const again = texts((await postActivity(app.baseUrl, messageActivity('yes', ids))).body);
      expect(again[0]).to.match(/Thank you/);
    });
  });

  describe('transcripts of held replies', () => {
    it('keep what was said after the save, and nothing of a turn whose save failed', async () => {
      const temp = await makeTempDir('held-transcript-');
      const storage = new FailingStorage();
      const app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir }, storage);
      try {
        const ids = { user: 'transcribed', conversation: 'transcribed-chat' };
        await postActivity(app.baseUrl, messageActivity('hi', ids));
        storage.failing = true;
        await postActivity(app.baseUrl, messageActivity('yes', ids));
        storage.failing = false;
        await app.settle();
        const page = await new JsonLinesTranscriptStore(join(temp.dir, 'transcripts')).getTranscriptActivities(
          'webchat',
          'transcribed-chat',
        );
        const said = page.items.filter((activity) => activity.from?.id !== 'transcribed').map((activity) => activity.text ?? '');
        expect(said.join(' ')).to.match(/Do you agree/);
        expect(said.join(' ')).to.not.match(/Thank you/);
      } finally {
        await app.close();
        await temp.remove();
      }
    });
  });

  describe('idempotent delivery', () => {
    let temp: { dir: string; remove: () => Promise<void> };
    let app: RunningApp;
    beforeEach(async () => {
      temp = await makeTempDir('dedupe-');
      app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir });
    });
    afterEach(async () => {
      await app.close();
      await temp.remove();
    });

    it('answers an activity id delivered ten times in parallel once, and the next question waits for a new message', async () => {
      const ids = { user: 'redelivered', conversation: 'redelivered-chat' };
      await postActivity(app.baseUrl, messageActivity('hi', ids));
      const yes = messageActivity('yes', ids);
      const replies = await Promise.all(Array.from({ length: 10 }, () => postActivity(app.baseUrl, yes)));
      const answered = replies.filter((reply) => texts(reply.body).length > 0);
      expect(answered).to.have.length(1);
      expect(texts(answered[0]!.body)[0]).to.match(/Thank you/);
      expect(replies.every((reply) => reply.status === 200)).to.equal(true);
    });

    it('remembers processed ids across a restart (they are saved with the state)', async () => {
      const ids = { user: 'restart-dedupe', conversation: 'restart-dedupe-chat' };
      await postActivity(app.baseUrl, messageActivity('hi', ids));
      const yes = messageActivity('yes', ids);
      await postActivity(app.baseUrl, yes);
      await app.close();
      app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir });
      expect(texts((await postActivity(app.baseUrl, yes)).body)).to.deep.equal([]);
    });
  });

  describe('a corrupt, truncated or empty state file', () => {
    const damages: Array<[string, string]> = [
      ['truncated', '{"key":"webchat/conversations/dam'],
      ['empty', ''],
      ['not JSON', '\u0000\u0000\u0000garbage'],
      ['the wrong shape', '[1,2,3]'],
    ];
    for (const [damage, content] of damages) {
      it(`${damage}: is moved aside, the person is told and starts again, others are not affected`, async () => {
        const temp = await makeTempDir('corrupt-');
        let app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir });
        try {
          const damaged = { user: 'damaged-user', conversation: 'damaged-chat' };
          const other = { user: 'other-user', conversation: 'other-chat' };
          for (const ids of [damaged, other]) {
            await postActivity(app.baseUrl, messageActivity('hi', ids));
            await postActivity(app.baseUrl, messageActivity('yes', ids));
          }
          await app.close();
          const file = stateDocumentFile(temp.dir, 'webchat/conversations/damaged-chat/');
          await writeFile(file, content);
          app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir });

          const reply = texts((await postActivity(app.baseUrl, messageActivity('my pores', damaged))).body);
          expect(reply[0]).to.match(/couldn't read your earlier answers, so we need to start again/);
          const keptAside = await readdir(join(temp.dir, 'unreadable'));
          expect(keptAside).to.have.length(1);
          expect(await readFile(join(temp.dir, 'unreadable', keptAside[0]!), 'utf8')).to.equal(content);
          // The next message goes on normally: the notice is said once.
          const next = texts((await postActivity(app.baseUrl, messageActivity('hello', damaged))).body);
          expect(next.join(' ')).to.not.match(/couldn't read/);
          // Someone else carries on where they were.
          const otherReply = texts((await postActivity(app.baseUrl, messageActivity('my pores', other))).body);
          expect(otherReply.join(' ')).to.not.match(/couldn't read|Welcome/);
        } finally {
          await app.close();
          await temp.remove();
        }
      });
    }

    it('is skipped and reported by the retention sweep, which goes on for everyone else; "forget me" removes what was moved aside', async () => {
      const temp = await makeTempDir('corrupt-sweep-');
      const reported: string[] = [];
      const storage = new LowdbStorage(temp.dir);
      try {
        await storage.write({ 'webchat/conversations/a/': { n: 1 }, 'webchat/conversations/b/': { n: 2 } });
        // Damage at rest, while no store holds the documents in memory.
        await storage.close();
        await writeFile(stateDocumentFile(temp.dir, 'webchat/conversations/a/'), '{"key":');
        const fresh = new LowdbStorage(temp.dir);
        const entries = [];
        for await (const entry of fresh.entries()) entries.push(entry);
        expect(entries.filter((entry) => 'unreadable' in entry)).to.have.length(1);
        expect(entries.filter((entry) => 'key' in entry).map((entry) => ('key' in entry ? entry.key : ''))).to.deep.equal([
          'webchat/conversations/b/',
        ]);
        const { lowdbStateTarget } = await import('../../src/retention/targets.js');
        const swept = await lowdbStateTarget(fresh, (file) => reported.push(file)).sweep(new Date(Date.now() + 86_400_000));
        expect(swept).to.equal(1);
        expect(reported).to.have.length(1);

        // Read (moved aside), then forgotten: no copy is left.
        expect(await fresh.read(['webchat/conversations/a/'])).to.deep.equal({ 'webchat/conversations/a/': { storeUnreadable: true } });
        expect(await readdir(join(temp.dir, 'unreadable'))).to.have.length(1);
        await fresh.delete(['webchat/conversations/a/']);
        expect(await readdir(join(temp.dir, 'unreadable'))).to.deep.equal([]);
      } finally {
        await temp.remove();
      }
    });
  });

  describe('leftover temp files', () => {
    it('are removed at start and by the sweep, but not while they may belong to a write in flight', async () => {
      const temp = await makeTempDir('leftovers-');
      try {
        const storage = new LowdbStorage(temp.dir);
        await storage.write({ 'webchat/users/u/': { consent: { given: true } } });
        const shard = join(temp.dir, 'state', (await readdir(join(temp.dir, 'state')))[0]!);
        const old = join(shard, `${'a'.repeat(64)}.json.1234567`);
        const young = join(shard, `${'b'.repeat(64)}.json.7654321`);
        await writeFile(old, '{"health":"answers"}');
        await writeFile(young, '{"health":"answers"}');
        const hourAgo = new Date(Date.now() - 3_600_000);
        await utimes(old, hourAgo, hourAgo);
        expect(await storage.removeLeftovers()).to.equal(1);
        expect(await stat(old).catch(() => 'gone')).to.equal('gone');
        expect((await readdir(shard)).sort()).to.have.length(2);
        await mkdir(join(temp.dir, 'unused'), { recursive: true });
      } finally {
        await temp.remove();
      }
    });
  });
});
