import { expect } from 'chai';
import { messageActivity, postActivity, type RunningApp } from '../support/app.js';
import type { Azurite } from '../support/azurite.js';
import { twoInstancesOnAzurite, type TwoInstances } from '../support/two-instances.js';
import { freeTextPerson } from '../support/free-text-person.js';
import { ContainerClient } from '@azure/storage-blob';

async function blobNames(connectionString: string, container: string): Promise<string[]> {
  const client = new ContainerClient(connectionString, container);
  if (!(await client.exists())) return [];
  const names: string[] = [];
  for await (const blob of client.listBlobsFlat()) names.push(blob.name);
  return names;
}

describe('Two bot instances sharing Azure Blob Storage (Azurite)', function () {
  this.timeout(60_000);
  let instances: TwoInstances;
  let azurite: Azurite;
  let first: RunningApp;
  let second: RunningApp;

  before(async () => {
    instances = await twoInstancesOnAzurite('shared-state');
    ({ azurite, first, second } = instances);
  });
  after(async () => instances?.close());

  it('completes one conversation whose turns alternate between the instances', async () => {
    const replies: Array<{ type: string; name?: string; text?: string; value?: any }> = [];
    for (const [index, text] of freeTextPerson.entries()) {
      const instance = index % 2 === 0 ? first : second;
      const response = await postActivity(instance.baseUrl, messageActivity(text, { user: 'travelling-user', conversation: 'travelling' }));
      expect(response.status, text).to.equal(200);
      replies.push(...response.body.activities);
    }
    const texts = replies.map((reply) => reply.text ?? '').join('\n');
    expect(texts).to.not.match(/crossed with another|went wrong/);
    const event = replies.find((reply) => reply.type === 'event' && reply.name === 'assessment.completed');
    expect(event?.value.outcome).to.equal('not-suitable-now');
    expect(event?.value.rules).to.include.members(['R-TOO-SOON', 'R-ISO-RECENT', 'R-ROSACEA']);
  });

  it('answers "please send that again" when both instances take the same step at once', async () => {
    const ids = { user: 'racing-user', conversation: 'racing' };
    await postActivity(first.baseUrl, messageActivity('hi', ids));
    const [a, b] = await Promise.all([
      postActivity(first.baseUrl, messageActivity('yes', ids)),
      postActivity(second.baseUrl, messageActivity('yes', ids)),
    ]);
    const texts = [...a.body.activities, ...b.body.activities].map((reply: { text?: string }) => reply.text ?? '');
    // Either the turns did not overlap (one thanks, one "couldn't find a concern"), or both
    // took the consent step and the later save was refused: that turn's replies were never
    // sent (replies wait for the save), and that person was told so instead.
    const conflicts = texts.filter((text) => /crossed with another/.test(text)).length;
    const thanks = texts.filter((text) => /Thank you/.test(text)).length;
    expect(thanks).to.equal(1);
    expect(conflicts).to.be.at.most(1);
    // Whatever happened, the stored conversation is at the concerns question, asked once.
    const next = await postActivity(second.baseUrl, messageActivity('my pores', ids));
    expect(next.body.activities.map((reply: { text?: string }) => reply.text ?? '').join('\n')).to.match(/your concerns: large pores/);
  });

  it('keeps transcripts and the audit trail in the same store kind, and sweeps them after retention', async () => {
    const connection = azurite.connectionString;
    await Promise.all([first.settle(), second.settle()]);
    expect(await blobNames(connection, 'shared-state-transcripts')).to.not.deep.equal([]);
    const auditBlobs = await blobNames(connection, 'shared-state-audit');
    expect(auditBlobs.length).to.be.at.least(1);

    const counts = await first.sweepRetention(new Date(Date.now() + 31 * 86_400_000));
    expect(counts['state']).to.be.greaterThan(0);
    expect(counts['transcripts']).to.be.greaterThan(0);
    expect(counts['audit-links']).to.equal(auditBlobs.length);
    expect(await blobNames(connection, 'shared-state')).to.deep.equal([]);
    expect(await blobNames(connection, 'shared-state-transcripts')).to.deep.equal([]);
    const audit = new ContainerClient(connection, 'shared-state-audit');
    const record = JSON.parse((await audit.getBlockBlobClient(auditBlobs[0]!).downloadToBuffer()).toString('utf8'));
    expect(record.conversationKey).to.equal('');
    expect(record.outcome).to.be.a('string');
  });
});
