import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { messageActivity, postActivity } from '../support/app.js';
import { makeTempDir } from '../support/temp-dir.js';
import { SERVER_PROCESS_CWD, TSX_LOADER, runStartExpectingExit, startServerProcess } from '../support/server-process.js';

/**
 * One process owns a DATA_DIR (issue 26): two servers on one folder each kept their own copy
 * of the documents and lost about half of the answers both had acknowledged. A second start
 * stops with one line naming DATA_DIR; a lock left by a killed process does not block the next.
 */

const IN_USE = /^Invalid configuration: DATA_DIR: .* is in use by another running bot process/;

/** `npm run chat` as a person runs it, with nothing typed; resolves with how it ended. */
function runChat(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(projectRoot, 'src', 'cli', 'chat.ts')], {
    cwd: SERVER_PROCESS_CWD,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  child.stdin!.end();
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('One process per DATA_DIR', function () {
  this.timeout(90_000);
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir('data-dir-lock-');
  });
  afterEach(async () => temp.remove());

  it('a second server on the folder stops with one line naming DATA_DIR; the first keeps serving', async () => {
    const first = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb' });
    try {
      const { code, stderr } = await runStartExpectingExit({ DATA_DIR: temp.dir, STORAGE: 'lowdb', PORT: '0' });
      expect(code).to.equal(1);
      expect(stderr.trim().split('\n')).to.have.length(1);
      expect(stderr).to.match(IN_USE);
      const hello = await postActivity(first.baseUrl, messageActivity('hi', { user: 'lock-user', conversation: 'lock-chat' }));
      expect(hello.status).to.equal(200);
    } finally {
      await first.stop();
    }
  });

  it('`npm run chat` on the folder a server uses says why it cannot start, naming DATA_DIR', async () => {
    const server = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb' });
    try {
      const { code, stderr } = await runChat({ DATA_DIR: temp.dir, STORAGE: 'lowdb' });
      expect(code).to.equal(1);
      expect(stderr).to.match(IN_USE);
      expect(stderr).to.contain('npm run chat');
    } finally {
      await server.stop();
    }
  });

  it('a lock left by a killed server does not block the next start, and a stopped server leaves none', async () => {
    const killed = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb' });
    const ids = { user: 'killed-user', conversation: 'killed-chat' };
    await postActivity(killed.baseUrl, messageActivity('hi', ids));
    await postActivity(killed.baseUrl, messageActivity('yes', ids));
    await killed.stop('SIGKILL');
    expect(existsSync(join(temp.dir, 'bot.lock')), 'the killed process left its lock').to.equal(true);

    const next = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb' });
    const again = await postActivity(next.baseUrl, messageActivity('hello', { user: ids.user, conversation: 'killed-chat-2' }));
    expect(again.body.activities.map((activity: { text?: string }) => activity.text ?? '').join(' ')).to.match(/Welcome back/);
    await next.stop('SIGTERM');
    expect(existsSync(join(temp.dir, 'bot.lock')), 'a clean stop releases the folder').to.equal(false);
  });

  it('never reads the repository .env: a server the suite starts ignores one that would stop it', async () => {
    const envFile = join(projectRoot, '.env');
    // Only where there is none (a developer's own stays untouched; the test then checks theirs is not read).
    const made = !existsSync(envFile);
    if (made) await writeFile(envFile, 'PORT=eighty\nNODE_ENV=production\nSTORAGE=blob\n');
    try {
      const server = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb' });
      await server.stop();
    } finally {
      if (made) await rm(envFile, { force: true });
    }
  });
});
