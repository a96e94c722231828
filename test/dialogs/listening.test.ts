import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { buildTestBot, runConversation, scriptUntil, wholeAssessment, type Turn } from '../support/conversation.js';
import { allTexts, askedIds, completedEventOf, type ScriptAnswers } from '../support/assessment-script.js';

/**
 * Issue 17, "a conversation that listens" (SAFETY-SPEC v1.1): anything said at any point counts,
 * whichever question is pending. Answers given early are taken and not asked again; corrections
 * replace answers, also after the result (decided, said, summarised, audited and announced
 * again); words the reader cannot place are asked about. Every table answers by question id.
 */

type Transcript = Partial<Activity>[][];

function summaryCards(transcript: Transcript): string[] {
  return transcript
    .flat()
    .flatMap((activity) => activity.attachments ?? [])
    .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((attachment) => JSON.stringify(attachment.content))
    .filter((card) => card.includes('consultation summary'));
}

interface EarlyCase {
  /** The question at which the person says more than was asked. */
  at: string;
  says: string;
  /** Questions that are then not asked. */
  skipped: string[];
  rules: string[];
  /** Answers for the rest, by question id. */
  answers?: ScriptAnswers;
  /** The one-line note of what was taken. */
  noted?: RegExp;
}

const earlyCases: EarlyCase[] = [
  {
    at: 'concerns',
    says: "acne scars, I'm 29 and on roaccutane",
    skipped: ['age', 'isotretinoin'],
    rules: ['R-ISO-CURRENT'],
    answers: { concerns: ["acne scars, I'm 29 and on roaccutane", "that's all"] },
    noted: /Noted: Age: 29; Isotretinoin \(Roaccutane, Accutane\): Taking it now/,
  },
  {
    at: 'goal',
    says: "at a clinic, and I'm pregnant",
    skipped: ['pregnancy'],
    rules: ['R-PREGNANCY'],
    noted: /Pregnant or breastfeeding: yes/,
  },
  { at: 'age', says: "I'm 41 and I never took accutane", skipped: ['isotretinoin'], rules: ['R-NONE'] },
  // A bare "no" beside another finding answers nothing by itself: the pending question comes again.
  {
    at: 'pregnancy',
    says: "no, and I've got sunburn on my face",
    skipped: [],
    rules: ['R-SUNBURN'],
    answers: { pregnancy: ["no, and I've got sunburn on my face", 'no'] },
    noted: /Sunburn: yes/,
  },
  {
    at: 'isotretinoin',
    says: 'never, but I take warfarin',
    skipped: [],
    rules: ['R-ANTICOAGULANT'],
    answers: { isotretinoin: ['never, but I take warfarin', 'never'] },
    noted: /Blood thinners: yes/,
  },
  // "none ... and I have": the reader cannot tell what the "none" covers: the rest is asked again (never taken as "no").
  {
    at: 'checklists',
    says: 'none of these, and I have diabetes',
    skipped: [],
    rules: ['R-DIABETES'],
    answers: { checklists: ['none of these, and I have diabetes', 'no others'] },
    noted: /Noted: Diabetes\. Any other from the list/,
  },
  {
    at: 'medicines',
    says: 'no, and my last session was 2 weeks ago',
    skipped: ['lastSession', 'lastSessionDate'],
    rules: ['R-TOO-SOON'],
    noted: /Micro-needling before: Yes, I've had it/,
  },
];

describe('Listening: answers given early are taken and not asked again', () => {
  for (const testCase of earlyCases) {
    it(`at "${testCase.at}": "${testCase.says}"`, async () => {
      const answers: ScriptAnswers = { [testCase.at]: testCase.says, ...testCase.answers };
      const transcript = await runConversation([wholeAssessment(answers), { send: 'no thanks' }]);
      const asked = askedIds(transcript);
      for (const id of testCase.skipped) expect(asked, `"${id}" asked although already answered`).to.not.include(id);
      expect(completedEventOf(transcript)?.rules).to.have.members(testCase.rules);
      if (testCase.noted) expect(allTexts(transcript).join('\n')).to.match(testCase.noted);
    });
  }
});

interface CorrectionCase {
  name: string;
  turns: Turn[];
  rules: string[];
  says?: RegExp[];
  /** How many decisions were made (audited and announced). */
  decisions?: number;
}

