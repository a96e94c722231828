import { expect } from 'chai';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/server/json-depth.js';
import { messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { postWebhook, webhook, whatsappEnv } from '../support/whatsapp-webhook.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** An activity whose deepest point is `depth` levels down (the activity itself is level 1, channelData level 2). */
function activityNested(depth: number, conversation: string): string {
  const activity = JSON.stringify(messageActivity('hello', { conversation }));
  return activity.replace(/}$/, `,"channelData":{"x":${arrays(depth - 2)}}}`);
}

/** A signed webhook whose deepest point is `depth` levels down, in a field Meta might add. */
function webhookNested(depth: number, waId: string): string {
  const body = webhook(waId, { text: 'hi' });
  // Levels: body 1, entry 2, entry[0] 3, changes 4, changes[0] 5, value 6, then the arrays.
  return JSON.stringify(body).replace('"messaging_product":', `"extra":${arrays(depth - 6)},"messaging_product":`);
}

describe('Deeply nested JSON bodies', () => {
  describe('nestsDeeperThan', () => {
    const cases: Array<[string, string, number, boolean]> = [
      ['a flat object', '{"a":1}', 1, false],
      ['an object in an object, limit 1', '{"a":{}}', 1, true],
      ['arrays at the limit', arrays(64), 64, false],
      ['arrays one past the limit', arrays(65), 64, true],
      ['objects one past the limit', `${'{"a":'.repeat(65)}1${'}'.repeat(65)}`, 64, true],
      ['brackets inside a string do not count', `{"a":"${'['.repeat(100)}"}`, 2, false],
      ['an escaped quote does not end the string', `{"a":"\\"${'{'.repeat(100)}"}`, 2, false],
      ['an escaped backslash before the closing quote ends it', `{"a":"\\\\",${'"b":{'.repeat(3)}1}}}}`, 3, true],
      ['siblings do not add up', `[${Array(200).fill('[[]]').join(',')}]`, 3, false],
      ['an empty body', '', 0, false],
    ];
    for (const [what, text, limit, deeper] of cases) {
      it(`${what}: ${deeper ? 'too deep' : 'fine'}`, () => {
        expect(nestsDeeperThan(bytes(text), limit)).to.equal(deeper);
      });
    }
  });

  describe(`/api/messages: at most ${MAX_JSON_DEPTH} levels`, () => {
    let app: RunningApp;
    before(async () => {
      app = await startTestApp();
    });
    after(async () => app.close());

    it(`takes an activity ${MAX_JSON_DEPTH} levels deep`, async () => {
      const response = await postActivity(app.baseUrl, activityNested(MAX_JSON_DEPTH, 'deep-fine'));
      expect(response.status).to.equal(200);
    });

    for (const depth of [MAX_JSON_DEPTH + 1, 5_000, 100_000]) {
      it(`refuses an activity ${depth} levels deep with 400 and a reason, and the bot never sees it`, async () => {
        const response = await postActivity(app.baseUrl, activityNested(depth, `deep-${depth}`));
        expect(response.status).to.equal(400);
        expect(response.body).to.deep.equal({
          error: 'invalid JSON',
          reason: `objects and arrays nest at most ${MAX_JSON_DEPTH} levels deep`,
        });
        expect(await app.storage.read([`webchat/conversations/deep-${depth}/`])).to.deep.equal({});
      });
    }
  });

  describe(`/api/whatsapp: at most ${MAX_JSON_DEPTH} levels`, () => {
    let graph: FakeGraph;
    let app: RunningApp;
    before(async () => {
      graph = await startFakeGraph();
      app = await startTestApp(whatsappEnv(graph.base));
    });
    after(async () => {
      await app.close();
      await graph.close();
    });

    it(`takes a webhook ${MAX_JSON_DEPTH} levels deep`, async () => {
      expect(await postWebhook(app.baseUrl, webhookNested(MAX_JSON_DEPTH, '447700900501'))).to.equal(200);
      await graph.waitForRequests(1);
    });

    for (const depth of [MAX_JSON_DEPTH + 1, 5_000]) {
      it(`refuses a signed webhook ${depth} levels deep with 400, and the bot never sees it`, async () => {
        const waId = `4477009006${String(depth).padStart(2, '0').slice(-2)}`;
        expect(await postWebhook(app.baseUrl, webhookNested(depth, waId))).to.equal(400);
        await app.settle();
        expect(await app.storage.read([`whatsapp/conversations/${waId}/`])).to.deep.equal({});
      });
    }
  });
});
