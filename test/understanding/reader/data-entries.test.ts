import { expect } from 'chai';
import { entryChecks } from './entry-checks.js';
import { knowledge, reader } from './helpers.js';

/** One test per data entry, generated from the data files (see entry-checks.ts). */
describe('clinical reader: one test per data entry', () => {
  const checks = entryChecks(knowledge);
  it('covers every concept, trigger and answer word', () => {
    expect(checks.length).to.be.greaterThan(1000);
  });
  for (const check of checks) {
    it(check.name, () => expect(check.run(reader)).to.equal(undefined));
  }
});