const correctionCases: CorrectionCase[] = [
  {
    name: 'the age, corrected at the next question, ends the screening as for a minor',
    turns: [scriptUntil('pregnancy'), { send: "sorry I typed my age wrong, I'm 16" }, wholeAssessment(), { send: 'no thanks' }],
    rules: ['R-AGE-MINOR'],
    says: [/I've changed that: Age: 16/, /stop the health questions here/],
  },
  {
    name: '"actually I am pregnant" at the isotretinoin question',
    turns: [
      scriptUntil('isotretinoin'),
      { send: 'actually I am pregnant', replies: [/changed that: Pregnant or breastfeeding: yes/, /isotretinoin/] },
      wholeAssessment(),
    ],
    rules: ['R-PREGNANCY'],
  },
  {
    name: '"oh actually I\'m on Accutane right now" at the skin checklist',
    turns: [scriptUntil('skinNow'), { send: "oh actually I'm on Accutane right now" }, wholeAssessment()],
    rules: ['R-ISO-CURRENT'],
    says: [/changed that: Isotretinoin \(Roaccutane, Accutane\): Taking it now/],
  },
  {
    name: 'a condition remembered at the medicines question',
    turns: [scriptUntil('medicines'), { send: 'actually I do have rosacea' }, wholeAssessment()],
    rules: ['R-ROSACEA'],
  },
  {
    name: 'a correction at the read-back: read back again, then decided',
    turns: [
      scriptUntil('readBack'),
      { send: "actually I'm pregnant", replies: [/changed that/, /here is what I noted[\s\S]*Pregnant or breastfeeding: yes/] },
      { send: "that's right" },
      wholeAssessment(),
    ],
    rules: ['R-PREGNANCY'],
    decisions: 1,
  },
  {
    name: '"no" at the read-back asks what to change',
    turns: [
      scriptUntil('readBack'),
      { send: 'no', replies: [/What should I change/] },
      { send: "I'm 36", replies: [/changed that: Age: 36/, /here is what I noted[\s\S]*Age: 36/] },
      wholeAssessment(),
    ],
    rules: ['R-NONE'],
  },
  {
    name: 'after the result, "wait, actually I\'m pregnant": decided, said and summarised again',
    turns: [wholeAssessment(), { send: "wait, actually I'm pregnant" }],
    rules: ['R-PREGNANCY'],
    says: [/changed that: Pregnant or breastfeeding: yes\.\nSo my answer changes:\n\n\*\*[^*]*not right for you at the moment/],
    decisions: 2,
  },
  {
    name: 'after the result, "I had a session last week": too soon',
    turns: [wholeAssessment(), { send: 'no thanks' }, { send: 'I had a session last week' }],
    rules: ['R-TOO-SOON'],
    decisions: 2,
  },
];

describe('Listening: corrections replace answers, at any step and after the result', () => {
  for (const testCase of correctionCases) {
    it(testCase.name, async () => {
      const parts = buildTestBot();
      const transcript = await runConversation(testCase.turns, { adapter: parts.adapter });
      const events = transcript.flat().filter((activity) => activity.name === 'assessment.completed');
      expect(completedEventOf(transcript)?.rules, allTexts(transcript).join('\n')).to.have.members(testCase.rules);
      for (const pattern of testCase.says ?? []) expect(allTexts(transcript).join('\n')).to.match(pattern);
      if (testCase.decisions !== undefined) {
        expect(events, 'one assessment.completed per decision').to.have.length(testCase.decisions);
        expect(parts.audit.records, 'one audit record per decision').to.have.length(testCase.decisions);
        expect(summaryCards(transcript), 'one summary per decision').to.have.length(testCase.decisions);
      }
      expect(parts.audit.records.at(-1)!.ruleIds).to.have.members(testCase.rules);
    });
  }

  it('the summary after a correction says the new outcome, not the old', async () => {
    const transcript = await runConversation([wholeAssessment(), { send: "wait, actually I'm pregnant" }]);
    const cards = summaryCards(transcript);
    expect(cards[0]).to.contain('Nothing rules out a consultation');
    expect(cards.at(-1)).to.contain('Not suitable at the moment');
  });

  it('"I might have rosacea" said early stays "not sure" through a later "none of these" (never silently no)', async () => {
    const transcript = await runConversation([
      wholeAssessment({ concerns: ['my pores, I might have rosacea', "that's all"], conditions: 'none of these' }),
      { send: 'no thanks' },
    ]);
    expect(completedEventOf(transcript)?.rules).to.deep.equal(['R-UNKNOWN']);
    expect(allTexts(transcript).join('\n')).to.match(/whether you have rosacea/);
  });

  it('a question about a condition ("can I do it while pregnant?") changes no answer', async () => {
    const parts = buildTestBot();
    const transcript = await runConversation([wholeAssessment(), { send: 'no thanks' }, { send: 'can I do it while pregnant?' }], {
      adapter: parts.adapter,
    });
    expect(parts.audit.records).to.have.length(1);
    expect(completedEventOf(transcript)?.rules).to.deep.equal(['R-NONE']);
  });
});

interface NoLoweringCase {
  name: string;
  said: ScriptAnswers;
  then: string;
  at: string;
  rules: string[];
}

/** A reason is taken back only by the person's own denial, never by someone else's or a past mention. */
const noLoweringCases: NoLoweringCase[] = [
  {
    name: '"my sister is pregnant" after "yes"',
    said: { pregnancy: 'yes' },
    at: 'skinNow',
    then: 'my sister is pregnant too',
    rules: ['R-PREGNANCY'],
  },
  {
    name: '"aspirin now and then" after warfarin',
    said: { medicines: ['I take warfarin', 'no others'] },
    at: 'pigmentation',
    then: 'I take aspirin now and then',
    rules: ['R-ANTICOAGULANT'],
  },
  {
    name: '"used to have eczema as a kid" after eczema',
    said: { conditions: ['eczema', 'no others'] },
    at: 'medicines',
    then: 'I used to have eczema as a kid',
    rules: ['R-ECZEMA'],
  },
  {
    name: '"my friend stopped accutane" after taking it now',
    said: { isotretinoin: 'taking it now' },
    at: 'skinNow',
    then: 'my friend stopped accutane',
    rules: ['R-ISO-CURRENT'],
  },
];

describe('Listening: a reason is taken back only by the person themselves', () => {
  for (const testCase of noLoweringCases) {
    it(testCase.name, async () => {
      const transcript = await runConversation([
        scriptUntil(testCase.at, testCase.said),
        { send: testCase.then },
        wholeAssessment(testCase.said),
        { send: 'no thanks' },
      ]);
      expect(completedEventOf(transcript)?.rules).to.include.members(testCase.rules);
    });
  }

  it('an age typed wrong is corrected upwards by the person ("sorry, I meant 34")', async () => {
    const transcript = await runConversation([
      scriptUntil('pregnancy', { age: '24' }),
      { send: "sorry I typed my age wrong, I'm 34", replies: [/changed that: Age: 34/, /pregnant/] },
      wholeAssessment(),
      { send: 'no thanks' },
    ]);
    expect(completedEventOf(transcript)?.rules).to.deep.equal(['R-NONE']);
  });

  it('"sorry, I\'m not pregnant" after "yes" is a correction', async () => {
    const transcript = await runConversation([
      scriptUntil('skinNow', { pregnancy: 'yes' }),
      { send: "sorry, I'm not pregnant", replies: [/changed that: Pregnant or breastfeeding: no/, /In the area now/] },
      wholeAssessment(),
      { send: 'no thanks' },
    ]);
    expect(completedEventOf(transcript)?.rules).to.deep.equal(['R-NONE']);
  });
});

describe('Listening: words the reader cannot place are asked about, never dropped', () => {
  it('"eczema and glorp": eczema noted, the rest asked about without repeating it', async () => {
    const transcript = await runConversation([scriptUntil('conditions'), { send: 'I have eczema and glorp' }]);
    const texts = allTexts(transcript.slice(-1)).join('\n');
    expect(texts).to.match(/couldn't place part of what you wrote/);
    expect(texts).to.match(/Noted: Eczema.*Any other/);
    expect(texts).to.not.contain('glorp');
  });

  it('a bare "no" beside unplaced words is no denial: asked again', async () => {
    const transcript = await runConversation([scriptUntil('conditions'), { send: 'no, I have glorp', replies: [/didn't catch that/] }]);
    expect(askedIds(transcript.slice(-1))).to.include('conditions');
  });
});
