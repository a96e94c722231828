import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  path: string;
  authorization: string | undefined;
  body: any;
}

export interface FakeGraph {
  base: string;
  requests: GraphRequest[];
  /** Responses to give, in order, before answering normally again. */
  failNext: (...responses: Array<{ status: number; body: unknown }>) => void;
  /** Resolves once `count` requests have arrived (or rejects after a while). */
  waitForRequests: (count: number, timeoutMs?: number) => Promise<GraphRequest[]>;
  close: () => Promise<void>;
}

/** The Meta Graph API's send endpoint on 127.0.0.1: records every request, can fail on demand. */
export async function startFakeGraph(): Promise<FakeGraph> {
  const requests: GraphRequest[] = [];
  const failures: Array<{ status: number; body: unknown }> = [];
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw || '{}') });
    const failure = failures.shift();
    res.writeHead(failure?.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(failure?.body ?? { messaging_product: 'whatsapp', messages: [{ id: `wamid.${requests.length}` }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`,
    requests,
    failNext: (...responses) => failures.push(...responses),
    waitForRequests: async (count, timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} Graph requests, got ${requests.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return requests;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
