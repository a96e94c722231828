import { ActivityTypes, type Activity } from 'botbuilder';
import { buildTestBot } from './conversation.js';
import { answerQuestions, type ScriptAnswers } from './assessment-script.js';

/**
 * Simulated people for "messages per assessment" (issue 29, "Say it once"): each answers the
 * bot's questions by question id, and every message they send is counted as typed, or as a tap
 * when it is a choice the bot's last replies showed (a button, a list row, a card's checkbox).
 * Used by test/dialogs/messages-per-assessment.test.ts and by `npm run bench:messages`.
 */

export interface SimulatedPerson {
  name: string;
  /** What they answer, by question id; anything else asked gets the plain answers (and costs a message). */
  answers: ScriptAnswers;
  /** The outcome their profile leads to. */
  outcome: string;
}

/** Someone who says it all in one message after consent: a few phrasings and profiles. */
export const oneMessagePeople: SimulatedPerson[] = [
  {
    name: 'large pores at a clinic, nothing to report',
    answers: {
      consent: 'yes',
      describe:
        "I'm 34 and would like help with large pores at a clinic. I'm not pregnant or breastfeeding, I've never taken isotretinoin, I don't get dark marks after a cut and I've never had micro-needling.",
      checklists: 'none of these',
      readBack: "yes that's right",
    },
    outcome: 'consultation',
  },
  {
    name: 'fine lines, written casually',
    answers: {
      consent: 'ok',
      describe:
        "hi, I'm 52. fine lines, nothing deep, thinking of a clinic. not pregnant, never been on roaccutane, I don't get dark marks after a cut, never had micro-needling",
      checklists: 'none',
      readBack: 'yep',
    },
    outcome: 'consultation',
  },
  {
    name: 'shallow acne scars while breastfeeding: not suitable now',
    answers: {
      consent: 'yes please',
      describe:
        "I'm 29 and I'm breastfeeding. I'd like to treat my acne scars, shallow ones, at a clinic. I never took isotretinoin, I don't get dark marks after a cut and I've never had micro-needling.",
      checklists: 'none of these',
      readBack: 'correct',
    },
    outcome: 'not-suitable-now',
  },
  {
    name: 'sun damage at home, isotretinoin years ago',
    answers: {
      consent: 'sure',
      describe:
        "I'm 45, I want to work on sun damage at home. I'm not pregnant, I stopped Roaccutane 3 years ago, I don't get dark marks after a cut and I've never had micro-needling.",
      checklists: 'no',
      readBack: "that's right",
    },
    outcome: 'consultation',
  },
];

/** Someone who answers one thing at a time, typing each answer. */
export const stepByStepTyping: SimulatedPerson = {
  name: 'one thing at a time, typed',
  answers: {
    consent: 'yes',
    describe: 'acne scars',
    scarDepth: 'shallow',
    goal: 'at a clinic',
    age: '34',
    pregnancy: 'no',
    isotretinoin: 'never',
    checklists: 'none of these',
    pigmentation: 'no',
    lastSession: 'never',
    readBack: "that's right",
  },
  outcome: 'consultation',
};

/** The same person tapping every choice the channel shows (ticking "None of these" on a card, tapping a number's row...). */
export const stepByStepTapping: SimulatedPerson = {
  name: 'one thing at a time, tapping',
  answers: {
    consent: 'Yes, I agree',
    describe: 'Acne scars',
    scarDepth: 'Shallow marks',
    goal: 'At a clinic',
    age: '34',
    pregnancy: 'No',
    isotretinoin: 'Never',
    checklists: 'None of these',
    pigmentation: 'No',
    lastSession: 'Never had it',
    readBack: "That's right",
  },
  outcome: 'consultation',
};

export const CHANNELS = ['webchat', 'msteams', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface MessagesCount {
  /** Messages the person typed, the opening one included. */
  typed: number;
  /** Choices tapped (a button, a list row, a card's Send with its ticks). */
  taps: number;
  /** The opening message, where the channel needs one (WhatsApp: the person writes first). */
  opener: number;
  /** The outcome the bot decided (from the audit trail), if it got there. */
  outcome?: string;
  /** The questions the person answered, in order (what was still open after what they said). */
  asked: string[];
}

interface ShownChoice {
  title: string;
  /** A checklist card's checkbox: the list's id and value, for a card submit. */
  checkbox?: { list: string; value: string };
}

/** The choices the replies show: suggested actions, hero card buttons, choice lists and checkboxes on Adaptive Cards. */
function shownChoices(replies: readonly Partial<Activity>[]): { choices: ShownChoice[]; questionId?: string } {
  const choices: ShownChoice[] = [];
  let questionId: string | undefined;
  for (const reply of replies) {
    const id = (reply.channelData as { questionId?: string } | undefined)?.questionId;
    if (id) questionId = id;
    for (const action of reply.suggestedActions?.actions ?? []) choices.push({ title: String(action.title) });
    for (const attachment of reply.attachments ?? []) {
      const content = attachment.content as {
        buttons?: Array<{ title: string }>;
        body?: Array<{ type: string; id?: string; isMultiSelect?: boolean; choices?: Array<{ title: string; value: string }> }>;
      };
      for (const button of content?.buttons ?? []) choices.push({ title: button.title });
      for (const element of content?.body ?? []) {
        if (element.type !== 'Input.ChoiceSet') continue;
        for (const choice of element.choices ?? [])
          choices.push(
            element.isMultiSelect ? { title: choice.title, checkbox: { list: element.id!, value: choice.value } } : { title: choice.title },
          );
      }
    }
  }
  return { choices, ...(questionId ? { questionId } : {}) };
}

/** Plays a person's whole assessment on a channel and counts what they sent. */
export async function countMessages(person: SimulatedPerson, channelId: Channel): Promise<MessagesCount> {
  const { adapter, audit } = buildTestBot({ channelId });
  const count: MessagesCount = { typed: 0, taps: 0, opener: 0, asked: [] };
  let last: Partial<Activity>[] = [];
  const deliver = async (activity: string | Partial<Activity>) => {
    await adapter.receiveActivity(activity);
    last = adapter.activeQueue.splice(0).filter((a) => a.type !== ActivityTypes.Typing && a.type !== ActivityTypes.Trace);
    return last;
  };
  // Web Chat and Teams greet a person who opens the chat; on WhatsApp the person writes first.
  if (channelId === 'whatsapp') {
    count.opener = 1;
    count.typed += 1;
    await deliver('hi');
  } else {
    await deliver({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user-1', name: 'Person' }] });
  }
  const send = async (text: string) => {
    const { choices, questionId } = shownChoices(last);
    if (questionId) count.asked.push(questionId);
    const shown = choices.find((choice) => choice.title === text);
    if (!shown) {
      count.typed += 1;
      return deliver(text);
    }
    count.taps += 1;
    if (shown.checkbox)
      return deliver({ type: 'message', value: { questionId, checklist: true, [shown.checkbox.list]: shown.checkbox.value } });
    return deliver(text);
  };
  await answerQuestions(send, person.answers, { first: null, replies: last, until: 'none' });
  const outcome = audit.records.at(-1)?.outcome;
  return { ...count, ...(outcome ? { outcome } : {}) };
}
