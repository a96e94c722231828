import { expect } from 'chai';
import { MemoryStorage, type Activity, type StoreItems } from 'botbuilder';
import { assessOverHttp, messageActivity, postActivity, startTestApp, type RunningApp } from '../support/app.js';
import { askedQuestion } from '../support/assessment-script.js';

/**
 * Each answer is taken once (issue 17): a question is answered only by a message that came after
 * it was sent. Copies of one answer, or an answer typed ahead, arrive while the turn before them
 * still runs (the store here takes 250 ms a write, as a remote store may, and long enough that on a
 * busy machine every copy is in before the first reply leaves); they never answer a
 * question the person had not seen.
 */
class SlowStorage extends MemoryStorage {
  override async write(changes: StoreItems): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 250));
    return super.write(changes);
  }
}

describe('Each answer is taken once', function () {
  this.timeout(30_000);
  let app: RunningApp;
  before(async () => {
    app = await startTestApp({}, new SlowStorage());
  });
  after(async () => app.close());

  const replies = (response: { body: { activities?: Partial<Activity>[] } }) => response.body.activities ?? [];
  const stored = async (conversation: string) => {
    const key = `webchat/conversations/${conversation}/`;
    return (await app.storage.read([key]))[key] as { assessment?: { answers: Record<string, unknown> } } | undefined;
  };

  it('ten copies of "no" at the pregnancy question answer it once; the next question stays open', async () => {
    const ids = { user: 'copies-user', conversation: 'copies' };
    await assessOverHttp(app.baseUrl, ids, {}, { until: 'pregnancy' });
    const copies = await Promise.all(Array.from({ length: 10 }, () => postActivity(app.baseUrl, messageActivity('no', ids))));
    const asked = copies.map((response) => askedQuestion(replies(response))).filter((id) => id !== undefined);
    expect(asked, 'only the first copy moves the conversation on').to.deep.equal(['isotretinoin']);
    const record = (await stored('copies'))!.assessment!;
    expect(record.answers['pregnantOrBreastfeeding']).to.equal('no');
    expect(record.answers['isotretinoin'], 'a question the person never saw is not answered').to.equal(undefined);
    // The person now answers the question they see.
    const next = await postActivity(app.baseUrl, messageActivity('never', ids));
    expect(askedQuestion(replies(next))).to.equal('checklists');
  });

  it('an answer typed ahead of its question is not taken for it', async () => {
    const ids = { user: 'ahead-user', conversation: 'ahead' };
    await assessOverHttp(app.baseUrl, ids, {}, { until: 'pregnancy' });
    // "no" to pregnancy, and "none of these" sent before the isotretinoin question arrived.
    const [first, ahead] = await Promise.all([
      postActivity(app.baseUrl, messageActivity('no', ids)),
      postActivity(app.baseUrl, messageActivity('none of these', ids)),
    ]);
    expect(askedQuestion(replies(first))).to.equal('isotretinoin');
    expect(replies(ahead).filter((activity) => activity.type === 'message')).to.deep.equal([]);
    expect((await stored('ahead'))!.assessment!.answers['isotretinoin']).to.equal(undefined);
  });

  it('what an early message names is still taken ("I\'m pregnant" typed ahead)', async () => {
    const ids = { user: 'named-user', conversation: 'named' };
    await assessOverHttp(app.baseUrl, ids, {}, { until: 'age' });
    await Promise.all([
      postActivity(app.baseUrl, messageActivity('34', ids)),
      postActivity(app.baseUrl, messageActivity("I'm pregnant", ids)),
    ]);
    expect((await stored('named'))!.assessment!.answers['pregnantOrBreastfeeding']).to.equal('yes');
  });

  it('an answer sent while the same question is asked again (after an unreadable one) still answers it', async () => {
    const ids = { user: 'retry-user', conversation: 'retry' };
    await assessOverHttp(app.baseUrl, ids, {}, { until: 'pregnancy' });
    const [, answer] = await Promise.all([
      postActivity(app.baseUrl, messageActivity('blargh', ids)),
      postActivity(app.baseUrl, messageActivity('no', ids)),
    ]);
    expect(askedQuestion(answer.body.activities ?? [])).to.equal('isotretinoin');
  });
});
