import { expect } from 'chai';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { createLogger } from '../../src/logging/logger.js';
import { StoreHealth } from '../../src/storage/store-health.js';
import { messageActivity, startTestApp } from '../support/app.js';

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
});
