import { expect } from 'chai';
import { ContainerClient } from '@azure/storage-blob';
import { startTestApp, type RunningApp } from '../support/app.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { ADMIN_TOKEN, getInsights, runInsightScript, SCRIPT_FIGURES } from '../support/insights-script.js';
import { BlobInsightsStore } from '../../src/insights/blob-insights-store.js';
import { checkedLine } from '../../src/checked-lines.js';

describe('The clinic insights on Blob Storage (Azurite)', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let app: RunningApp;
  const container = 'clinic-state';

  before(async () => {
    azurite = await startAzurite();
    app = await startTestApp({
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: container,
      ADMIN_TOKEN,
      INSIGHTS_MIN_COUNT: '1',
    });
    await runInsightScript(app, 'blob');
  });
  after(async () => {
    await app?.close();
    await azurite?.stop();
  });

  it('counts the same figures as the file store', async () => {
    const { status, body } = await getInsights(app);
    expect(status).to.equal(200);
    // With a minimum of 1 every count is shown, zeros included.
    for (const [key, value] of Object.entries(SCRIPT_FIGURES)) expect(body[key], key).to.deep.equal(value);
  });

  it('keeps one append blob per day in the NAME-insights container, ids only', async () => {
    const insights = new ContainerClient(azurite.connectionString, `${container}-insights`);
    const names: string[] = [];
    for await (const blob of insights.listBlobsFlat()) {
      names.push(blob.name);
      expect(blob.properties.blobType).to.equal('AppendBlob');
    }
    expect(names).to.deep.equal(['2026-11-24.jsonl']);
    const text = (await insights.getBlobClient('2026-11-24.jsonl').downloadToBuffer()).toString('utf8');
    expect(text).to.not.contain('blargh').and.not.contain('blob-completed');
  });

  it('reads a missing day as empty and makes the container again after it was removed', async () => {
    const store = new BlobInsightsStore(new ContainerClient(azurite.connectionString, 'insights-scratch'));
    expect(await store.readDays(['2026-01-01'])).to.deep.equal([{ lines: '' }]);
    await store.append([{ day: '2026-01-01', kind: 'booking.opened' }]);
    await store.container.delete();
    await store.append([{ day: '2026-01-02', kind: 'booking.opened' }]);
    expect(await store.readDays(['2026-01-02'])).to.deep.equal([
      { lines: checkedLine(JSON.stringify({ day: '2026-01-02', kind: 'booking.opened' })) },
    ]);
  });

  it('drops days past RETENTION_DAYS in the retention sweep', async () => {
    expect((await app.sweepRetention(new Date('2026-12-10T00:00:00Z')))['insights']).to.equal(0);
    expect((await app.sweepRetention(new Date('2026-12-25T00:00:01Z')))['insights']).to.equal(1);
    expect((await getInsights(app)).body.conversations).to.equal(0);
  });
});
