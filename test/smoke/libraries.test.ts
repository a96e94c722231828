import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

describe('docs/libraries.md says why each dependency is there', () => {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  const table = readFileSync(join(projectRoot, 'docs', 'libraries.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| library'))
    .map((line) => line.split('|')[1]!);
  /** A row names a package in full, or as "-suffix" after its scope's first name (recognizers-text-suite, -choice). */
  const named = (name: string) =>
    table.some(
      (cell) =>
        cell.split(/,\s*|\s+\(/).some((part) => part.trim().split(' ')[0] === name) ||
        (name.includes('-') && cell.includes(name.slice(0, name.lastIndexOf('-'))) && cell.includes(`-${name.split('-').at(-1)}`)),
    );
  for (const name of [...Object.keys(manifest['dependencies']!), ...Object.keys(manifest['devDependencies']!)]) {
    it(name, () => expect(named(name), `${name} is not named in docs/libraries.md`).to.equal(true));
  }
});
