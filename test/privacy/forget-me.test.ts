import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import type { Storage, TranscriptStore } from 'botbuilder';
import { JsonLinesTranscriptStore } from '../../src/storage/jsonl-transcript-store.js';
import { assessOverHttp, messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { makeTempDir } from '../support/temp-dir.js';
import { parseCheckedLines } from '../../src/checked-lines.js';

interface AuditRow {
  outcome: string;
  ruleIds: string[];
  conversationKey: string;
}

/** One durable store kind: how to start the app on it and how to look inside it afterwards. */
interface StoreKind {
  name: string;
  start: () => Promise<{ app: RunningApp; transcripts: TranscriptStore; auditRows: () => Promise<AuditRow[]>; done: () => Promise<void> }>;
}

let azurite: Azurite | undefined;

const kinds: StoreKind[] = [
  {
    name: 'lowdb',
    start: async () => {
      const temp = await makeTempDir('forget-');
      const app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir });
      const auditDir = join(temp.dir, 'audit');
      return {
        app,
        transcripts: new JsonLinesTranscriptStore(join(temp.dir, 'transcripts')),
        auditRows: async () => {
          const rows: AuditRow[] = [];
          for (const name of await readdir(auditDir)) {
            rows.push(...(parseCheckedLines(await readFile(join(auditDir, name), 'utf8')).values as AuditRow[]));
          }
          return rows;
        },
        done: temp.remove,
      };
    },
  },
  {
    name: 'blob (Azurite)',
    start: async () => {
      azurite ??= await startAzurite();
      const connection = azurite.connectionString;
      const app = await startTestApp({
        STORAGE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: connection,
        AZURE_STORAGE_CONTAINER: 'forget-me',
      });
      return {
        app,
        transcripts: new BlobsTranscriptStore(connection, 'forget-me-transcripts'),
        auditRows: async () => {
          const container = new ContainerClient(connection, 'forget-me-audit');
          const rows: AuditRow[] = [];
          for await (const blob of container.listBlobsFlat()) {
            rows.push(JSON.parse((await container.getBlockBlobClient(blob.name).downloadToBuffer()).toString('utf8')) as AuditRow);
          }
          return rows;
        },
        done: async () => undefined,
      };
    },
  },
];

async function converse(app: RunningApp, ids: { user: string; conversation: string }, texts: string[]): Promise<void> {
  for (const text of texts) expect((await postActivity(app.baseUrl, messageActivity(text, ids))).status, text).to.equal(200);
  await app.settle();
}

async function transcriptLength(store: TranscriptStore, conversationId: string): Promise<number> {
  return (await store.getTranscriptActivities('webchat', conversationId)).items.length;
}

async function stateKeys(storage: Storage, ids: { user: string; conversation: string }): Promise<string[]> {
  return Object.keys(await storage.read([`webchat/conversations/${ids.conversation}/`, `webchat/users/${ids.user}/`]));
}

describe('"Forget me" erases a person from every store', function () {
  this.timeout(60_000);
  after(async () => azurite?.stop());

  for (const kind of kinds) {
    it(`${kind.name}: state and transcript deleted, audit decisions kept without the link; others untouched`, async () => {
      const { app, transcripts, auditRows, done } = await kind.start();
      try {
        const leaving = { user: 'leaving-user', conversation: 'leaving-chat' };
        const staying = { user: 'staying-user', conversation: 'staying-chat' };
        await assessOverHttp(app.baseUrl, leaving, {}, { until: 'none' });
        await assessOverHttp(app.baseUrl, staying, {}, { until: 'none' });

        const before = await auditRows();
        expect(before).to.have.length(2);
        expect(before.every((row) => /^[0-9a-f]{64}$/.test(row.conversationKey))).to.equal(true);
        expect(await stateKeys(app.storage, leaving)).to.have.length(2);
        expect(await transcriptLength(transcripts, leaving.conversation)).to.be.greaterThan(0);

        await converse(app, leaving, ['forget me']);

        expect(await stateKeys(app.storage, leaving)).to.deep.equal([]);
        expect(await transcriptLength(transcripts, leaving.conversation)).to.equal(0);
        const after = await auditRows();
        // The decisions stay (the audit trail is complete); exactly one lost its link.
        expect(after.map((row) => row.outcome).sort()).to.deep.equal(before.map((row) => row.outcome).sort());
        expect(after.filter((row) => row.conversationKey === '')).to.have.length(1);
        expect(await stateKeys(app.storage, staying)).to.have.length(2);
        expect(await transcriptLength(transcripts, staying.conversation)).to.be.greaterThan(0);
      } finally {
        await app.close();
        await done();
      }
    });
  }
});
