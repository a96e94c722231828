import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { messageActivity, postActivity } from '../support/app.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

/**
 * Faults against the built server (`npm run test:faults` builds first): a full disk, SIGTERM
 * under load, SIGKILL mid-turn and a restart, slow sockets. Slow, so not part of `npm test`.
 */

const TRUTH = "Sorry, I couldn't save that, so it was not taken. Please send your last message again.";

function texts(body: { activities?: Array<{ type: string; text?: string }> }): string[] {
  return (body.activities ?? []).filter((activity) => activity.type === 'message').map((activity) => activity.text ?? '');
}

function exited(server: ServerProcess): Promise<number | null> {
  return new Promise((resolve) =>
    server.child.exitCode !== null ? resolve(server.child.exitCode) : server.child.once('exit', (code) => resolve(code)),
  );
}

/** Temp files a write left in the state folders (anything that is not a document). */
function leftoverFiles(dataDir: string): string[] {
  const stateDir = join(dataDir, 'state');
  const found: string[] = [];
  for (const shard of readdirSync(stateDir, { withFileTypes: true })) {
    if (!shard.isDirectory()) continue;
    for (const name of readdirSync(join(stateDir, shard.name))) if (!/^[0-9a-f]{64}\.json$/.test(name)) found.push(name);
  }
  return found;
}

async function fillDisk(dir: string): Promise<string> {
  const file = join(dir, 'filler');
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
  return file;
}

describe('Faults against the built server', function () {
  this.timeout(90_000);

  it('a full disk: the person hears the truth, nothing of the failed turn, and the answer is taken once there is room', async function () {
    const mountPoint = join((await makeTempDir('disk-full-')).dir, 'mnt');
    mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      console.log('      (skipped: cannot mount a tmpfs here; run as root to fill a disk)');
      this.skip();
    }
    let server: ServerProcess | undefined;
    try {
      server = await startServerProcess({ DATA_DIR: mountPoint, STORAGE: 'lowdb' }, { built: true });
      const ids = { user: 'disk-full-user', conversation: 'disk-full-chat' };
      expect(texts((await postActivity(server.baseUrl, messageActivity('hi', ids))).body).join(' ')).to.match(/Do you agree/);
      const filler = await fillDisk(mountPoint);
      const full = texts((await postActivity(server.baseUrl, messageActivity('yes', ids))).body);
      expect(full).to.deep.equal([TRUTH]);
      await rm(filler);
      const again = texts((await postActivity(server.baseUrl, messageActivity('yes', ids))).body);
      expect(again[0]).to.match(/Thank you/);
      // The failed write left no temp file (lowdb's adapter removes its own), and no log of any kind is kept.
      await server.stop();
      expect(leftoverFiles(mountPoint)).to.deep.equal([]);
      expect(readdirSync(mountPoint).sort()).to.not.include('state-log');
    } finally {
      await server?.stop();
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
      rmSync(join(mountPoint, '..'), { recursive: true, force: true });
    }
  });

  it('SIGTERM under steady keep-alive load: the turns in flight are answered and the process exits 0 within 10 s', async () => {
    const temp = await makeTempDir('sigterm-');
    const server = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb' }, { built: true });
    const port = Number(new URL(server.baseUrl).port);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    let stopping = false;
    const statuses: number[] = [];
    const post = (body: unknown) =>
      new Promise<number>((resolve) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', () => resolve(-1));
        req.end(JSON.stringify(body));
      });
    const load = Array.from({ length: 16 }, async (_, worker) => {
      while (!stopping) statuses.push(await post(messageActivity('hello', { user: `term-${worker}`, conversation: `term-${worker}` })));
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const code = exited(server);
      server.child.kill('SIGTERM');
      const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
      expect(await Promise.race([code, timer])).to.equal(0);
    } finally {
      stopping = true;
      agent.destroy();
      await Promise.race([Promise.all(load), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      await server.stop('SIGKILL');
      await temp.remove();
    }
    expect(statuses.filter((status) => status === 200).length).to.be.greaterThan(10);
    expect(statuses.filter((status) => status !== 200 && status !== -1)).to.deep.equal([]);
  });

  it('SIGKILL mid-turn and a restart: no temp file is left and every answered turn is kept', async () => {
    const temp = await makeTempDir('sigkill-');
    try {
      let server = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb' }, { built: true });
      const people = Array.from({ length: 30 }, (_, index) => ({ user: `kill-${index}`, conversation: `kill-${index}` }));
      const answered = new Set<string>();
      await Promise.all(people.map((ids) => postActivity(server.baseUrl, messageActivity('hi', ids))));
      const inFlight = people.map((ids) =>
        postActivity(server.baseUrl, messageActivity('yes', ids)).then(
          (reply) => texts(reply.body).some((text) => /Thank you/.test(text)) && answered.add(ids.user),
          () => undefined,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      await server.stop('SIGKILL');
      await Promise.all(inFlight);

      server = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb' }, { built: true });
      try {
        expect(leftoverFiles(temp.dir)).to.deep.equal([]);
        for (const ids of people) {
          const next = texts((await postActivity(server.baseUrl, messageActivity('yes', ids))).body).join(' ');
          // An answered consent is kept: "yes" now answers the concerns question instead.
          if (answered.has(ids.user)) expect(next, ids.user).to.not.match(/Thank you/);
        }
      } finally {
        await server.stop();
      }
    } finally {
      await temp.remove();
    }
  });

  it('slow sockets from one address: the cap and the header timeout keep the service up for everyone', async () => {
    const temp = await makeTempDir('slow-');
    const server = await startServerProcess({ DATA_DIR: temp.dir, STORAGE: 'lowdb', MAX_CONNECTIONS: '64' }, { built: true });
    const port = Number(new URL(server.baseUrl).port);
    const slow: Socket[] = [];
    try {
      for (let index = 0; index < 300; index++) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\n');
        slow.push(socket);
      }
      // The server drops what is over the cap at once and the rest at the header timeout (10 s).
      const until = Date.now() + 20_000;
      let healthy = false;
      while (!healthy && Date.now() < until) {
        healthy = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(healthy).to.equal(true);
      expect(server.child.exitCode).to.equal(null);
      const reply = await postActivity(server.baseUrl, messageActivity('hi', { user: 'after-slow', conversation: 'after-slow' }));
      expect(texts(reply.body).join(' ')).to.match(/Do you agree/);
    } finally {
      slow.forEach((socket) => socket.destroy());
      await server.stop();
      await temp.remove();
    }
  });
});
