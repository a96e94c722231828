import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeDir } from '../../src/paths.js';
import { parseReaderKnowledge, ReaderKnowledgeError, type ReaderKnowledge } from '../../src/understanding/reader/index.js';
import { checkReaderAnswerFields } from '../../src/understanding/reader-fields.js';
import { loadRuleTable } from '../../src/safety/index.js';

const rules = loadRuleTable();

/** Ported from the old lexicon's file checks: a field the engine does not know stops the start. */

// Free-form JSON, edited on purpose into broken shapes.
type Json = Record<string, any>;

function knowledgeWith(change: (terminology: Json) => void): ReaderKnowledge {
  const read = (file: string) => JSON.parse(readFileSync(join(knowledgeDir, 'en', file), 'utf8')) as Json;
  const terminology = read('terminology.json');
  change(terminology);
  return parseReaderKnowledge(terminology, read('reader-triggers.json'), read('retrieval.json'), read('conversation.json'));
}

describe("The reader's answer fields are the engine's", () => {
  it('the shipped terminology passes', () => {
    expect(() =>
      checkReaderAnswerFields(
        knowledgeWith(() => undefined),
        rules.fields,
      ),
    ).not.to.throw();
  });

  it('a misspelt concept field names the concept and field', () => {
    const knowledge = knowledgeWith((t) => void ((t.concepts as Json[]).find((c) => c.id === 'rosacea')!.answers[0].field = 'rosacia'));
    expect(() => checkReaderAnswerFields(knowledge, rules.fields))
      .to.throw(ReaderKnowledgeError)
      .with.property('message')
      .that.contains('terminology.json')
      .and.contains('concept rosacea')
      .and.contains('field "answers[0].field"')
      .and.contains('rosacia');
  });

  it("a red-flag rule's unknown field names the rule", () => {
    const knowledge = knowledgeWith(
      (t) => void ((t.redFlags.rules as Json[]).find((r) => r.id === 'R-RF-EYE')!.field = 'afterTreatment.eyes'),
    );
    expect(() => checkReaderAnswerFields(knowledge, rules.fields)).to.throw(ReaderKnowledgeError, /rule R-RF-EYE.*afterTreatment\.eyes/);
  });
});
