import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CONCERN_IDS, contraindicationsAnswer, loadKnowledgeBase } from '../../src/knowledge/index.js';
import { loadRuleTable } from '../../src/safety/index.js';
import { projectRoot } from '../../src/paths.js';

/** What the curated content must be, whatever a later edit changes. */
describe('knowledge base content', () => {
  const kb = loadKnowledgeBase();

  it('has an advice entry for every concern, and it serves that concern', () => {
    expect(kb.concerns.map((c) => c.id)).to.have.members([...CONCERN_IDS]);
    for (const id of CONCERN_IDS) {
      const advice = kb.adviceForConcern(id);
      expect(advice, id).to.not.equal(undefined);
      expect(advice!.concerns, id).to.include(id);
    }
    expect(kb.adviceForConcern('no-such-concern')).to.equal(undefined);
  });

  it('cites at least one source in every entry', () => {
    for (const entry of kb.entries) expect(entry.citations.length, entry.id).to.be.at.least(1);
  });

  it('never says eligible, safe, cleared, guaranteed or "no downtime" in an answer', () => {
    for (const entry of kb.entries) {
      expect(entry.answer, entry.id).to.not.match(/\b(eligible|safe|safely|cleared|guaranteed|no downtime)\b/i);
    }
  });

  it("fixes the article's typos and overclaims in answers (they survive only inside quotes)", () => {
    const overclaims =
      /\b(cane scars|super facial|elastic production|instant results|best solution|most effective|shrinking pores|any inflammation)\b/i;
    for (const entry of kb.entries) expect(entry.answer, entry.id).to.not.match(overclaims);
  });

  it('keeps answers short, and leaves the decision to a professional where it matters', () => {
    // A generated answer is as long as the rule table's list; the written ones are chat bubbles.
    for (const entry of kb.entries.filter((e) => e.answerFrom === undefined)) {
      expect(entry.answer.length, entry.id).to.be.within(40, 700);
    }
    for (const id of [
      'what-is-microneedling',
      'results-and-sessions',
      'at-home-use',
      'who-should-not',
      ...CONCERN_IDS.map((c) => `concern-${c}`),
    ]) {
      expect(kb.entryById(id)!.answer, id).to.match(/professional|practitioner|expert/i);
    }
  });

  it('covers the whole article', () => {
    const required = [
      'what-is-microneedling', // what it is
      'how-it-works', // micro-injuries, healing, collagen and elastin
      'results-and-sessions', // results, 4 to 5 sessions
      'product-absorption', // absorption of skin products
      'recovery', // recovery
      'pairing-topicals', // pairing with topicals
      'at-home-use', // at home only with expert advice; not with acne, rosacea, eczema
      'frequency', // one session a month; too frequent reverses the effects
      'aftercare', // gentle afterwards, harsh products, patch tests
      'professional-advice',
      'concern-fine-lines-wrinkles',
      'concern-acne-scars',
      'concern-sun-damage-pigmentation',
      'concern-sagging',
      'concern-large-pores',
    ];
    for (const id of required) expect(kb.entryById(id), id).to.not.equal(undefined);
    const text = (id: string) => kb.entryById(id)!.answer;
    expect(text('results-and-sessions')).to.match(/4 to 5 sessions/);
    expect(text('how-it-works')).to.match(/collagen and elastin/);
    expect(text('at-home-use'))
      .to.match(/expert/)
      .and.match(/acne, rosacea or eczema/);
    expect(text('frequency'))
      .to.match(/one session a month/)
      .and.match(/too frequent/);
    expect(text('aftercare'))
      .to.match(/gentle/)
      .and.match(/harsh products/)
      .and.match(/patch-test/);
    expect(text('concern-fine-lines-wrinkles')).to.match(/not very effective for deep wrinkles/);
    expect(text('concern-acne-scars'))
      .to.match(/longer needles/)
      .and.match(/professionals/);
    expect(text('recovery'))
      .to.match(/red/)
      .and.match(/tight/)
      .and.match(/few days/);
  });

  it('cites SAFETY-SPEC.md sources where an answer adds clinical facts the article lacks', () => {
    for (const id of ['recovery', 'who-should-not', 'risks-side-effects']) {
      expect(
        kb.entryById(id)!.citations.some((c) => c.kind === 'spec-source'),
        id,
      ).to.equal(true);
    }
    for (const c of kb.entries.flatMap((e) => e.citations)) {
      if (c.kind === 'spec-source') expect(['L', 'F', 'N']).to.include(c.source);
    }
  });

  it('generates "who should not" from the rule table: every contraindication, and nothing hand-written', () => {
    const rules = loadRuleTable();
    const answer = kb.entryById('who-should-not')!.answer;
    expect(kb.entryById('who-should-not')!.answerFrom).to.equal('contraindications');
    for (const rule of rules.rules.filter(
      (r) => r.checks.includes('screening') && ['not-suitable-now', 'clinician-review'].includes(r.outcome),
    )) {
      if ('anyQuestionOpen' in rule.if) continue;
      expect(answer, rule.id).to.include(rule.when);
    }
    const changed = { ...rules, rules: [...rules.rules, { ...rules.rules[0]!, id: 'R-PROBE', when: 'a condition added by a clinician' }] };
    expect(contraindicationsAnswer(changed)).to.include('a condition added by a clinician');
  });

  it('lists the topics it can talk about', () => {
    const topics = kb.topics();
    expect(topics).to.have.length(kb.entries.length);
    expect(topics).to.include('Fine lines and wrinkles');
    expect(new Set(topics).size).to.equal(topics.length);
  });

  it('looks entries up by id', () => {
    expect(kb.entryById('frequency')?.title).to.equal('How often to have micro-needling');
    expect(kb.entryById('nope')).to.equal(undefined);
  });

  it('keeps src/knowledge free of botbuilder (a pure module)', () => {
    const dir = join(projectRoot, 'src', 'knowledge');
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file), 'utf8'), file).to.not.match(/from ['"]botbuilder/);
    }
  });
});
