import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReaderKnowledge, parseReaderKnowledge, ReaderKnowledgeError } from '../../../src/understanding/reader/index.js';
import { copyKnowledge, knowledge } from './helpers.js';

/** A broken data file stops with a message naming the file, the entry and the field. */
describe('clinical reader: data files', () => {
  const problem = (change: (data: { terminology: Record<string, unknown>; triggers: Record<string, unknown> }) => void) => {
    const copy = copyKnowledge() as unknown as {
      terminology: Record<string, unknown>;
      triggers: Record<string, unknown>;
      retrieval: unknown;
      conversation: unknown;
    };
    change(copy);
    try {
      parseReaderKnowledge(copy.terminology, copy.triggers, copy.retrieval, copy.conversation);
    } catch (error) {
      expect(error).to.be.instanceOf(ReaderKnowledgeError);
      return (error as Error).message;
    }
    throw new Error('expected the data to be refused');
  };
  type Concepts = { id: string; terms: string[]; kind: string }[];

  it('loads the English files', () => {
    expect(knowledge.terminology.locale).to.equal('en');
    expect(knowledge.terminology.concepts.length).to.be.greaterThan(40);
  });

  it('names the concept and field of a broken phrase', () => {
    const message = problem((data) => void ((data.terminology.concepts as Concepts).find((c) => c.id === 'eczema')!.terms[0] = 'ec*zema'));
    expect(message).to.match(/terminology\.json: concept eczema: field "terms\[0\]": .*"\*" goes at the end/);
  });

  it('names a concept kind that does not exist', () => {
    const message = problem((data) => void ((data.terminology.concepts as Concepts)[0]!.kind = 'disease'));
    expect(message).to.match(/concept pregnancy: field "kind"/);
  });

  it('refuses a red-flag rule that names no concept', () => {
    const message = problem(
      (data) => void (data.terminology.redFlags as { rules: { anyOf: string[] }[] }).rules[0]!.anyOf.push('sneezing'),
    );
    expect(message).to.match(/terminology\.json: field "redFlags\.rules\[0\]\.anyOf\[7\]": no concept with id "sneezing"/);
  });

  it('refuses duplicate concept ids and unknown fields', () => {
    expect(
      problem((data) => void (data.terminology.concepts as Concepts).push({ ...(data.terminology.concepts as Concepts)[0]! })),
    ).to.match(/duplicate concept id "pregnancy"/);
    expect(
      problem((data) => void (((data.terminology.concepts as Concepts)[1] as unknown as Record<string, unknown>).synonyms = [])),
    ).to.match(/concept isotretinoin: field "synonyms"/);
  });

  it('names the trigger of a broken trigger', () => {
    const message = problem((data) => void ((data.triggers.triggers as { direction: string }[])[0]!.direction = 'sideways'));
    expect(message).to.match(/reader-triggers\.json: trigger negation-before: field "direction"/);
  });

  it('says when a file cannot be read or is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reader-'));
    expect(() => loadReaderKnowledge(dir)).to.throw(ReaderKnowledgeError, /terminology\.json: field "\(file\)": cannot read/);
    writeFileSync(join(dir, 'terminology.json'), '{ not json');
    expect(() => loadReaderKnowledge(dir)).to.throw(ReaderKnowledgeError, /not valid JSON/);
  });
});
