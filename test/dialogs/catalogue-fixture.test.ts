import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore, type Core } from '../../src/core.js';
import { knowledgeDir } from '../../src/paths.js';
import { runConversation, wholeAssessment } from '../support/conversation.js';
import { askedIds, completedEventOf } from '../support/assessment-script.js';

/**
 * Adding a screening question is one catalogue entry plus its strings and terminology (issue
 * 17): no code. A fixture copy of the knowledge adds "a tattoo in the area" with its rule, and
 * the form asks it, reads it in words, takes it when said early, and the engine decides on it.
 */

// Free-form JSON, edited on purpose.
type Json = Record<string, any>;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;

function fixtureKnowledge(change: { strings?: (strings: Json) => void } = {}): { dir: string; core: () => Core } {
  const dir = mkdtempSync(join(tmpdir(), 'catalogue-fixture-'));
  for (const part of ['safety', 'en', 'strings', 'kb']) cpSync(join(knowledgeDir, part), join(dir, part), { recursive: true });

  const rulesFile = join(dir, 'safety', 'rules.json');
  const rules = readJson(rulesFile);
  const screening = rules.questions.screening as Json[];
  screening.splice(
    screening.findIndex((question) => question.id === 'pigmentation'),
    0,
    {
      id: 'tattoo',
      field: 'tattooInArea',
      type: 'tri',
      label: 'whether you have a tattoo in the area',
    },
  );
  (rules.rules as Json[]).splice(1, 0, {
    id: 'R-TATTOO',
    checks: ['screening'],
    when: 'a tattoo in the area',
    if: { field: 'tattooInArea', is: 'yes' },
    outcome: 'clinician-review',
    sentence: 'With a tattoo in the area, only a professional can decide about micro-needling there.',
    sources: [],
  });
  writeFileSync(rulesFile, JSON.stringify(rules));

  const terminologyFile = join(dir, 'en', 'terminology.json');
  const terminology = readJson(terminologyFile);
  (terminology.concepts as Json[]).push({
    id: 'tattoo',
    kind: 'screening',
    terms: ['tattoo*', 'inked'],
    answers: [{ field: 'tattooInArea' }],
  });
  writeFileSync(terminologyFile, JSON.stringify(terminology));

  const stringsFile = join(dir, 'strings', 'en.json');
  const strings = readJson(stringsFile);
  Object.assign(strings, {
    'question.tattoo': 'Do you have a tattoo in the area you would like treated?',
    'retry.tattoo': 'Please answer yes, no or not sure, for example "no tattoos".',
    'field.tattoo': 'A tattoo in the area',
  });
  change.strings?.(strings);
  writeFileSync(stringsFile, JSON.stringify(strings));

  const dirs = { safety: join(dir, 'safety'), language: join(dir, 'en'), strings: join(dir, 'strings'), kb: join(dir, 'kb') };
  return { dir, core: () => loadCore('en', {}, dirs) };
}

describe('A screening question added as data', () => {
  let fixture: ReturnType<typeof fixtureKnowledge>;
  let core: Core;
  before(() => {
    fixture = fixtureKnowledge();
    core = fixture.core();
  });
  after(() => rmSync(fixture.dir, { recursive: true, force: true }));

  it('is asked in its place, read in words, and decided on by its rule', async () => {
    const transcript = await runConversation([wholeAssessment({ tattoo: 'yes, I have a tattoo there' }), { send: 'no thanks' }], { core });
    const asked = askedIds(transcript);
    expect(asked.indexOf('tattoo')).to.be.greaterThan(asked.indexOf('medicines'));
    expect(asked.indexOf('tattoo')).to.be.lessThan(asked.indexOf('pigmentation'));
    expect(completedEventOf(transcript)?.rules).to.deep.equal(['R-TATTOO']);
    expect(transcript.flat().some((activity) => /A tattoo in the area: yes/.test(activity.text ?? ''))).to.equal(true);
  });

  it('said early, it is taken and not asked', async () => {
    const transcript = await runConversation(
      [wholeAssessment({ concerns: ['my pores, and I have a tattoo on my cheek', "that's all"] }), { send: 'no thanks' }],
      { core },
    );
    expect(askedIds(transcript)).to.not.include('tattoo');
    expect(completedEventOf(transcript)?.rules).to.deep.equal(['R-TATTOO']);
  });

  it('answered "no", nothing fires; unanswered, it is named as open', async () => {
    const no = await runConversation([wholeAssessment({ tattoo: 'no' }), { send: 'no thanks' }], { core });
    expect(completedEventOf(no)?.rules).to.deep.equal(['R-NONE']);
    const unsure = await runConversation([wholeAssessment({ tattoo: 'not sure' }), { send: 'no thanks' }], { core });
    expect(completedEventOf(unsure)?.rules).to.deep.equal(['R-UNKNOWN']);
  });

  it('a missing string stops the start, naming the key', () => {
    const broken = fixtureKnowledge({ strings: (strings) => delete strings['question.tattoo'] });
    try {
      expect(() => broken.core()).to.throw(/question\.tattoo/);
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  });
});
