import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { runConversation, scriptUntil } from '../support/conversation.js';
import { askedIds, askedQuestion, completedEventOf, shownText } from '../support/assessment-script.js';
import { checklistPicks, renderChecklist, typedNumbers, type ChecklistView } from '../../dialogs/renderers/render-checklist.js';
import { NONE_CHOICE, UNSURE_CHOICE } from '../../src/understanding/question-answers.js';

/**
 * Issue 29, "Say it once": checklists are multi-select where the channel allows. Web Chat and
 * Teams: one Adaptive Card of checkboxes (Input.ChoiceSet isMultiSelect, expanded) with "None of
 * these", whose Send carries the question it was shown with; WhatsApp: a numbered list answered
 * with the numbers in one reply, explained in one line. Safety: a ticked item is never dropped,
 * "not sure" stays possible, and words typed to the checklist are still read.
 */

type CardElement = {
  type: string;
  id?: string;
  isMultiSelect?: boolean;
  style?: string;
  wrap?: boolean;
  choices?: Array<{ title: string; value: string }>;
};
type Card = {
  version: string;
  body: CardElement[];
  actions: Array<{ type: string; title: string; data: Record<string, unknown> }>;
  speak?: string;
};

const view: ChecklistView = {
  questionId: 'checklists',
  question: 'Do any of these apply to you?',
  sections: [
    { heading: 'In the area now', items: [{ title: 'Sunburn', value: 'sunburn' }] },
    {
      heading: 'Conditions',
      items: [
        { title: 'Rosacea', value: 'rosacea' },
        { title: 'Eczema', value: 'eczema' },
      ],
    },
  ],
  others: [
    { title: 'None of these', value: NONE_CHOICE },
    { title: 'Not sure', value: UNSURE_CHOICE },
  ],
  send: 'Send',
  othersLabel: 'Or',
  nothingTicked: 'Nothing was ticked.',
  numbersHint: 'Reply with the numbers of all that apply in one message, for example "1, 3".',
};

const cardOf = (reply: Partial<Activity>) =>
  reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Card;

/** The health checklists' question as each channel gets it. */
async function checklistsQuestion(channelId: string): Promise<Partial<Activity>> {
  return (await runConversation([scriptUntil('checklists')], { channelId })).at(-1)!.at(-1)!;
}

/** A card's Send with these values ticked, as Web Chat and Teams post it. */
function submit(reply: Partial<Activity>, ticked: string[]): Partial<Activity> {
  const card = cardOf(reply);
  const value: Record<string, unknown> = { ...card.actions[0]!.data };
  for (const list of card.body.filter((element) => element.type === 'Input.ChoiceSet')) {
    const values = (list.choices ?? []).map((choice) => choice.value).filter((choice) => ticked.includes(choice));
    if (values.length > 0) value[list.id!] = values.join(',');
  }
  return { type: 'message', value };
}

