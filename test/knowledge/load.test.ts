import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { KnowledgeBaseError, loadKnowledgeBase } from '../../src/knowledge/index.js';
import { knowledgeDir } from '../../src/paths.js';

type Json = Record<string, any>;

/** Loads a copy of knowledge/kb with one file changed, and returns the error it raises. */
function loadBroken(file: string, change: (json: Json) => void, raw?: string): KnowledgeBaseError {
  const dir = mkdtempSync(join(tmpdir(), 'kb-broken-'));
  try {
    cpSync(join(knowledgeDir, 'kb'), dir, { recursive: true });
    const path = join(dir, file);
    if (raw !== undefined) writeFileSync(path, raw);
    else {
      const json = JSON.parse(readFileSync(path, 'utf8')) as Json;
      change(json);
      writeFileSync(path, JSON.stringify(json, null, 2));
    }
    try {
      loadKnowledgeBase(dir);
    } catch (error) {
      expect(error).to.be.instanceOf(KnowledgeBaseError);
      return error as KnowledgeBaseError;
    }
    throw new Error('expected the knowledge base not to load');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function entry(json: Json, id: string): Json {
  return (json.entries as Json[]).find((e) => e.id === id)!;
}

describe('knowledge base loading', () => {
  it('loads the real knowledge base', () => {
    const kb = loadKnowledgeBase();
    expect(kb.entries.length).to.be.greaterThan(15);
    expect(kb.concerns).to.have.length(5);
  });

  it('names the file, the entry and the field of a missing field', () => {
    const error = loadBroken('care.json', (json) => {
      delete entry(json, 'recovery').citations[1].supports;
    });
    expect(error.file).to.match(/care\.json$/);
    expect(error.entryId).to.equal('recovery');
    expect(error.field).to.equal('citations[1].supports');
    expect(error.message).to.include('care.json').and.include('"recovery"').and.include('"citations[1].supports"');
  });

  it('names a misspelt field', () => {
    const error = loadBroken('basics.json', (json) => {
      const e = entry(json, 'how-it-works');
      e.qestions = e.questions;
      delete e.questions;
    });
    expect([error.entryId, error.field]).to.deep.equal(['how-it-works', 'qestions']);
  });

  it('rejects an answer that calls a person safe or eligible (SAFETY-SPEC.md)', () => {
    const error = loadBroken('concerns-advice.json', (json) => {
      entry(json, 'concern-large-pores').answer = 'Micro-needling is safe for your pores. It will shrink them.';
    });
    expect([error.entryId, error.field]).to.deep.equal(['concern-large-pores', 'answer']);
    expect(error.reason).to.match(/safe/);
  });

  it('rejects an over-long quote (it is the citation abstract, max 160 characters)', () => {
    const error = loadBroken('basics.json', (json) => {
      entry(json, 'what-is-microneedling').citations[0].quote = 'x'.repeat(161);
    });
    expect([error.entryId, error.field]).to.deep.equal(['what-is-microneedling', 'citations[0].quote']);
  });

  it('rejects an entry without citations', () => {
    const error = loadBroken('basics.json', (json) => {
      entry(json, 'vs-laser').citations = [];
    });
    expect([error.entryId, error.field]).to.deep.equal(['vs-laser', 'citations']);
  });

  it('rejects an unknown concern id in an entry', () => {
    const error = loadBroken('concerns-advice.json', (json) => {
      entry(json, 'concern-sagging').concerns = ['saggy'];
    });
    expect([error.entryId, error.field]).to.deep.equal(['concern-sagging', 'concerns[0]']);
  });

  it('rejects a concern whose advice entry does not exist', () => {
    const error = loadBroken('concerns.json', (json) => {
      (json.concerns as Json[])[1]!.adviceEntryId = 'no-such-entry';
    });
    expect(error.file).to.match(/concerns\.json$/);
    expect([error.entryId, error.field]).to.deep.equal(['acne-scars', 'adviceEntryId']);
  });

  it('rejects a general advice entry that does not exist', () => {
    const error = loadBroken('concerns.json', (json) => {
      json.generalAdviceEntryId = 'no-such-entry';
    });
    expect(error.file).to.match(/concerns\.json$/);
    expect(error.field).to.equal('generalAdviceEntryId');
  });

  it('rejects a missing concern', () => {
    const error = loadBroken('concerns.json', (json) => {
      json.concerns = (json.concerns as Json[]).filter((c) => c.id !== 'sagging');
    });
    expect(error.field).to.equal('concerns');
    expect(error.reason).to.include('sagging');
  });

  it('rejects a duplicate entry id across files', () => {
    const error = loadBroken('care.json', (json) => {
      entry(json, 'frequency').id = 'how-it-works';
    });
    expect([error.entryId, error.field]).to.deep.equal(['how-it-works', 'id']);
  });

  it('rejects a citation to a source missing from sources.json', () => {
    const error = loadBroken('sources.json', (json) => {
      json.specSources = (json.specSources as Json[]).filter((s) => s.id !== 'N');
    });
    expect(error.file).to.match(/care\.json$/);
    expect([error.entryId, error.field]).to.deep.equal(['recovery', 'citations[2].source']);
  });

  it('names the file of invalid JSON', () => {
    const error = loadBroken('care.json', () => {}, '{ "version": "1", "entries": [ ');
    expect(error.file).to.match(/care\.json$/);
    expect(error.reason).to.match(/not valid JSON/);
  });

  it('rejects a cited heading with no neutral section label, and a label that repeats an overclaim', () => {
    const error = loadBroken('sources.json', (json) => {
      json.article.sections = (json.article.sections as Json[]).filter((s) => s.label !== 'Results');
    });
    expect([error.entryId, error.field]).to.deep.equal(['results-and-sessions', 'citations[0].heading']);
    const overclaim = loadBroken('sources.json', (json) => {
      (json.article.sections as Json[]).find((s) => s.label === 'Results')!.label = 'Instant results';
    });
    expect(overclaim.reason).to.match(/neutral/);
  });

  it('rejects a rule-questions.json rule that is not in the rule table, and a concept the reader does not know', () => {
    const rule = loadBroken('rule-questions.json', (json) => {
      (json.rules as Json[])[0]!.rule = 'R-NO-SUCH-RULE';
    });
    expect([rule.entryId, rule.field]).to.deep.equal(['R-NO-SUCH-RULE', 'rules[0].rule']);
    const concept = loadBroken('rule-questions.json', (json) => {
      (json.rules as Json[])[1]!.concepts = ['pregnancyy'];
    });
    expect(concept.reason).to.include('pregnancyy');
  });

  it('rejects a written answer beside a generated one', () => {
    const error = loadBroken('care.json', (json) => {
      entry(json, 'who-should-not').answer = 'A hand-written list. It would drift from the rules.';
    });
    expect([error.entryId, error.field]).to.deep.equal(['who-should-not', 'answer']);
  });

  it('rejects a note an answer says (saysNotes) that the rule table does not have, and a malformed one', () => {
    const unknown = loadBroken('concerns-advice.json', (json) => {
      entry(json, 'concern-acne-scars').saysNotes = ['N-DEEP-SCAR'];
    });
    expect([unknown.entryId, unknown.field]).to.deep.equal(['concern-acne-scars', 'saysNotes[0]']);
    expect(unknown.reason).to.match(/no note "N-DEEP-SCAR" in the rule table/);
    const malformed = loadBroken('concerns-advice.json', (json) => {
      entry(json, 'concern-acne-scars').saysNotes = ['deep scars'];
    });
    expect(malformed.reason).to.match(/N-WORD-WORD/);
  });

  it('names a missing knowledge folder', () => {
    expect(() => loadKnowledgeBase(join(tmpdir(), 'no-such-kb-folder'))).to.throw(KnowledgeBaseError, /not found/);
  });
});
