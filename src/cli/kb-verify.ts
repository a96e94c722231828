/**
 * `npm run kb:verify -- --source FILE [--kb DIR]`: checks every citation of the knowledge base
 * against the source text: quotes word for word under their heading, neutral labels, quotes that
 * support their answer and none the guide contradicts. Exit 0 when all pass, 1 when any fails
 * (or the knowledge base does not load), 2 for a usage or file error. Only wiring: the logic is
 * verifyCitations.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { KnowledgeBaseError, loadKnowledgeBase, verifyCitations, type KnowledgeBase } from '../knowledge/index.js';

const USAGE = 'usage: npm run kb:verify -- --source FILE [--kb DIR]';

function main(argv: readonly string[]): number {
  let source: string | undefined;
  let kbDir: string | undefined;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { source: { type: 'string' }, kb: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    source = values.source;
    kbDir = values.kb;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!source) {
    console.error(`--source is required\n${USAGE}`);
    return 2;
  }

  let sourceText: string;
  try {
    sourceText = readFileSync(source, 'utf8');
  } catch (error) {
    console.error(`cannot read source file ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n${USAGE}`);
    return 2;
  }

  let kb: KnowledgeBase;
  try {
    kb = loadKnowledgeBase(...(kbDir !== undefined ? [kbDir] : []));
  } catch (error) {
    if (error instanceof KnowledgeBaseError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  const report = verifyCitations(kb, sourceText);
  for (const failure of report.failures) {
    console.log(`FAIL ${failure.entryId}: ${failure.reason}: "${failure.quote}" (heading "${failure.heading}")`);
  }
  const quoteFailures = new Set<string>(['quote-not-found', 'heading-not-found', 'quote-before-heading']);
  const notFound = report.failures.filter((f) => quoteFailures.has(f.reason)).length;
  console.log(
    `kb:verify: ${report.checked - notFound}/${report.checked} article quotes found in ${source}; ${report.labels} labels checked` +
      `; ${report.failures.length} failure(s); ${report.skipped} citation(s) to SAFETY-SPEC.md sources not checked against the article`,
  );
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