describe('Checklists, multi-select where the channel allows', () => {
  describe('rendering (the dialog decides the view, the renderer the channel)', () => {
    for (const channelId of ['webchat', 'msteams']) {
      it(`${channelId}: one Adaptive Card of checkboxes, a labelled list per section, "None of these", and a Send carrying the question`, () => {
        const reply = renderChecklist(channelId, view);
        const card = cardOf(reply);
        expect(card.version).to.equal('1.5');
        expect(card.speak).to.equal(view.question);
        const lists = card.body.filter((element) => element.type === 'Input.ChoiceSet');
        for (const list of lists) expect(list).to.deep.include({ isMultiSelect: true, style: 'expanded', wrap: true });
        // Each list is labelled, so a screen reader names it: the section's heading, then "Or".
        expect(lists.map((list) => (list as unknown as { label: string }).label)).to.deep.equal(['In the area now', 'Conditions', 'Or']);
        expect(lists.flatMap((list) => list.choices!.map((choice) => choice.title))).to.deep.equal([
          'Sunburn',
          'Rosacea',
          'Eczema',
          'None of these',
          'Not sure',
        ]);
        expect(card.actions).to.have.length(1);
        expect(card.actions[0]!.data).to.deep.equal({ questionId: 'checklists', checklist: true });
        expect(reply.suggestedActions).to.equal(undefined);
      });
    }

    it('WhatsApp: the choices numbered under their headings and one line on how to answer, in one text', () => {
      const reply = renderChecklist('whatsapp', view);
      expect(reply.attachments).to.equal(undefined);
      expect(reply.text).to.equal(
        'Do any of these apply to you?\n\nIn the area now\n1. Sunburn\nConditions\n2. Rosacea\n3. Eczema\n4. None of these\n5. Not sure\n\n' +
          view.numbersHint,
      );
    });

    const numbers: Array<[string, string[] | undefined]> = [
      ['1, 3', ['sunburn', 'eczema']],
      ['2 and 3', ['rosacea', 'eczema']],
      ['1 3', ['sunburn', 'eczema']],
      ['3.', ['eczema']],
      ['2, 2', ['rosacea']],
      ['4', [NONE_CHOICE]],
      ['6', undefined],
      ['1, eczema', undefined],
      ['I have eczema', undefined],
    ];
    for (const [typed, picked] of numbers) {
      it(`numbers typed in one reply: "${typed}" picks ${picked ? picked.join(' and ') : 'nothing (read as words)'}`, () => {
        expect(typedNumbers(typed, [...view.sections.flatMap((section) => section.items), ...view.others])).to.deep.equal(picked);
      });
    }

    it("a card's Send is read as its ticks; any other message is not", () => {
      expect(
        checklistPicks({ value: { questionId: 'checklists', checklist: true, pick_0: 'sunburn', pick_1: 'rosacea,eczema' } }),
      ).to.deep.equal(['sunburn', 'rosacea', 'eczema']);
      expect(checklistPicks({ value: { questionId: 'checklists', checklist: true } })).to.deep.equal([]);
      expect(checklistPicks({ value: { answer: 'Rosacea', questionId: 'conditions' } })).to.equal(undefined);
      expect(checklistPicks({ text: 'rosacea' })).to.equal(undefined);
    });
  });

  describe('conversations by question id', () => {
    for (const channelId of ['webchat', 'msteams']) {
      it(`${channelId}: the health checklists are one card; rosacea and eczema ticked at once are both taken, the rest is no`, async () => {
        const question = await checklistsQuestion(channelId);
        const transcript = await runConversation(
          [scriptUntil('checklists'), { send: submit(question, ['rosacea', 'eczema']) }, scriptUntil('none')],
          {
            channelId,
          },
        );
        expect(askedIds(transcript).filter((id) => id === 'checklists')).to.have.length(1);
        const result = transcript.flat().map(shownText).join('\n');
        expect(result).to.match(/- Conditions: Rosacea, Eczema\n- Medicines and allergies: none/);
        expect(completedEventOf(transcript)?.rules ?? []).to.not.include('R-UNKNOWN');
      });
    }

    it('WhatsApp: "6, 7" in one reply ticks the sixth and seventh (rosacea, eczema)', async () => {
      const transcript = await runConversation([scriptUntil('checklists'), { send: '6, 7' }, scriptUntil('none')], {
        channelId: 'whatsapp',
      });
      expect(transcript.flat().map(shownText).join('\n')).to.match(/- Conditions: Rosacea, Eczema\n/);
    });

    it('a card sent with nothing ticked is asked again, saying nothing was ticked', async () => {
      const question = await checklistsQuestion('msteams');
      const transcript = await runConversation([scriptUntil('checklists'), { send: submit(question, []) }], { channelId: 'msteams' });
      const again = transcript.at(-1)!;
      expect(askedQuestion(again)).to.equal('checklists');
      expect(again.at(-1)!.text).to.match(/^Nothing was ticked/);
      expect(cardOf(again.at(-1)!)).to.not.equal(undefined);
    });

    it('safety: an item ticked beside "None of these" is kept, and the rest is asked again, never "no"', async () => {
      const question = await checklistsQuestion('webchat');
      const transcript = await runConversation([scriptUntil('checklists'), { send: submit(question, ['diabetes', NONE_CHOICE]) }]);
      expect(askedQuestion(transcript.at(-1)!)).to.equal('checklists');
      expect(shownText(transcript.at(-1)!.at(-1)!)).to.match(/Noted: Diabetes/);
    });

    it('safety: "Not sure" beside an item keeps the item and leaves the rest not sure', async () => {
      const question = await checklistsQuestion('webchat');
      const transcript = await runConversation([
        scriptUntil('checklists'),
        { send: submit(question, ['eczema', UNSURE_CHOICE]) },
        scriptUntil('none'),
      ]);
      expect(completedEventOf(transcript)?.rules).to.include.members(['R-ECZEMA', 'R-UNKNOWN']);
    });

    it('safety: words typed to the card are read ("I have psoriasis"), and the rest asked again', async () => {
      const transcript = await runConversation([scriptUntil('checklists'), { send: 'I have psoriasis' }]);
      expect(askedQuestion(transcript.at(-1)!)).to.equal('checklists');
      expect(shownText(transcript.at(-1)!.at(-1)!)).to.match(/Noted: Psoriasis/);
    });

    it('the same Send twice (a double click) answers the next question nothing', async () => {
      const question = await checklistsQuestion('webchat');
      const transcript = await runConversation([
        scriptUntil('checklists'),
        { send: submit(question, [NONE_CHOICE]) },
        { send: submit(question, [NONE_CHOICE]), replies: [] },
      ]);
      expect(askedQuestion(transcript.at(-2)!)).to.equal('pigmentation');
    });

    it('safety: the card sent again with an item ticked, after the next question came, takes the item (never dropped)', async () => {
      const question = await checklistsQuestion('webchat');
      const transcript = await runConversation([
        scriptUntil('checklists'),
        { send: submit(question, [NONE_CHOICE]) },
        { send: submit(question, ['rosacea']), replies: [/changed that: Rosacea: yes/] },
        { send: 'no' },
        scriptUntil('none'),
      ]);
      expect(completedEventOf(transcript)?.rules).to.include('R-ROSACEA');
    });
  });
});
