import { expect } from 'chai';
import { runConversation, scriptUntil, testCore, type Turn } from '../support/conversation.js';
import { askedIds, askedQuestion, completedEventOf } from '../support/assessment-script.js';
import { choiceTyped } from '../../src/understanding/typed-choice.js';

/**
 * Issue 29, "small frictions": a choice typed loosely (a slip, one word of it, a casual yes or
 * no, another way of saying "that's all") is taken, not retried. Conversations by question id;
 * each case says where it is typed and which question must come next.
 */

const cases: Array<{ at: string; says: string; next: string; before?: Turn[] }> = [
  // Slips in a button's title
  { at: 'isotretinoin', says: 'nevr', next: 'checklists' },
  { at: 'goal', says: 'at a clnic', next: 'age' },
  { at: 'goal', says: 'at hme', next: 'age' },
  { at: 'goal', says: 'clinc', next: 'age' },
  { at: 'checklists', says: 'non of these', next: 'pigmentation' },
  { at: 'scarDepth', says: 'shalow', next: 'goal', before: [scriptUntil('scarDepth', { concerns: 'acne scars' })] },
  // A casual yes or no
  { at: 'pregnancy', says: 'nah', next: 'isotretinoin' },
  { at: 'pregnancy', says: 'Noo', next: 'isotretinoin' },
  { at: 'pigmentation', says: 'nope', next: 'lastSession' },
  { at: 'consent', says: 'yes please', next: 'describe' },
  { at: 'consent', says: 'of course', next: 'describe' },
];

describe('Loosely typed choices are taken, not retried', () => {
  for (const { at, says, next, before } of cases) {
    it(`at "${at}": "${says}" answers it ("${next}" comes next)`, async () => {
      const transcript = await runConversation([...(before ?? [scriptUntil(at)]), { send: says }]);
      expect(askedQuestion(transcript.at(-1)!)).to.equal(next);
    });
  }

  // Every other way of saying "No others" (knowledge/en/conversation.json choiceAliases), after an item was named.
  const noOthers = [
    'thats all',
    "that's it",
    'nothing else',
    'no more',
    'no other',
    'thats everything',
    'thats the lot',
    'none other',
    'nothing more',
    'all done',
    'done',
  ];
  for (const says of noOthers) {
    it(`"${says}" after rosacea is "No others": the rest of the checklists are no`, async () => {
      const transcript = await runConversation([scriptUntil('checklists'), { send: 'rosacea' }, { send: says }, scriptUntil('none')]);
      expect(askedIds(transcript).filter((id) => id === 'checklists')).to.have.length(2);
      expect(completedEventOf(transcript)?.rules).to.deep.equal(['R-ROSACEA']);
    });
  }
  it('"that\'s all" as the first answer to the checklists says nothing: asked again', async () => {
    const transcript = await runConversation([scriptUntil('checklists'), { send: "that's all" }]);
    expect(askedQuestion(transcript.at(-1)!)).to.equal('checklists');
  });

  // Every other way of saying "That's right" at the read-back.
  const right = [
    'looks good',
    'looks right',
    'all good',
    'all correct',
    'all right',
    'perfect',
    'yes all correct',
    'thats correct',
    'correct',
  ];
  for (const says of right) {
    it(`"${says}" at the read-back is "That's right": the result comes`, async () => {
      const transcript = await runConversation([scriptUntil('readBack'), { send: says }]);
      expect(completedEventOf(transcript)?.outcome).to.equal('consultation');
    });
  }

  it('every alias in the data is one of the tables above (a new one gets its test)', () => {
    const aliases = testCore().safety.reader.compiled.knowledge.conversation.choiceAliases;
    const fold = (text: string) => text.replace(/'/g, '');
    expect(aliases['choiceNoOthers']).to.have.members(noOthers.map(fold));
    expect(aliases['choiceThatsRight']).to.have.members(right);
  });
});

describe('choiceTyped: which shown choice a typed text picks', () => {
  const choices = [
    { title: 'Yes', value: 'yes' },
    { title: 'No', value: 'no' },
    { title: 'Taking it now', value: 'current' },
    { title: 'I stopped', value: 'stopped' },
    { title: 'Never', value: 'never' },
    { title: 'Not sure', value: 'unknown' },
  ];
  const table: Array<[string, string | undefined]> = [
    ['Never', 'never'],
    ['nevr', 'never'],
    ['I stoped', 'stopped'],
    ['stopped', 'stopped'],
    ['Not shure', 'unknown'],
    // Short titles take no slip: "yse" and "np" could be anything.
    ['yse', undefined],
    ['np', undefined],
    // A sentence is the reader's, not a title's.
    ['I never took it', undefined],
  ];
  for (const [typed, value] of table) {
    it(`"${typed}" picks ${value ?? 'nothing'}`, () => expect(choiceTyped(typed, choices)).to.equal(value));
  }
  it('two titles as near as each other pick nothing', () => {
    expect(
      choiceTyped('bake', [
        { title: 'Bike', value: 'a' },
        { title: 'Cake', value: 'b' },
        { title: 'Bakes', value: 'c' },
      ]),
    ).to.equal(undefined);
  });
});
