import { expect } from 'chai';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestApp, type RunningApp } from '../support/app.js';
import { makeTempDir } from '../support/temp-dir.js';
import { ADMIN_TOKEN, getInsights, runInsightScript, SCRIPT_FIGURES } from '../support/insights-script.js';
import { suppressSmallCounts } from '../../src/insights/suppress.js';
import { aggregateInsights } from '../../src/insights/aggregate.js';
import { parseCheckedLine } from '../../src/checked-lines.js';

const DAY = '2026-11-24';

/** The counts as the API shows them with this minimum (what is below is null), without the names. */
function expectedReport(minCount: number) {
  const { screeningsStarted, followedUp, corrected, ...contract } = SCRIPT_FIGURES;
  const { counts, suppressed } = suppressSmallCounts(
    { ...contract, outcomesByDay: { [DAY]: SCRIPT_FIGURES.outcomes }, screeningsStarted, followedUp, corrected },
    minCount,
  );
  return { from: '2026-10-26', to: DAY, minCount, ...counts, suppressed, zeroShown: minCount !== 2 };
}

function withoutNames(body: Record<string, unknown>) {
  const { names: _names, ...rest } = body;
  return rest;
}

describe('The clinic insights through the real server (lowdb)', function () {
  this.timeout(120_000);
  let temp: { dir: string; remove: () => Promise<void> };
  let app: RunningApp;

  before(async () => {
    temp = await makeTempDir('insights-');
    app = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir, ADMIN_TOKEN, INSIGHTS_MIN_COUNT: '1' });
    await runInsightScript(app);
  });
  after(async () => {
    await app.close();
    await temp.remove();
  });

  it('counts every step of the scripted conversations', async () => {
    const { status, body } = await getInsights(app);
    expect(status).to.equal(200);
    expect(withoutNames(body)).to.deep.equal(expectedReport(1));
    // The contract's keys, in its order, then the documented extras.
    expect(Object.keys(body)).to.deep.equal([
      'from',
      'to',
      'minCount',
      'conversations',
      'consented',
      'screeningsCompleted',
      'outcomes',
      'rules',
      'dropOff',
      'unrecognised',
      'redFlags',
      'handoffs',
      'bookingClicks',
      'outcomesByDay',
      'screeningsStarted',
      'followedUp',
      'corrected',
      'suppressed',
      'zeroShown',
      'names',
    ]);
  });

  it('names every rule, question and outcome id it holds, from the strings and the rule table', async () => {
    const { body } = await getInsights(app);
    expect(body.names.rules).to.deep.equal({
      'R-NONE': 'No other rule applies',
      'R-RF-ANAPHYLAXIS': 'Trouble breathing, swelling of the lips, tongue, throat or face, feeling faint',
      'R-UNKNOWN': 'Any answer of this check is "not sure", missing, or could not be understood after two tries',
    });
    expect(body.names.outcomes).to.deep.equal({ consultation: 'Consultation', emergency: 'Emergency' });
    expect(body.names.questions).to.include({
      consent: 'Agreeing to the terms',
      pregnancy: 'Pregnant or breastfeeding',
      checklists: 'Health checklists asked together',
      readBack: 'Checking the noted answers',
      age: 'Age',
    });
    const named = new Set([...Object.keys(body.dropOff), ...Object.keys(body.unrecognised), ...Object.keys(body.corrected)]);
    expect(Object.keys(body.names.questions).sort()).to.deep.equal([...named].sort());
  });

  it('keeps the funnel nested: the emergency before consent is an outcome, not a completed screening', async () => {
    const { body } = await getInsights(app);
    const steps = [body.conversations, body.consented, body.screeningsStarted, body.screeningsCompleted, body.followedUp];
    expect(steps).to.deep.equal([4, 2, 2, 1, 1]);
    expect(body.outcomes).to.deep.equal({ consultation: 1, emergency: 1 });
  });

  it('keeps the events as JSON lines per day under DATA_DIR/insights, with kinds, days and ids only', async () => {
    expect(await readdir(join(temp.dir, 'insights'))).to.deep.equal([`insights-${DAY}.jsonl`]);
    const lines = (await readFile(join(temp.dir, 'insights', `insights-${DAY}.jsonl`), 'utf8')).trim().split('\n');
    const events = lines.map((line) => parseCheckedLine(line)!.value as Record<string, unknown>);
    for (const event of events) {
      expect(Object.keys(event).every((key) => ['day', 'kind', 'questionId', 'outcome', 'rules'].includes(key))).to.equal(true);
      expect(event['day']).to.equal(DAY);
    }
    // The events' JSON (a line's checksum is hex digits and may hold any two of them).
    const text = events.map((event) => JSON.stringify(event)).join('\n');
    for (const typed of ['blargh', 'lips', 'pores', '34', 'insights-completed', 'user']) expect(text).to.not.contain(typed);
    // Adding the stored lines up again gives the same figures.
    expect(aggregateInsights([{ lines: lines.join('\n') }]).conversations).to.equal(4);
  });

  const suppressionCases: Array<{ minCount: number; shown: string[]; hidden: string[] }> = [
    // A minimum of 2 hides zeros too: shown, a hidden count would be exactly 1.
    {
      minCount: 2,
      shown: ['conversations', 'consented', 'screeningsStarted', 'unrecognised.pregnancy.asked'],
      hidden: [
        'handoffs',
        'outcomes.emergency',
        'rules.R-NONE',
        'dropOff.pregnancy',
        'redFlags.urgent',
        'corrected.age',
        'screeningsCompleted',
      ],
    },
    {
      minCount: 4,
      shown: ['conversations', 'redFlags.urgent', 'unrecognised.age.unreadable'],
      hidden: ['consented', 'unrecognised.pregnancy.asked', 'bookingClicks', 'followedUp', 'corrected.age'],
    },
    {
      minCount: 1000,
      shown: ['redFlags.urgent'],
      hidden: ['conversations', 'consented', 'unrecognised.describe.asked', 'outcomesByDay.2026-11-24.consultation'],
    },
  ];
  for (const { minCount, shown, hidden } of suppressionCases) {
    it(`with INSIGHTS_MIN_COUNT=${minCount} hides what is below and lists its paths`, async () => {
      // A second server on the same store: the same events, another minimum.
      const other = await startTestApp({ STORAGE: 'lowdb', DATA_DIR: temp.dir, ADMIN_TOKEN, INSIGHTS_MIN_COUNT: String(minCount) });
      try {
        const { body } = await getInsights(other);
        expect(withoutNames(body)).to.deep.equal(expectedReport(minCount));
        for (const path of hidden) expect(body.suppressed, path).to.include(path);
        for (const path of shown) expect(body.suppressed, path).to.not.include(path);
        const at = (path: string) => path.split('.').reduce((value: any, key) => value?.[key], body);
        for (const path of hidden) expect(at(path), path).to.equal(null);
        for (const path of shown) expect(at(path), path).to.be.a('number');
      } finally {
        await other.close();
      }
    });
  }

  const rangeCases: Array<[string, number, RegExp | null]> = [
    ['?from=2026-11-24&to=2026-11-24', 200, null],
    ['?from=2026-11-25&to=2026-11-30', 200, null],
    ['?from=2026-11-30&to=2026-11-01', 400, /from: must be on or before to/],
    ['?from=2026-13-01', 400, /from: expected a date as YYYY-MM-DD/],
    ['?to=2026-02-30', 400, /to: expected a date/],
    ['?from=yesterday', 400, /from: expected a date/],
  ];
  for (const [query, status, reason] of rangeCases) {
    it(`answers ${status} for ${query}`, async () => {
      const response = await getInsights(app, query);
      expect(response.status).to.equal(status);
      if (reason) expect(response.body.reason).to.match(reason);
    });
  }

  it('gives an empty range zero counts, shown as 0, and keeps its dates', async () => {
    const { body } = await getInsights(app, '?from=2026-11-25&to=2026-11-30');
    expect(body).to.include({ from: '2026-11-25', to: '2026-11-30', conversations: 0, followedUp: 0, handoffs: 0 });
    expect(body.outcomes).to.deep.equal({});
    expect(body.suppressed).to.deep.equal([]);
  });

  it('drops days past RETENTION_DAYS in the retention sweep', async () => {
    const counts = await app.sweepRetention(new Date('2026-12-10T00:00:00Z'));
    expect(counts['insights']).to.equal(0);
    expect((await getInsights(app)).body.conversations).to.equal(4);
    const later = await app.sweepRetention(new Date('2026-12-25T00:00:01Z'));
    expect(later['insights']).to.equal(1);
    expect(await readdir(join(temp.dir, 'insights'))).to.deep.equal([]);
    expect((await getInsights(app)).body.conversations).to.equal(0);
  });
});
