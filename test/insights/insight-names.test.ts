import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { createBot } from '../../src/bot/create-bot.js';
import { MainDialog } from '../../dialogs/main-dialog.js';
import { insightNamer } from '../../src/insights/insight-names.js';
import { promptQuestions } from '../../src/insights/observe-prompts.js';
import { knowledgeDir } from '../../src/paths.js';
import { MemoryAuditSink, outcomes } from '../../src/safety/index.js';
import { loadStrings } from '../../src/strings/index.js';
import { makeTempDir } from '../support/temp-dir.js';
import { fixedClock, testCore } from '../support/conversation.js';

const { strings, safety } = testCore();
const namer = insightNamer(strings, safety.rules);

/** Every question id the funnel counts: the prompts of the whole dialog tree, the handoff's included. */
function countedQuestionIds(): string[] {
  const { deps } = createBot({
    ...testCore(),
    storage: new MemoryStorage(),
    audit: new MemoryAuditSink(),
    auditSecret: 'test-secret',
    retentionDays: 30,
    handoff: { url: 'http://127.0.0.1:9/handoff', secret: 'a-secret-of-16-chars' },
    clock: fixedClock,
  });
  return promptQuestions(new MainDialog(deps)).map(({ questionId }) => questionId);
}

/** A name a manager reads: text from the data, not the id. */
function expectName(name: string, id: string) {
  expect(name, id).to.be.a('string').and.not.equal(id);
  expect(name, id).to.match(/^[A-Z]/);
}

describe('The names the clinic insights show for ids', () => {
  describe('every rule of the rule table, by its "when"', () => {
    for (const rule of safety.rules.rules) {
      it(rule.id, () => {
        const name = namer.rule(rule.id);
        expectName(name, rule.id);
        expect(name.toLowerCase()).to.equal(rule.when.toLowerCase());
      });
    }
  });

  describe('every question the funnel counts (the prompts of the dialogs)', () => {
    const ids = countedQuestionIds();
    it('finds the dialogs’ prompts', () => expect(ids).to.include.members(['consent', 'age', 'skinNow', 'readBack', 'handoffContact']));
    for (const id of ids) {
      it(id, () => {
        const name = namer.question(id);
        expectName(name, id);
        expect(name, id).to.equal(safeString(`insights.question.${id}`) ?? safeString(`field.${id}`));
      });
    }
  });

  describe('every question of the catalogue (corrections are counted by these)', () => {
    for (const questions of Object.values(safety.rules.questions)) {
      for (const question of questions) it(question.id, () => expectName(namer.question(question.id), question.id));
    }
  });

  describe('every outcome', () => {
    for (const outcome of outcomes) it(outcome, () => expectName(namer.outcome(outcome), outcome));
  });

  it('a prompt counted with its container ("form:age") has the prompt’s name; an id nothing names stays as it is', () => {
    expect(namer.question('formDialog:age')).to.equal(namer.question('age'));
    expect(namer.question('aQuestionOfAnOlderVersion')).to.equal('aQuestionOfAnOlderVersion');
    expect(namer.rule('R-OF-AN-OLDER-VERSION')).to.equal('R-OF-AN-OLDER-VERSION');
  });

  it('takes the names from the strings file of the language, not from code', async () => {
    const temp = await makeTempDir('insight-names-');
    try {
      const table = JSON.parse(await readFile(join(knowledgeDir, 'strings', 'en.json'), 'utf8')) as Record<string, string>;
      table['field.age'] = 'Years of age';
      table['insights.rule.R-NONE'] = 'Nothing else applied';
      table['insights.outcome.consultation'] = 'A consultation';
      await writeFile(join(temp.dir, 'en.json'), JSON.stringify(table));
      const other = insightNamer(loadStrings('en', temp.dir), safety.rules);
      expect([other.question('age'), other.rule('R-NONE'), other.outcome('consultation')]).to.deep.equal([
        'Years of age',
        'Nothing else applied',
        'A consultation',
      ]);
    } finally {
      await temp.remove();
    }
  });
});

function safeString(key: string): string | undefined {
  try {
    return strings(key);
  } catch {
    return undefined;
  }
}
