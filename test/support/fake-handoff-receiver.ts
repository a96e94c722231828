import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHandoff {
  rawBody: string;
  body: any;
  signatureValid: boolean;
}

export interface FakeHandoffReceiver {
  url: string;
  received: ReceivedHandoff[];
  /** Statuses to answer with, in order, before answering 200 again. */
  failNext: (...statuses: number[]) => void;
  close: () => Promise<void>;
}

/** A clinic's handoff receiver on 127.0.0.1 that checks the signature as a real one would. */
export async function startFakeHandoffReceiver(secret: string): Promise<FakeHandoffReceiver> {
  const received: ReceivedHandoff[] = [];
  const failures: number[] = [];
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
    const given = Buffer.from(String(req.headers['x-signature-256'] ?? ''));
    const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
    received.push({ rawBody: raw, body: JSON.parse(raw || 'null'), signatureValid });
    res.writeHead(failures.shift() ?? (signatureValid ? 200 : 401));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/handoff`,
    received,
    failNext: (...statuses) => failures.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
