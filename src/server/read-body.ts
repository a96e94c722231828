import type { IncomingMessage } from 'node:http';

/**
 * The body, or 'too-large' past `limit`. A body over the limit is still read to its end (and
 * dropped): leaving the loop early destroyed the request and with it the keep-alive
 * connection, so the 413 could be lost and the client's next request on that connection
 * failed (found by the fuzz suite).
 */
export async function readBodyWithin(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? 'too-large' : Buffer.concat(chunks);
}
