import { expect } from 'chai';
import { detectCommand } from '../../../src/understanding/intents.js';
import { readRedFlags, tokenize } from '../../../src/understanding/reader/index.js';
import { visibleText } from '../../../src/understanding/reader/characters.js';
import { reader } from './helpers.js';

/**
 * SAFETY-SPEC v1.2: invisible characters, and letters of another script that look like Latin
 * ones, are removed or read as the Latin letter before anything else is read, for the red-flag
 * watch and the commands alike. Each row is written by hand, so a character dropped from the
 * tables fails its row.
 */
describe('clinical reader: invisible and look-alike characters', () => {
  const words = (text: string) =>
    tokenize(text)
      .filter((token) => token.boundary === undefined)
      .map((token) => token.text)
      .join(' ');

  const invisible: [string, string, string][] = [
    ['soft hyphen', 'swol\u00adlen', 'swollen'],
    ['combining grapheme joiner', 'thr\u034foat', 'throat'],
    ['Arabic letter mark', 'fe\u061cver', 'fever'],
    ['Hangul filler', 'li\u115fps', 'lips'],
    ['Khmer inherent vowel', 'ton\u17b4gue', 'tongue'],
    ['Mongolian vowel separator', 'fa\u180eint', 'faint'],
    ['zero-width space', 'can\u200bt', 'cant'],
    ['zero-width non-joiner', 'bre\u200cathe', 'breathe'],
    ['zero-width joiner', 'pu\u200ds', 'pus'],
    ['left-to-right mark', 'chi\u200ells', 'chills'],
    ['right-to-left override', 'dizz\u202ey', 'dizzy'],
    ['word joiner', 'for\u2060get', 'forget'],
    ['invisible separator', 'me\u2063', 'me'],
    ['Hangul filler (compatibility)', 'rash\u3164', 'rash'],
    ['variation selector', 'red\ufe0f', 'red'],
    ['byte order mark', '\ufeffhelp', 'help'],
    ['halfwidth Hangul filler', 'sw\uffa0elling', 'swelling'],
    ['shorthand format control', 'st\u{1bca1}op', 'stop'],
    ['tag character', 'ey\u{e0065}e', 'eye'],
    ['variation selector supplement', 'hea\u{e0100}rt', 'heart'],
  ];
  for (const [name, text, expected] of invisible) {
    it(`drops a ${name}`, () => expect(words(text)).to.equal(expected));
  }

  // Each look-alike letter in a word, with the Latin word it must read as.
  const lookAlikes: [string, string][] = [
    ['\u0430ir', 'air'],
    ['\u0432reathe', 'breathe'],
    ['\u0441hills', 'chills'],
    ['f\u0435ver', 'fever'],
    ['f\u0451ver', 'fever'],
    ['\u04bbot', 'hot'],
    ['d\u0456zzy', 'dizzy'],
    ['d\u0457zzy', 'dizzy'],
    ['\u0458aw', 'jaw'],
    ['\u043aeloid', 'keloid'],
    ['\u043cole', 'mole'],
    ['t\u043droat', 'throat'],
    ['thr\u043eat', 'throat'],
    ['\u0440us', 'pus'],
    ['\u0455ore', 'sore'],
    ['\u0442ongue', 'tongue'],
    ['e\u0443e', 'eye'],
    ['\u0445', 'x'],
    ['\u0501izzy', 'dizzy'],
    ['\u051bueasy', 'queasy'],
    ['\u051deeping', 'weeping'],
    ['\u04cfips', 'lips'],
    ['e\u04afe', 'eye'],
    ['\u0261ums', 'gums'],
    ['\u0410IR', 'air'],
    ['\u0412LISTER', 'blister'],
    ['\u0421UT', 'cut'],
    ['F\u0415VER', 'fever'],
    ['F\u0401VER', 'fever'],
    ['\u041dOT', 'hot'],
    ['P\u0406LL', 'pill'],
    ['P\u0407LL', 'pill'],
    ['\u0408AW', 'jaw'],
    ['\u041aNEE', 'knee'],
    ['\u041cOLE', 'mole'],
    ['S\u041eRE', 'sore'],
    ['\u0420US', 'pus'],
    ['\u0405WOLLEN', 'swollen'],
    ['\u0422HROAT', 'throat'],
    ['E\u0423E', 'eye'],
    ['\u0425', 'x'],
    ['\u0500IZZY', 'dizzy'],
    ['\u051aUEASY', 'queasy'],
    ['\u051cHEEZE', 'wheeze'],
    ['\u04c0IPS', 'lips'],
    ['E\u04aeE', 'eye'],
    ['\u03b1ir', 'air'],
    ['\u03b2listers', 'blisters'],
    ['f\u03b5ver', 'fever'],
    ['d\u03b9zzy', 'dizzy'],
    ['\u03bae', 'ke'],
    ['\u03bdision', 'vision'],
    ['thr\u03bfat', 'throat'],
    ['\u03c1us', 'pus'],
    ['\u03c4ight', 'tight'],
    ['p\u03c5s', 'pus'],
    ['\u03c7', 'x'],
    ['e\u03b3e', 'eye'],
    ['\u03f2hills', 'chills'],
    ['\u03f3aw', 'jaw'],
    ['\u0391IR', 'air'],
    ['\u0392URN', 'burn'],
    ['F\u0395VER', 'fever'],
    ['\u0396ITS', 'zits'],
    ['\u0397OT', 'hot'],
    ['P\u0399LL', 'pill'],
    ['\u039aNEE', 'knee'],
    ['\u039cOLE', 'mole'],
    ['\u039dUMB', 'numb'],
    ['S\u039fRE', 'sore'],
    ['\u03a1US', 'pus'],
    ['\u03a4HROAT', 'throat'],
    ['E\u03a5E', 'eye'],
    ['\u03a7', 'x'],
    ['\u03f9UT', 'cut'],
    ['thr\u0585at', 'throat'],
    ['p\u057ds', 'pus'],
    ['\u0570ot', 'hot'],
    ['\u0578umb', 'numb'],
    ['d\u0131zzy', 'dizzy'],
    ['\u0251ir', 'air'],
    ['p\u0269ll', 'pill'],
    ['\u028bision', 'vision'],
  ];
  for (const [text, expected] of lookAlikes) {
    it(`reads ${JSON.stringify(text)} as "${expected}"`, () => expect(words(text)).to.equal(expected));
  }

  const watched: [string, 'emergency' | 'urgent'][] = [
    ['i c\u200ban\u2019t br\u0435athe', 'emergency'],
    ['my l\u0456ps \u200dare swelling up', 'emergency'],
    ['\u0422HR\u041eAT IS CLOSING', 'emergency'],
    ['there\u2060s \u0440us coming out', 'urgent'],
  ];
  for (const [text, outcome] of watched) {
    it(`the red-flag watch reads ${JSON.stringify(text)} (${outcome})`, () =>
      expect(readRedFlags(text, reader).decision).to.equal(outcome));
  }

  const commands: string[] = ['f\u043erget me', 'forget\u00a0m\u0435', 'f\u200borget me', '\u0440lease forget me', 'FORG\u0415T ME\ufeff'];
  for (const text of commands) {
    it(`the command ${JSON.stringify(text)} is "forget me"`, () => expect(detectCommand(text, reader)).to.equal('forgetMe'));
  }

  it('gives the recognizers the visible text, case and marks kept', () => {
    expect(visibleText('St\u200bopped in M\u0430y, 2\u200b weeks ago')).to.equal('Stopped in May, 2 weeks ago');
  });
});
