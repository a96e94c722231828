import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reader is core: no botbuilder, no I/O but the loader's, small files with one purpose each. */
describe('clinical reader: a pure core module', () => {
  const dir = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'src', 'understanding', 'reader');
  const files = readdirSync(dir).filter((file) => file.endsWith('.ts'));
  const importsOf = (source: string) => [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]!);

  it('has an index.ts entry point', () => expect(files).to.include('index.ts'));

  for (const file of files) {
    const source = readFileSync(join(dir, file), 'utf8');
    it(`${file}: imports no botbuilder and no I/O (but load.ts reads files when called)`, () => {
      for (const name of importsOf(source)) {
        expect(name, name).not.to.match(/botbuilder/);
        if (file !== 'load.ts') expect(name, name).not.to.match(/^node:(fs|net|http|child_process)/);
      }
    });
    it(`${file}: is small (at most 400 lines) with lines of at most 140 characters`, () => {
      const lines = source.split('\n');
      expect(lines.length).to.be.at.most(400);
      for (const line of lines) expect(line.length, line).to.be.at.most(140);
    });
  }
});
