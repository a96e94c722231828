import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { knowledgeDir, projectRoot } from '../../src/paths.js';

describe('paths', () => {
  it('finds the project root with its knowledge folder', () => {
    expect(existsSync(join(projectRoot, 'package.json'))).to.equal(true);
    expect(knowledgeDir).to.equal(join(projectRoot, 'knowledge'));
  });
});
