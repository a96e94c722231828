import { expect } from 'chai';
import type { Outcome } from '../../src/safety/index.js';
import { testReader } from '../understanding/test-reader.js';
import { bannedWords, fallbackRuleId, afterFallbackRuleId, specNoteIds, specRuleIds, table } from './helpers.js';

/** Outcomes and source tags as SAFETY-SPEC.md v1 states them. */
const specRules: Record<(typeof specRuleIds)[number], { outcome: Outcome; source?: 'A' | 'L' | 'F' | 'N' }> = {
  'R-AGE-MINOR': { outcome: 'not-suitable-now', source: 'F' },
  'R-PREGNANCY': { outcome: 'not-suitable-now', source: 'L' },
  'R-ISO-CURRENT': { outcome: 'not-suitable-now', source: 'L' },
  'R-ISO-RECENT': { outcome: 'clinician-review', source: 'L' },
  'R-ACTIVE-INFECTION': { outcome: 'not-suitable-now', source: 'L' },
  'R-COLD-SORE-ACTIVE': { outcome: 'not-suitable-now', source: 'L' },
  'R-COLD-SORE-HISTORY': { outcome: 'clinician-review', source: 'L' },
  'R-ACNE-ACTIVE': { outcome: 'clinician-review', source: 'A' },
  'R-ROSACEA': { outcome: 'clinician-review', source: 'A' },
  'R-ECZEMA': { outcome: 'clinician-review', source: 'A' },
  'R-PSORIASIS': { outcome: 'clinician-review', source: 'L' },
  'R-SKIN-CANCER': { outcome: 'not-suitable-now', source: 'L' },
  'R-BLEEDING-DISORDER': { outcome: 'not-suitable-now', source: 'L' },
  'R-ANTICOAGULANT': { outcome: 'clinician-review' },
  'R-KELOID': { outcome: 'clinician-review' },
  'R-IMMUNOSUPPRESSED': { outcome: 'clinician-review' },
  'R-DIABETES': { outcome: 'clinician-review' },
  'R-ALLERGY': { outcome: 'clinician-review', source: 'L' },
  'R-SUNBURN': { outcome: 'not-suitable-now' },
  'R-TOO-SOON': { outcome: 'not-suitable-now', source: 'A' },
  'R-UNKNOWN': { outcome: 'clinician-review' },
  'R-RF-ANAPHYLAXIS': { outcome: 'emergency' },
  'R-RF-SEPSIS': { outcome: 'emergency' },
  'R-RF-INFECTION': { outcome: 'urgent', source: 'N' },
  'R-RF-EYE': { outcome: 'urgent' },
  'R-RF-COLD-SORE': { outcome: 'urgent' },
  'R-AFTER-PROLONGED': { outcome: 'clinician-review' },
  'R-AFTER-NORMAL': { outcome: 'consultation' },
};

const specNoteSources: Record<(typeof specNoteIds)[number], 'A' | undefined> = {
  'N-DIY': 'A',
  'N-DEEP-SCARS': 'A',
  'N-DEEP-WRINKLES': 'A',
  'N-PIH': undefined,
  'N-AFTERCARE': 'A',
};

describe('safety rule table (knowledge/safety/rules.json)', () => {
  it('has a version like 1.0.0', () => {
    expect(table.version).to.match(/^\d+\.\d+\.\d+$/);
  });

  it('holds exactly the rule ids of the spec plus one fallback per check', () => {
    expect(table.rules.map((rule) => rule.id)).to.have.members([...specRuleIds, fallbackRuleId, afterFallbackRuleId]);
  });

  it('holds exactly the note ids of the spec', () => {
    expect(table.notes.map((note) => note.id)).to.have.members([...specNoteIds]);
  });

  for (const id of specRuleIds) {
    it(`${id} has the spec's outcome and source tag`, () => {
      const rule = table.rules.find((candidate) => candidate.id === id)!;
      expect(rule.outcome).to.equal(specRules[id].outcome);
      const source = specRules[id].source;
      if (source) expect(rule.sources).to.include(source);
    });
  }

  it('notes carry the spec source tags', () => {
    for (const id of specNoteIds) {
      const note = table.notes.find((candidate) => candidate.id === id)!;
      const source = specNoteSources[id];
      if (source) expect(note.sources, id).to.include(source);
    }
  });

  for (const [id, check] of [
    [fallbackRuleId, 'screening'],
    [afterFallbackRuleId, 'after-treatment'],
  ] as const) {
    it(`the fallback of the ${check} check (${id}) gives consultation`, () => {
      const fallback = table.rules.find((rule) => rule.id === id)!;
      expect(fallback.outcome).to.equal('consultation');
      expect(fallback.checks).to.deep.equal([check]);
      expect(fallback.if).to.deep.equal({ otherwise: true });
    });
  }

  it('after-treatment rules belong to the after-treatment check only, screening rules to screening', () => {
    for (const rule of table.rules) {
      if (rule.id === 'R-UNKNOWN' || rule.id === fallbackRuleId || rule.id === afterFallbackRuleId) continue;
      const after = rule.id.startsWith('R-RF-') || rule.id.startsWith('R-AFTER-');
      expect(rule.checks, rule.id).to.deep.equal([after ? 'after-treatment' : 'screening']);
    }
  });

  it('no sentence, note or question label says "eligible", "safe" or "cleared"', () => {
    const texts = [
      ...table.rules.map((rule) => [rule.id, rule.sentence]),
      ...table.notes.map((note) => [note.id, note.sentence]),
      ...table.questions.screening.map((question) => [question.field, question.label]),
      ...table.questions['after-treatment'].map((question) => [question.field, question.label]),
    ];
    for (const [id, text] of texts) expect(text, id).not.to.match(bannedWords);
  });

  it('every rule and note has a sentence and a "when" in words', () => {
    for (const item of [...table.rules, ...table.notes]) {
      expect(item.sentence.trim(), item.id).not.to.equal('');
      expect(item.when.trim(), item.id).not.to.equal('');
    }
  });

  it('emergency and urgent decisions carry no advisory notes', () => {
    expect(table.notesHiddenFor).to.have.members(['emergency', 'urgent']);
  });

  it("the reader's red-flag data raises only red-flag rules of the table, with the same outcomes", () => {
    const raw = testReader().compiled.knowledge.terminology.redFlags;
    const redFlagRules = table.rules.filter((rule) => rule.id.startsWith('R-RF-'));
    expect(raw.rules.map((rule) => rule.id)).to.have.members(redFlagRules.map((rule) => rule.id));
    for (const rule of raw.rules) {
      expect(rule.outcome, rule.id).to.equal(table.rules.find((candidate) => candidate.id === rule.id)!.outcome);
    }
  });

  it("the reader's files load and carry versions", () => {
    const { terminology, triggers } = testReader().compiled.knowledge;
    expect(terminology.version).to.match(/^\d+\.\d+\.\d+$/);
    expect(triggers.version).to.match(/^\d+\.\d+\.\d+$/);
  });
});
