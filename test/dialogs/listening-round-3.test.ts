import { expect } from 'chai';
import { runConversation, scriptUntil, wholeAssessment, type Turn } from '../support/conversation.js';
import { allTexts, askedIds, completedEventOf, type ScriptAnswers } from '../support/assessment-script.js';

/**
 * Issue 27, "listening that takes only what was said" (SAFETY-SPEC v1.2): an early answer is
 * taken only when the reader is sure of the finding and its context. Each case is a conversation
 * answered by question id, with the person's own words at one question.
 */

interface Case {
  name: string;
  turns: Turn[];
  /** Questions that must still be asked, and those that must not be. */
  asked?: string[];
  skipped?: string[];
  rules?: string[];
  notRules?: string[];
  says?: RegExp[];
  neverSays?: RegExp[];
}

const concernsThen = (says: string, answers: ScriptAnswers = {}): Turn[] => [
  scriptUntil('describe'),
  { send: says },
  wholeAssessment({ concerns: ["that's all"], ...answers }),
];

const cases: Case[] = [
  {
    name: 'acne scarring named as a concern is no active acne: the skin checklist is still asked',
    turns: concernsThen('a bit of acne scarring on my cheeks tbh', { scarDepth: 'shallow' }),
    asked: ['skinNow'],
    notRules: ['R-ACNE-ACTIVE'],
    neverSays: [/Active acne \(spots\): yes/],
  },
  {
    name: 'marks left from old acne are a concern, not spots now',
    turns: concernsThen('the marks from my old acne', { scarDepth: 'not sure' }),
    asked: ['skinNow'],
    notRules: ['R-ACNE-ACTIVE'],
  },
  {
    name: 'sun spots and pigmentation as a concern: the darkening question is still asked',
    turns: concernsThen('sun spots and some pigmentation on my forehead'),
    asked: ['pigmentation'],
    neverSays: [/darkens after[^\n]*: yes/i],
  },
  {
    name: 'dark patches from the sun, as a concern, are no darkening tendency',
    turns: concernsThen('dark patches from years of sunbathing'),
    asked: ['pigmentation'],
  },
  {
    name: '"came off roaccutane about 2 months ago" is stopped, never taking it now',
    turns: [scriptUntil('age'), { send: "I'm 28 and came off roaccutane about 2 months ago" }, wholeAssessment()],
    skipped: ['isotretinoin', 'isotretinoinStopped'],
    rules: ['R-ISO-RECENT'],
    notRules: ['R-ISO-CURRENT'],
  },
  {
    name: 'a correction naming the medicine, at a later question, is taken and said',
    turns: [
      scriptUntil('isotretinoin'),
      { send: "yes I'm on roaccutane" },
      scriptUntil('conditions'),
      { send: 'sorry the roaccutane is wrong, I finished it over a year ago' },
      wholeAssessment(),
    ],
    notRules: ['R-ISO-CURRENT', 'R-ISO-RECENT'],
    says: [/changed that: Isotretinoin \(Roaccutane, Accutane\): I stopped/],
  },
  {
    name: "the age corrected in the person's own words at the medicines question ends the screening for a minor",
    turns: [scriptUntil('medicines'), { send: "wait, I'm 17 actually, typed it wrong" }, wholeAssessment()],
    rules: ['R-AGE-MINOR'],
    says: [/changed that: Age: 17/],
  },
  {
    name: 'the age corrected beside the old one ("I\'m 17 not 34") at a date question',
    turns: [scriptUntil('lastSessionDate', { lastSession: "yes I've had it" }), { send: 'my age is 17, not 34' }, wholeAssessment()],
    rules: ['R-AGE-MINOR'],
  },
  {
    name: 'a misspelt condition said early is noted and still asked',
    turns: [scriptUntil('age'), { send: "34, and i'm pregnent" }, wholeAssessment({ pregnancy: 'yes I am' })],
    asked: ['pregnancy'],
    rules: ['R-PREGNANCY'],
    says: [/Noted: [^\n]*Pregnant or breastfeeding: yes/],
  },
  {
    name: 'isotretinoin "as a teenager", for a person of 34: stopped long ago',
    turns: [scriptUntil('isotretinoin'), { send: 'I took accutane as a teenager' }, wholeAssessment()],
    skipped: ['isotretinoinStopped'],
    notRules: ['R-ISO-RECENT', 'R-ISO-CURRENT', 'R-UNKNOWN'],
  },
  {
    name: 'isotretinoin "at uni" for a person of 21: it may have been in the last months, so only a professional decides',
    turns: [scriptUntil('isotretinoin', { age: "I'm 21" }), { send: 'I was on roaccutane at uni' }, wholeAssessment({ age: "I'm 21" })],
    rules: ['R-UNKNOWN'],
  },
  {
    name: '"when I was a teen" in a story is not an age: the age is still asked',
    turns: concernsThen('I had bad acne when I was a teen and now its scars', { age: "I'm 30", scarDepth: 'deep' }),
    asked: ['age'],
    notRules: ['R-AGE-MINOR'],
  },
  {
    name: 'a temperature or a date said early is never an age',
    turns: concernsThen('pores, my last session was on the 19th of march', { lastSessionDate: 'not sure' }),
    asked: ['age'],
  },
  {
    name: 'cold sores that come back, none now: the history counts, not a cold sore now',
    turns: [scriptUntil('skinNow'), { send: 'i get cold sores a few times a year but none right now' }, wholeAssessment()],
    rules: ['R-COLD-SORE-HISTORY'],
    notRules: ['R-COLD-SORE-ACTIVE'],
  },
  {
    name: 'what is noted early is said back in its own line',
    turns: [scriptUntil('goal'), { send: "at a clinic. I'm 40 and I have rosacea" }, wholeAssessment()],
    says: [/^Noted: [^\n]*Age: 40[^\n]*Rosacea: yes/m],
    rules: ['R-ROSACEA'],
  },
];

