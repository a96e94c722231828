import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Where the lowdb store keeps a key's document: `state/<first two hex of the SHA-256>/<SHA-256>.json`. */
export function stateDocumentFile(dataDir: string, key: string): string {
  const digest = createHash('sha256').update(key).digest('hex');
  return join(dataDir, 'state', digest.slice(0, 2), `${digest}.json`);
}
