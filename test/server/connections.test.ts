import { expect } from 'chai';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { createLogger } from '../../src/logging/logger.js';
import { StoreHealth } from '../../src/storage/store-health.js';
import { messageActivity, startTestApp, type RunningApp } from '../support/app.js';
import { postFrom, postHead, slowSocket, waitFor } from '../support/slow-sockets.js';

class SwitchableStorage extends MemoryStorage {
  broken = false;
  override async write(changes: StoreItems): Promise<void> {
    if (this.broken) throw new Error('store unreachable');
    return super.write(changes);
  }
  override async read(keys: string[]): Promise<StoreItems> {
    if (this.broken) throw new Error('store unreachable');
    return super.read(keys);
  }
}

function post(agent: Agent, port: number, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('Honest health, connection limits and graceful shutdown', function () {
  this.timeout(30_000);

  it('/healthz is 503 "storage" while the store cannot be read and written, and 200 again by itself', async () => {
    const storage = new SwitchableStorage();
    storage.broken = true;
    const app = await startTestApp({}, storage);
    try {
      const down = await fetch(`${app.baseUrl}/healthz`);
      expect(down.status).to.equal(503);
      expect(await down.json()).to.deep.equal({ status: 'degraded', reason: 'storage' });
      const probe = new StoreHealth(storage, createLogger('silent'));
      expect(await probe.probe()).to.equal(false);
      storage.broken = false;
      expect(await probe.probe()).to.equal(true);
    } finally {
      await app.close();
    }
  });

  it('refuses connections over MAX_CONNECTIONS and keeps serving the ones it has', async () => {
    const app = await startTestApp({ MAX_CONNECTIONS: '8' });
    const port = Number(new URL(app.baseUrl).port);
    const sockets = Array.from({ length: 12 }, () => connect(port, '127.0.0.1'));
    try {
      const closed = await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<boolean>((resolve) => {
              socket.once('close', () => resolve(true));
              socket.once('error', () => resolve(true));
              setTimeout(() => resolve(false), 1_500);
            }),
        ),
      );
      expect(closed.filter(Boolean).length).to.equal(4);
      expect(app.server.server.headersTimeout).to.equal(10_000);
      expect(app.server.server.requestTimeout).to.equal(30_000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await app.close();
    }
  });

  it('closes under steady keep-alive load, answering the turns in flight', async function () {
    // The platform kills a container about 10 s after SIGTERM: a close that waits for idle
    // keep-alive connections that never come would hang here until this limit.
    this.timeout(10_000);
    const app = await startTestApp();
    const port = Number(new URL(app.baseUrl).port);
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    let stopping = false;
    const statuses: number[] = [];
    const load = Array.from({ length: 4 }, async (_, worker) => {
      for (let turn = 0; !stopping; turn++) {
        const status = await post(agent, port, messageActivity('hello', { user: `load-${worker}`, conversation: `load-${worker}` })).catch(
          () => -1,
        );
        statuses.push(status);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await app.close();
    stopping = true;
    await Promise.all(load);
    agent.destroy();
    expect(statuses.filter((status) => status === 200).length).to.be.greaterThan(0);
    // Every request the server took was answered; the others were refused at the socket.
    expect(statuses.every((status) => status === 200 || status === -1)).to.equal(true);
  });

  describe('slow clients (src/server/slow-clients.ts)', () => {
    describe('the real server: one address holding slow bodies', () => {
      let app: RunningApp;
      let port: number;
      before(async () => {
        app = await startTestApp({ MAX_CONNECTIONS: '64', MAX_CONNECTIONS_PER_CLIENT: '8' });
        port = Number(new URL(app.baseUrl).port);
      });
      after(async () => app.close());

      it('64 slow bodies from 127.0.0.1: 8 are kept, the rest closed, and 127.0.0.2 is served', async () => {
        const slow = Array.from({ length: 64 }, () => slowSocket(port, `${postHead(1000)}{"type":`));
        try {
          await Promise.all(slow.map((s) => s.connected));
          await waitFor(() => slow.filter((s) => s.isClosed()).length >= 56);
          expect(slow.filter((s) => s.isClosed()).length).to.equal(56);

          const reply = await postFrom('127.0.0.2', port, messageActivity('hello', { user: 'other-client', conversation: 'other-client' }));
          expect(reply.status).to.equal(200);
          expect(JSON.stringify(reply.body)).to.match(/Do you agree/);
          // The eight kept are still open: they are within their deadline.
          expect(slow.filter((s) => !s.isClosed()).length).to.equal(8);
        } finally {
          slow.forEach((s) => s.socket.destroy());
        }
      });
    });

    it('the real server answers 408 to a body still dribbling in at its deadline, counted from the first byte', async () => {
      const app = await startTestApp({}, undefined, { connectionTimeouts: { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500 } });
      const dribbler = slowSocket(Number(new URL(app.baseUrl).port), postHead(1000));
      const drip = setInterval(() => dribbler.socket.write(' '), 100);
      try {
        expect(await dribbler.closed).to.match(/^HTTP\/1\.1 408 Request Timeout/);
        // And the server goes on answering.
        expect((await fetch(`${app.baseUrl}/healthz`)).status).to.equal(200);
      } finally {
        clearInterval(drip);
        await app.close();
      }
    });
  });
});
