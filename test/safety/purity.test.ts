import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sinon from 'sinon';
import { projectRoot } from '../../src/paths.js';
import { assess } from '../../src/safety/index.js';
import { allClear, table } from './helpers.js';

const safetySource = join(projectRoot, 'src', 'safety');
const files = readdirSync(safetySource).filter((file) => file.endsWith('.ts'));

describe('safety module purity', () => {
  for (const file of files) {
    const text = readFileSync(join(safetySource, file), 'utf8');
    it(`${file} imports no botbuilder and never reads the clock`, () => {
      expect(text).not.to.match(/from\s+['"]botbuilder/);
      expect(text).not.to.match(/new Date\(\s*\)|Date\.now\(/);
    });
  }

  it('the same answers and reference date give the same decision whatever the clock says', () => {
    const answers = {
      ...allClear(),
      lastSession: { status: 'done' as const, date: '2025-06-01' },
      isotretinoin: { status: 'stopped' as const, stoppedOn: '2025-03-03' },
    };
    const clock = sinon.useFakeTimers(new Date('2031-01-01T00:00:00Z'));
    try {
      const first = assess(answers, '2025-06-15', table);
      clock.setSystemTime(new Date('1999-12-31T23:59:59Z'));
      expect(assess(answers, '2025-06-15', table)).to.deep.equal(first);
      expect(first.reconsiderFrom).to.equal('2025-09-03');
    } finally {
      clock.restore();
    }
  });
});
