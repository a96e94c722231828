import { expect } from 'chai';
import { ContainerClient } from '@azure/storage-blob';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { BLOB_PIPELINE_OPTIONS } from '../../src/storage/blob-state-storage.js';
import { azuriteConnectionString, freePort, startAzurite, type Azurite } from '../support/azurite.js';

function texts(body: { activities?: Array<{ type: string; text?: string }> }): string[] {
  return (body.activities ?? []).filter((activity) => activity.type === 'message').map((activity) => activity.text ?? '');
}

async function healthWithin(app: RunningApp, status: number, ms = 8_000): Promise<number> {
  const until = performance.now() + ms;
  for (;;) {
    const response = await fetch(`${app.baseUrl}/healthz`);
    if (response.status === status || performance.now() > until) return response.status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends a message and returns the replies. */
async function turn(app: RunningApp, text: string, ids: { user: string; conversation: string }) {
  const reply = await postActivity(app.baseUrl, messageActivity(text, ids));
  return { replies: texts(reply.body) };
}

/** The channels give up on an answer after 15 s (Bot Connector, Meta). */
const CHANNEL_WAIT_MS = 15_000;

const TRUTH = "Sorry, I couldn't save that, so it was not taken. Please send your last message again.";

describe('Blob Storage outages: bounded, honest, and recovered without a restart (Azurite)', function () {
  this.timeout(90_000);

  it('bounds every Blob Storage call well within what the channels wait: a few short tries, by construction, not by the clock', () => {
    const retry = BLOB_PIPELINE_OPTIONS.retryOptions!;
    const worstCallMs = retry.maxTries! * retry.tryTimeoutInMs! + (retry.maxTries! - 1) * retry.maxRetryDelayInMs!;
    // A failed turn waits on one call (its first read); twice that still answers before the channels give up.
    expect(2 * worstCallMs).to.be.below(CHANNEL_WAIT_MS);
  });

  it('started late: health says "storage", turns fail with the truth, then it works by itself', async () => {
    const port = await freePort();
    const app = await startTestApp(
      { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(port), AZURE_STORAGE_CONTAINER: 'late-start' },
      undefined,
      { storeProbeIntervalMs: 200 },
    );
    let azurite: Azurite | undefined;
    try {
      expect(await healthWithin(app, 503)).to.equal(503);
      const ids = { user: 'late-user', conversation: 'late-chat' };
      const failed = await turn(app, 'hi', ids);
      expect(failed.replies).to.deep.equal([TRUTH]);

      azurite = await startAzurite(port);
      expect(await healthWithin(app, 200)).to.equal(200);
      const hello = await turn(app, 'hi', ids);
      expect(hello.replies.join(' ')).to.match(/Do you agree/);
    } finally {
      await app.close();
      await azurite?.stop();
    }
  });

  it('an outage and an emptied account mid-run: fails fast and honestly, then carries on once the service is back', async () => {
    let azurite = await startAzurite();
    const port = azurite.port;
    const app = await startTestApp(
      { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'outage' },
      undefined,
      { storeProbeIntervalMs: 200 },
    );
    try {
      const ids = { user: 'outage-user', conversation: 'outage-chat' };
      expect((await turn(app, 'hi', ids)).replies.join(' ')).to.match(/Do you agree/);
      await azurite.stop();
      const during = await turn(app, 'yes', ids);
      expect(during.replies).to.deep.equal([TRUTH]);
      expect(await healthWithin(app, 503)).to.equal(503);

      // In-memory Azurite comes back empty: the containers are gone and must be made again.
      azurite = await startAzurite(port);
      expect(await healthWithin(app, 200)).to.equal(200);
      const after = await turn(app, 'hello', ids);
      expect(after.replies.length).to.be.greaterThan(0);
      expect(after.replies).to.not.include(TRUTH);
    } finally {
      await app.close();
      await azurite.stop();
    }
  });

  it('a corrupt state blob is kept aside for the operator, the person told and started again; "forget me" removes the copy', async () => {
    const azurite = await startAzurite();
    const app = await startTestApp({
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'corrupt',
    });
    try {
      const ids = { user: 'corrupt-user', conversation: 'corrupt-chat' };
      await turn(app, 'hi', ids);
      await turn(app, 'yes', ids);
      const container = new ContainerClient(azurite.connectionString, 'corrupt');
      const name = encodeURIComponent('webchat/conversations/corrupt-chat');
      await container.getBlockBlobClient(name).upload('{"dialogState":', 15);
      const reply = await turn(app, 'my pores', ids);
      expect(reply.replies[0]).to.match(/couldn't read your earlier answers, so we need to start again/);
      const kept = [];
      for await (const blob of container.listBlobsFlat({ prefix: 'unreadable/' })) kept.push(blob.name);
      expect(kept).to.have.length(1);
      await turn(app, 'forget me', ids);
      const left = [];
      for await (const blob of container.listBlobsFlat({ prefix: 'unreadable/' })) left.push(blob.name);
      expect(left).to.deep.equal([]);
    } finally {
      await app.close();
      await azurite.stop();
    }
  });
});