describe('Listening, round 3: only what was said is taken', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const transcript = await runConversation(testCase.turns);
      const asked = askedIds(transcript);
      const texts = allTexts(transcript).join('\n');
      for (const id of testCase.asked ?? []) expect(asked, `"${id}" must still be asked`).to.include(id);
      for (const id of testCase.skipped ?? []) expect(asked, `"${id}" must not be asked`).to.not.include(id);
      const rules = completedEventOf(transcript)?.rules ?? [];
      for (const rule of testCase.rules ?? []) expect(rules, texts).to.include(rule);
      for (const rule of testCase.notRules ?? []) expect(rules, texts).to.not.include(rule);
      for (const pattern of testCase.says ?? []) expect(texts).to.match(pattern);
      for (const pattern of testCase.neverSays ?? []) expect(texts).to.not.match(pattern);
    });
  }
});

describe('After treatment: swelling read as SAFETY-SPEC v1.2 says', () => {
  const reports: [string, string, string[]][] = [
    ['I had microneedling yesterday, just a little swelling on my cheeks today', 'consultation', ['R-AFTER-NORMAL']],
    ['had my session yesterday and my face is really swollen now', 'urgent', ['R-RF-INFECTION']],
    ['since my microneedling session my face has ballooned', 'emergency', ['R-RF-ANAPHYLAXIS']],
  ];
  for (const [report, outcome, rules] of reports) {
    it(`"${report}" -> ${outcome}`, async () => {
      const transcript = await runConversation([
        { send: 'hi' },
        { send: 'yes' },
        { send: report },
        { script: { answers: { afterSigns: 'none of these', normalSymptoms: 'yes', treatmentDay: 'yesterday' } } },
      ]);
      const event = completedEventOf(transcript);
      expect(event?.outcome, allTexts(transcript).join('\n')).to.equal(outcome);
      expect(event?.rules).to.include.members(rules);
    });
  }
});
