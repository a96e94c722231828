import { expect } from 'chai';
import { RecentValues } from '../src/recent-values.js';

describe('Recent values kept in memory (the lowdb store, the reader, the reused clients)', () => {
  it('remembers texts and known absences, and forgets on delete', () => {
    const recent = new RecentValues<string | null>(3);
    recent.set('a', '{"a":1}');
    recent.set('gone', null);
    expect(recent.get('a')).to.equal('{"a":1}');
    expect(recent.get('gone')).to.equal(null);
    expect(recent.get('never')).to.equal(undefined);
    recent.delete('a');
    expect(recent.get('a')).to.equal(undefined);
  });

  it('drops the least recently used first and never holds more than its capacity', () => {
    const recent = new RecentValues<string | null>(2);
    recent.set('a', 'A');
    recent.set('b', 'B');
    recent.get('a'); // a is now more recent than b
    recent.set('c', 'C');
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).to.deep.equal(['A', undefined, 'C']);
    for (let i = 0; i < 100; i++) recent.set(`k${i}`, 'x');
    expect(recent.size).to.equal(2);
  });
});
