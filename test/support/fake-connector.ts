import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface FakeConnector {
  /** Use as the activities' serviceUrl. */
  serviceUrl: string;
  /** Every activity the bot sent, in order, with the path it was posted to. */
  sent: Array<{ path: string; activity: Partial<Activity> }>;
  /** The activities sent since the last call. */
  takeSent: () => Partial<Activity>[];
  close: () => Promise<void>;
}

/** The Bot Connector service a channel (Teams) provides, played on 127.0.0.1: it records replies. */
export async function startFakeConnector(): Promise<FakeConnector> {
  let taken = 0;
  const sent: FakeConnector['sent'] = [];
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
      sent.push({ path: req.url ?? '', activity: JSON.parse(raw) as Partial<Activity> });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${sent.length}` }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sent,
    takeSent: () => sent.slice(taken, (taken = sent.length)).map((entry) => entry.activity),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
