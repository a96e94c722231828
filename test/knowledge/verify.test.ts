import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadKnowledgeBase, normaliseForQuote, verifyCitations, type KbEntry, type SourcesData } from '../../src/knowledge/index.js';
import { projectRoot } from '../../src/paths.js';

/**
 * A source text made of the knowledge base's own headings, each followed by its quotes: the
 * suite runs on a plain clone, without the real article (CI's kb:verify step checks that one).
 */
function sourceFromKb(kb: { entries: readonly KbEntry[]; sources: SourcesData }): string {
  const quotesByHeading = new Map<string, string[]>();
  for (const entry of kb.entries) {
    for (const citation of entry.citations) {
      if (citation.kind !== 'article') continue;
      const quotes = quotesByHeading.get(citation.heading) ?? [];
      quotes.push(citation.quote);
      quotesByHeading.set(citation.heading, quotes);
    }
  }
  const contradicted = kb.sources.article.contradicted.map((c) => c.quote).join('\n');
  return [...quotesByHeading].map(([heading, quotes]) => [heading, ...quotes].join('\n')).join('\n\n') + `\n\nElsewhere:\n${contradicted}`;
}

const CLI = join('src', 'cli', 'kb-verify.ts');
const noRules = { article: { overclaims: ['instant results'], contradicted: [] } };

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: projectRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('knowledge citations against a source text (verifyCitations, kb:verify)', () => {
  const kb = loadKnowledgeBase();
  const source = sourceFromKb(kb);

  it('finds every article quote of the knowledge base in a source that holds them under their headings', () => {
    const report = verifyCitations(kb, source);
    expect(report.failures).to.deep.equal([]);
    expect(report.ok).to.equal(true);
    expect(report.checked).to.be.greaterThan(20);
  });

  it('fails on a deliberately altered quote, naming the entry and the quote', () => {
    const altered = kb.entries.map((entry): KbEntry =>
      entry.id !== 'frequency'
        ? entry
        : {
            ...entry,
            citations: entry.citations.map((c) =>
              c.kind === 'article' && c.quote.startsWith('Usually') ? { ...c, quote: 'Usually, one session a week is enough.' } : c,
            ),
          },
    );
    const report = verifyCitations({ entries: altered, sources: kb.sources, analysis: kb.analysis }, source);
    expect(report.ok).to.equal(false);
    expect(report.failures).to.deep.equal([
      {
        entryId: 'frequency',
        heading: 'Frequent practice can be dangerous:',
        quote: 'Usually, one session a week is enough.',
        reason: 'quote-not-found',
      },
    ]);
  });

  it('fails on a heading that is not a line of the article, or a quote that comes before its heading', () => {
    const article = 'First heading:\nOne sentence here.\n\nSecond heading:\nAnother sentence.';
    const entry = (heading: string, quote: string) => ({
      id: 'probe',
      answer: 'One sentence here, said again.',
      citations: [{ kind: 'article' as const, heading, quote, section: 'First', sourceName: 'A', sourceShortName: 'A' }],
    });
    const verify = (e: ReturnType<typeof entry>) => verifyCitations({ entries: [e], sources: noRules, analysis: kb.analysis }, article);
    expect(verify(entry('First heading:', 'One sentence here.')).ok).to.equal(true);
    expect(verify(entry('First head', 'One sentence here.')).failures[0]?.reason).to.equal('heading-not-found');
    expect(verify(entry('Second heading:', 'One sentence here.')).failures[0]?.reason).to.equal('quote-before-heading');
  });

  it('ignores whitespace and typographic quotes and dashes, but not case or spelling', () => {
    const text = 'It\u2019s  a\ntest \u2014 \u201cquoted\u201d.';
    const check = (quote: string) =>
      verifyCitations(
        {
          entries: [
            {
              id: 'x',
              answer: 'a test of quoted words',
              citations: [{ kind: 'article', heading: 'It\u2019s a', quote, section: 'Test', sourceName: 'A', sourceShortName: 'A' }],
            },
          ],
          sources: noRules,
          analysis: kb.analysis,
        },
        text,
      ).ok;
    expect(check('It\'s a test - "quoted".')).to.equal(true);
    expect(check('it\'s a test - "quoted".')).to.equal(false);
    expect(check("It's a tset")).to.equal(false);
    expect(normaliseForQuote(' a \u2013 b ')).to.equal('a - b');
  });

  describe('the kb:verify command', function () {
    // Each test starts a tsx process; on a busy machine that takes seconds.
    this.timeout(30_000);
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'kb-verify-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('exits 0 and prints a summary when every quote is found', () => {
      const whole = join(dir, 'whole.txt');
      writeFileSync(whole, source);
      const run = runCli(['--source', whole]);
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout).to.match(/(\d+)\/\1 article quotes found/);
      expect(run.stdout).to.match(/0 failure/);
    });

    it('exits 1 and prints each failure (entry id and quote) when the source differs', () => {
      const altered = join(dir, 'altered.txt');
      writeFileSync(altered, source.replace('Usually, one session a month is enough.', 'Usually, two sessions a month are enough.'));
      const run = runCli(['--source', altered]);
      expect(run.status).to.equal(1);
      expect(run.stdout).to.include('FAIL frequency');
      expect(run.stdout).to.include('"Usually, one session a month is enough."');
      expect(run.stdout).to.match(/1 failure/);
    });

    it('exits 2 with a usage line when --source is missing', () => {
      const run = runCli([]);
      expect(run.status).to.equal(2);
      expect(run.stderr).to.match(/usage: npm run kb:verify -- --source FILE/);
    });

    it('exits 2 with a usage line when the source cannot be read', () => {
      const run = runCli(['--source', join(dir, 'missing.txt')]);
      expect(run.status).to.equal(2);
      expect(run.stderr).to.include('cannot read source file');
      expect(run.stderr).to.match(/usage:/);
    });
  });
});
