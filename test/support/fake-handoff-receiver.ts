import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHandoff {
  rawBody: string;
  body: any;
  signatureValid: boolean;
  /** The status it was answered with (2xx: accepted). */
  status: number;
  /** What `onRequest` found when the request came in (e.g. the store as it stood then). */
  observed?: unknown;
}

export interface FakeHandoffReceiver {
  url: string;
  /** Every POST, in order, accepted or not. */
  received: ReceivedHandoff[];
  /** The requests it accepted, one per id: a request delivered twice (its answer lost) is one request. */
  accepted: () => ReceivedHandoff[];
  /** Statuses to answer with, in order, before answering 200 again. */
  failNext: (...statuses: number[]) => void;
  /** Called as each request comes in, before it is answered; what it returns is kept as `observed`. */
  onRequest: (look: ((body: any) => Promise<unknown>) | undefined) => void;
  close: () => Promise<void>;
}

/** A clinic's handoff receiver on 127.0.0.1 that checks the signature as a real one would. */
export async function startFakeHandoffReceiver(secret: string): Promise<FakeHandoffReceiver> {
  const received: ReceivedHandoff[] = [];
  const failures: number[] = [];
  let look: ((body: any) => Promise<unknown>) | undefined;
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
    const given = Buffer.from(String(req.headers['x-signature-256'] ?? ''));
    const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
    const body = JSON.parse(raw || 'null');
    const observed = look ? await look(body) : undefined;
    const status = failures.shift() ?? (signatureValid ? 200 : 401);
    received.push({ rawBody: raw, body, signatureValid, status, ...(look ? { observed } : {}) });
    res.writeHead(status);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/handoff`,
    received,
    accepted: () => {
      const byId = new Map<string, ReceivedHandoff>();
      for (const request of received) if (request.status < 300 && !byId.has(request.body?.id)) byId.set(request.body?.id, request);
      return [...byId.values()];
    },
    failNext: (...statuses) => failures.push(...statuses),
    onRequest: (given) => {
      look = given;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A receiver for the mocha suite this is called in: started before its tests, emptied before
 * each (its failures still queued), closed after them. Returns a getter, since it starts later.
 */
export function receiverForSuite(secret: string): () => FakeHandoffReceiver {
  let receiver: FakeHandoffReceiver | undefined;
  before(async () => {
    receiver = await startFakeHandoffReceiver(secret);
  });
  beforeEach(() => {
    receiver!.received.length = 0;
    receiver!.onRequest(undefined);
  });
  after(() => receiver?.close());
  return () => receiver!;
}
