import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';
import { outcomes } from '../../src/safety/index.js';
import { testCore } from '../support/conversation.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('Person-facing strings', () => {
  const { strings } = testCore();

  it('has every key the code names, so no turn fails on a missing sentence', () => {
    const keys = new Set<string>();
    for (const file of [...sourceFiles(join(projectRoot, 'dialogs')), ...sourceFiles(join(projectRoot, 'src'))]) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/strings\('([\w.-]+)'/g)) keys.add(match[1]!);
      for (const match of source.matchAll(/(?:questionKey|noneKey|labelKey): '([\w.-]+)'/g)) keys.add(match[1]!);
      for (const match of source.matchAll(/: '(choice\w+|item\.\w+)'/g)) keys.add(match[1]!);
    }
    for (const outcome of outcomes) keys.add(`outcome.${outcome}`).add(`outcomeLabel.${outcome}`);
    expect(keys.size).to.be.greaterThan(40);
    for (const key of keys) expect(() => strings(key), key).to.not.throw();
  });

  it('never tells a person they are eligible, safe or cleared', () => {
    const file = JSON.parse(readFileSync(join(projectRoot, 'knowledge', 'strings', 'en.json'), 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(file)) expect(text, key).to.not.match(/\b(eligible|safe|safely|cleared)\b/i);
  });
});
