import { expect } from 'chai';

import { answerWithCitations, citationEntity, loadKnowledgeBase } from '../../src/knowledge/index.js';

/**
 * The entity must be what Web Chat (docs/CITATION.md) and Teams ("Bot messages with AI-generated
 * content") render: see the comment in src/knowledge/citations.ts.
 */
describe('citation entity (citationEntity, answerWithCitations)', () => {
  const kb = loadKnowledgeBase();
  const recovery = kb.entryById('recovery')!;

  it('is a schema.org Message with one Claim per cited passage, positions 1..n', () => {
    const entity = citationEntity(recovery);
    expect(entity).to.include({
      type: 'https://schema.org/Message',
      '@type': 'Message',
      '@context': 'https://schema.org',
      '@id': '',
    });
    expect(entity.citation).to.have.length(recovery.citations.length);
    entity.citation.forEach((claim, i) => {
      expect(claim['@type']).to.equal('Claim');
      expect(claim.position).to.equal(i + 1);
      expect(claim.appearance['@type']).to.equal('DigitalDocument');
    });
  });

  it('shows the article heading and the verbatim quote for article citations', () => {
    const entity = citationEntity(kb.entryById('concern-acne-scars')!);
    const first = entity.citation[0]!.appearance;
    expect(first.name).to.equal('Micro-needling article, section: Scars');
    expect(first.abstract).to.equal('Micro-needling can be very effective in treating acne scars.');
    expect(first.url).to.equal(undefined);
    expect(first.text).to.include('> Micro-needling can be very effective in treating acne scars.');
  });

  it('names the SAFETY-SPEC.md source, with its URL where it has one, for spec-source citations', () => {
    const [, labelling, nhs] = citationEntity(recovery).citation;
    expect(labelling!.appearance.name).to.match(/^Device labelling/);
    expect(labelling!.appearance.url).to.equal(undefined);
    expect(nhs!.appearance.name).to.equal('NHS: Cellulitis (skin infection)');
    expect(nhs!.appearance.url).to.match(/^https:\/\/www\.nhs\.uk\//);
    expect(nhs!.appearance.text).to.include('Not a quotation');
  });

  it('keeps within Teams limits for every entry (20 claims, name 80, abstract 160)', () => {
    for (const entry of kb.entries) {
      const entity = kb.citationEntity(entry);
      expect(entity.citation.length, entry.id).to.be.within(1, 20);
      for (const claim of entity.citation) {
        expect(claim.appearance.name.length, entry.id).to.be.within(1, 80);
        expect(claim.appearance.abstract.length, entry.id).to.be.within(1, 160);
      }
    }
  });

  it('can carry the detail as a Teams Adaptive Card, or not at all', () => {
    const card = citationEntity(recovery, { detail: 'adaptive-card' }).citation[0]!.appearance;
    expect(card.encodingFormat).to.equal('application/vnd.microsoft.card.adaptive');
    expect(JSON.parse(card.text!)).to.include({ type: 'AdaptiveCard' });
    const bare = citationEntity(recovery, { detail: 'none' }).citation[0]!.appearance;
    expect(bare).to.not.have.property('text');
    expect(bare).to.not.have.property('encodingFormat');
  });

  it('is plain JSON (survives serialisation unchanged)', () => {
    const entity = citationEntity(recovery);
    expect(JSON.parse(JSON.stringify(entity))).to.deep.equal(entity);
  });

  it('ends the answer with one [n] marker per claim, matching the positions', () => {
    expect(answerWithCitations(recovery)).to.equal(`${recovery.answer} [1] [2] [3]`);
    expect(kb.answerWithCitations(kb.entryById('vs-laser')!)).to.match(/heat\. .*\[1\] \[2\]$/);
  });

  it('adds Markdown link definitions for Web Chat on request', () => {
    const text = answerWithCitations(recovery, { linkDefinitions: true });
    const lines = text.split('\n');
    expect(lines[0]).to.equal(`${recovery.answer} [1] [2] [3]`);
    expect(lines).to.include('[1]: cite:1 "Micro-needling article, section: How it works"');
    expect(lines.some((l) => /^\[3\]: https:\/\/www\.nhs\.uk\/\S* "NHS: Cellulitis \(skin infection\)"$/.test(l))).to.equal(true);
  });
});
