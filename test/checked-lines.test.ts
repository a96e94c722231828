import { expect } from 'chai';
import { checkedLine, parseCheckedLine, parseCheckedLines } from '../src/checked-lines.js';

const record = { at: '2026-12-07T10:00:00.000Z', outcome: 'consult', note: 'tab\there, é and "quotes"' };
const json = JSON.stringify(record);
const line = checkedLine(json);

describe('Checked lines of the append-only files (transcripts, audit, insights)', () => {
  it('reads back what was written, one line with its newline', () => {
    expect(line.endsWith('\n')).to.equal(true);
    expect(line.slice(0, -1).includes('\n')).to.equal(false);
    expect(parseCheckedLines(line + line)).to.deep.equal({ values: [record, record], skipped: 0 });
  });

  it('skips every line a crash cut short, never reading it as a record (except cut exactly at its end)', () => {
    const body = line.slice(0, -1);
    for (let length = 1; length < body.length; length++) {
      const cut = body.slice(0, length);
      const parsed = parseCheckedLine(cut);
      // Cut right before the tab, the JSON is whole: the same record, nothing else.
      if (length === json.length) expect(parsed).to.deep.equal({ value: record });
      else expect(parsed, `cut at ${length}`).to.equal(undefined);
    }
  });

  it('skips a line with any one byte flipped', () => {
    const body = Buffer.from(line.slice(0, -1), 'utf8');
    for (let at = 0; at < body.length; at++) {
      const flipped = Buffer.from(body);
      flipped[at] = flipped[at]! ^ 0x04;
      const text = flipped.toString('utf8');
      expect(parseCheckedLines(text).values, `byte ${at} flipped`).to.deep.equal([]);
    }
  });

  const cases: Array<{ name: string; text: string; values: unknown[]; skipped: number }> = [
    { name: 'a line written before checksums (plain JSON)', text: `${json}\n`, values: [record], skipped: 0 },
    { name: 'an older line cut short', text: `${json.slice(0, 20)}\n`, values: [], skipped: 1 },
    { name: 'a torn line between two good ones', text: `${line}${line.slice(0, 30)}\n${line}`, values: [record, record], skipped: 1 },
    { name: 'a torn last line without its newline', text: `${line}${line.slice(0, 30)}`, values: [record], skipped: 1 },
    { name: 'a checksum of another line', text: `${json}\t00000000\n`, values: [], skipped: 1 },
    { name: 'empty lines', text: `\n\n${line}\n`, values: [record], skipped: 0 },
  ];
  for (const { name, text, values, skipped } of cases) {
    it(`reads ${name}`, () => {
      expect(parseCheckedLines(text)).to.deep.equal({ values, skipped });
    });
  }
});
