import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { postFrom, postHead, slowSocket, waitFor } from '../support/slow-sockets.js';
import { guardSlowClients, type SlowClientOptions } from '../../src/server/slow-clients.js';

describe('Slow clients cannot hold the connections for everyone', function () {
  this.timeout(20_000);
  describe('guardSlowClients on a plain server', () => {
    let server: Server;
    let port: number;
    /** Requests the handler has taken, by path. */
    let handled: string[];
    /** Answers every request once its whole body is read and `answering` resolves (a turn in progress). */
    async function start(options: Partial<SlowClientOptions>, answering: () => Promise<unknown> = async () => undefined): Promise<void> {
      handled = [];
      server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
        for await (const _chunk of req) void _chunk;
        handled.push(req.url ?? '');
        await answering();
        res.end('{"done":true}');
      });
      guardSlowClients(server, {
        maxPerClient: 2,
        trustedProxies: 0,
        headersTimeoutMs: 1_000,
        requestTimeoutMs: 1_500,
        slowAfterMs: 100,
        ...options,
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    }
    afterEach(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('answers 408 and closes a body still arriving when its deadline, counted from the first byte, passes', async () => {
      await start({});
      const dribbler = slowSocket(port, postHead(1000));
      const drip = setInterval(() => dribbler.socket.write('x'), 100);
      try {
        const received = await dribbler.closed;
        expect(received).to.match(/^HTTP\/1\.1 408 Request Timeout/);
        // The handler never had a whole request to answer.
        expect(handled).to.deep.equal([]);
      } finally {
        clearInterval(drip);
      }
    });

    it('closes a kept-alive connection whose next request never finishes its headers', async () => {
      await start({});
      const client = slowSocket(port, 'GET /first HTTP/1.1\r\nHost: x\r\n\r\n');
      await waitFor(() => handled.length === 1);
      client.socket.write('GET /second HTTP/1.1\r\nHost: x\r\n');
      const received = await client.closed;
      expect(received).to.match(/^HTTP\/1\.1 200/);
      expect(handled).to.deep.equal(['/first']);
    });

    it('never cuts a request that arrived whole and takes long to answer (a slow turn is not a slow client)', async () => {
      await start({ requestTimeoutMs: 100 }, () => new Promise((resolve) => setTimeout(resolve, 400)));
      const reply = await postFrom('127.0.0.1', port, { hello: 'world' });
      expect(reply.status).to.equal(200);
    });

    // Ten requests from one address with a cap of 2, each sent once the one before is being
    // answered, all answered together at the end: none was refused.
    const whileAnswered: Array<[string, (index: number) => Promise<number>]> = [
      [
        'requests with a body (a platform sending many people at once)',
        (index) => postFrom('127.0.0.1', port, { index }).then((r) => r.status),
      ],
      ['requests without a body (a page and its files)', (index) => fetch(`http://127.0.0.1:${port}/file-${index}`).then((r) => r.status)],
    ];
    for (const [what, send] of whileAnswered) {
      it(`does not count ${what} while they are being answered`, async () => {
        let release = () => undefined as void;
        const released = new Promise<void>((resolve) => (release = resolve));
        await start({}, () => released);
        const replies: Array<Promise<number>> = [];
        const refused: boolean[] = [];
        for (let index = 0; index < 10; index++) {
          replies.push(send(index).catch(() => ((refused[index] = true), -1)));
          await waitFor(() => handled.length === index + 1 || refused[index] === true);
        }
        release();
        expect(await Promise.all(replies)).to.deep.equal(Array(10).fill(200));
      });
    }

    it('takes a burst of many new connections from one address whose requests come whole at once (a platform, a benchmark)', async () => {
      await start({});
      const replies = await Promise.all(Array.from({ length: 20 }, (_, index) => postFrom('127.0.0.1', port, { index })));
      expect(replies.map((reply) => reply.status)).to.deep.equal(Array(20).fill(200));
    });

    it('closes connections over the cap from one address once they are slow, and takes another address', async () => {
      await start({});
      const slow = Array.from({ length: 5 }, () => slowSocket(port, 'GET /slow HTTP/1.1\r\n'));
      try {
        await Promise.all(slow.map((s) => s.connected));
        await waitFor(() => slow.filter((s) => s.isClosed()).length >= 3, 800);
        expect(slow.filter((s) => s.isClosed()).length).to.equal(3);
        const other = await postFrom('127.0.0.2', port, {});
        expect(other.status).to.equal(200);
      } finally {
        slow.forEach((s) => s.socket.destroy());
      }
    });

    it('behind trusted proxies keeps every connection (they all come from the proxy), and the deadlines still hold', async () => {
      await start({ trustedProxies: 1 });
      const slow: Socket[] = [];
      try {
        const sockets = Array.from({ length: 5 }, () => slowSocket(port, 'GET /slow HTTP/1.1\r\n'));
        slow.push(...sockets.map((s) => s.socket));
        await Promise.all(sockets.map((s) => s.connected));
        const other = await postFrom('127.0.0.1', port, {});
        expect(other.status).to.equal(200);
        expect(sockets.filter((s) => s.isClosed()).length).to.equal(0);
        // The header deadline closes them all.
        await Promise.all(sockets.map((s) => s.closed));
      } finally {
        slow.forEach((socket) => socket.destroy());
      }
    });
  });
});
