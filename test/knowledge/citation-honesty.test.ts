import { expect } from 'chai';

import { citationLabel, loadKnowledgeBase, verifyCitations, type Citation } from '../../src/knowledge/index.js';
import { labelProblem, repeatedLabels } from '../../src/knowledge/verify.js';

/**
 * Honest citations (issue 19): a neutral label, a quote that supports its sentence, never a passage
 * the guide contradicts. A small made-up article keeps these tests independent of the real one.
 */
const ARTICLE = [
  'Treatment gives instant results:',
  'Results build after a few sessions of treatment.',
  'There is no downtime at all after treatment.',
  '',
  'Aftercare:',
  'Be gentle with the skin after the session.',
].join('\n');
const rules = { overclaims: ['instant results', 'no downtime'], contradicted: [{ quote: 'There is no downtime at all after treatment.' }] };

function article(heading: string, quote: string, section: string): Citation {
  return { kind: 'article', heading, quote, section, sourceName: 'The article', sourceShortName: 'Article' };
}
const { analysis } = loadKnowledgeBase();
function verify(answer: string, citations: Citation[], contradicted = rules.contradicted) {
  return verifyCitations(
    { entries: [{ id: 'probe', answer, citations }], sources: { article: { ...rules, contradicted } }, analysis },
    ARTICLE,
  );
}
const reasons = (report: ReturnType<typeof verify>) => report.failures.map((f) => f.reason);

describe('honest citations (labels, support, contradictions)', () => {
  const kb = loadKnowledgeBase();

  it('labels an article citation with the source and a neutral section name, not the heading', () => {
    const citation = article('Treatment gives instant results:', 'Results build after a few sessions of treatment.', 'Results');
    expect(citationLabel(citation)).to.equal('Article, section: Results');
    expect(verify('Results build gradually over a few sessions.', [citation]).ok).to.equal(true);
  });

  it('fails a label that repeats an overclaim or shows the heading itself', () => {
    const overclaim = article('Treatment gives instant results:', 'Results build after a few sessions of treatment.', 'Instant results');
    expect(labelProblem(overclaim, rules.overclaims)).to.match(/instant results/);
    expect(reasons(verify('Results build over a few sessions.', [overclaim]))).to.deep.equal(['label-not-neutral']);
    const heading = article('Aftercare:', 'Be gentle with the skin after the session.', 'Aftercare');
    expect(labelProblem(heading, rules.overclaims)).to.match(/heading/);
  });

  it('fails the third identical label in a row, not the second', () => {
    const c = article('Aftercare:', 'Be gentle with the skin after the session.', 'Looking after skin');
    expect(repeatedLabels([c, c])).to.deep.equal([]);
    expect(repeatedLabels([c, c, c])).to.deep.equal([2]);
    expect(reasons(verify('Be gentle with the skin after a session.', [c, c, c]))).to.deep.equal(['label-repeated']);
  });

  it('fails a quote that shares nothing meaningful with its answer', () => {
    const c = article('Aftercare:', 'Be gentle with the skin after the session.', 'Looking after skin');
    expect(reasons(verify('Pores can look smaller over several months.', [c]))).to.deep.equal(['quote-unsupported']);
  });

  it('fails a citation of a passage the guide contradicts, and a contradicted passage missing from the article', () => {
    const c = article('Treatment gives instant results:', 'There is no downtime at all after treatment.', 'Recovery');
    expect(reasons(verify('Redness after treatment lasts a few days; there is downtime.', [c]))).to.include('quote-contradicted');
    const stale = verify('Be gentle.', [], [{ quote: 'A sentence that is not in the article.' }]);
    expect(reasons(stale)).to.deep.equal(['contradicted-not-found']);
  });

  describe('every entry of the knowledge base', () => {
    for (const entry of kb.entries) {
      it(`${entry.id}: every citation label is neutral, none the third of a kind in a row`, () => {
        for (const citation of entry.citations) {
          expect(labelProblem(citation, kb.sources.article.overclaims), citationLabel(citation)).to.equal(undefined);
          expect(citationLabel(citation)).to.not.match(/instant|immediate|no downtime|is allowed|hottest|best solution/i);
        }
        expect(repeatedLabels(entry.citations)).to.deep.equal([]);
      });
    }
  });

  it('never cites a contradicted passage, and quotes no overclaim', () => {
    const opposite = kb.sources.article.contradicted.map((c) => c.quote);
    for (const entry of kb.entries) {
      for (const citation of entry.citations) {
        if (citation.kind !== 'article') continue;
        for (const passage of opposite) expect(passage, entry.id).to.not.include(citation.quote);
      }
    }
  });
});
