import { expect } from 'chai';
import { MemoryTranscriptStore, type Activity, type TranscriptStore } from 'botbuilder';
import { join } from 'node:path';
import { memoryTranscriptChannels, transcriptTarget, type ListTranscriptChannels } from '../../src/retention/targets.js';
import { JsonLinesTranscriptStore } from '../../src/storage/jsonl-transcript-store.js';
import { createPersistence } from '../../src/storage/persistence.js';
import { startAzurite } from '../support/azurite.js';
import { makeTempDir } from '../support/temp-dir.js';

const CHANNELS = ['webchat', 'sms', 'telegram', 'a-channel-no-list-knows'];

function activity(channelId: string, conversation: string, at: Date): Activity {
  return {
    type: 'message',
    id: `${conversation}-1`,
    channelId,
    conversation: { id: conversation },
    from: { id: 'person' },
    recipient: { id: 'bot' },
    text: 'hello',
    timestamp: at,
  } as Activity;
}

async function sweptEveryChannel(store: TranscriptStore, list: ListTranscriptChannels): Promise<void> {
  const old = new Date(Date.now() - 40 * 86_400_000);
  for (const channel of CHANNELS) await store.logActivity(activity(channel, `${channel}-conversation`, old));
  expect((await list()).sort()).to.deep.equal([...CHANNELS].sort());
  const deleted = await transcriptTarget(store, list).sweep(new Date(Date.now() - 30 * 86_400_000));
  expect(deleted).to.equal(CHANNELS.length);
  for (const channel of CHANNELS) expect((await store.listTranscripts(channel)).items).to.deep.equal([]);
}

describe('Retention sweeps the transcripts of every channel the store holds, not a fixed list', function () {
  this.timeout(30_000);

  it('in memory', async () => {
    const store = new MemoryTranscriptStore();
    await sweptEveryChannel(store, memoryTranscriptChannels(store));
  });

  it('as JSON lines files', async () => {
    const temp = await makeTempDir('channels-');
    try {
      const store = new JsonLinesTranscriptStore(join(temp.dir, 'transcripts'));
      await sweptEveryChannel(store, () => store.listChannels());
    } finally {
      await temp.remove();
    }
  });

  it('in Blob Storage (Azurite), through the persistence the server builds', async () => {
    const azurite = await startAzurite();
    try {
      const persistence = await createPersistence({
        STORAGE: 'blob',
        DATA_DIR: '',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: 'channels',
      });
      // Blob transcripts are dated by when they were written: written now, swept with a cutoff after now.
      for (const channel of CHANNELS) await persistence.transcripts.logActivity(activity(channel, `${channel}-conversation`, new Date()));
      const target = persistence.retention.find((candidate) => candidate.name === 'transcripts')!;
      expect(await target.sweep(new Date(Date.now() + 86_400_000))).to.equal(CHANNELS.length);
    } finally {
      await azurite.stop();
    }
  });
});
