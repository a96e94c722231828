import { expect } from 'chai';
import { askUnits, catalogueStringKeys, type CheckId } from '../../src/safety/index.js';
import { runConversation, scriptUntil, testCore, type Turn } from '../support/conversation.js';
import { askedTogether, type ScriptAnswers } from '../support/assessment-script.js';

/**
 * One test per entry of the question catalogue (knowledge/safety/rules.json "questions"): the
 * form asks it, in the catalogue's order, once what it depends on holds, with its own strings.
 */

const { safety, strings } = testCore();

/** Answers that make a follow-up's condition hold. */
const leadingTo: Record<string, ScriptAnswers> = {
  isotretinoinStopped: { isotretinoin: 'I stopped' },
  lastSessionDate: { lastSession: "yes, I've had it" },
  treatmentDay: { normalSymptoms: 'yes' },
};

/** A report that says nothing of the common reaction, so that question comes. */
const openingFor: Record<string, Turn[]> = {
  normalSymptoms: [{ send: 'hi' }, { send: 'yes' }, { send: 'since my microneedling session my skin stings' }],
};

/** How each check is reached. */
const opening: Record<CheckId, Turn[]> = {
  screening: [],
  'after-treatment': [{ send: 'hi' }, { send: 'yes' }, { send: 'my skin is red after micro-needling' }],
};

describe('The question catalogue, entry by entry', () => {
  for (const check of ['screening', 'after-treatment'] as const) {
    const units = askUnits(safety.rules.questions[check]);
    for (const [index, unit] of units.entries()) {
      it(`${check}: "${unit.id}" is asked after ${index === 0 ? 'nothing else of its check' : `"${units[index - 1]!.id}"`}`, async () => {
        // After the opening turns, the script goes on from the last reply.
        const transcript = await runConversation([
          ...(openingFor[unit.id] ?? opening[check]),
          scriptUntil(unit.id, leadingTo[unit.id] ?? {}),
        ]);
        const asked = transcript.flat().map((activity) => (activity.channelData as { questionId?: string } | undefined)?.questionId);
        // A checklist may be asked together with the checklists after it, in one message.
        const last = asked.at(-1) === 'checklists' ? askedTogether(transcript.at(-1)!) : [asked.at(-1)];
        expect(last, `the conversation should stop at "${unit.id}"`).to.include(unit.id);
        const earlier = units.slice(0, index).map((other) => other.id);
        const before = asked.filter((id): id is string => id !== undefined && units.some((other) => other.id === id));
        for (const id of before) expect(earlier.includes(id) || id === unit.id, `"${id}" before "${unit.id}"`).to.equal(true);
      });
      it(`${check}: "${unit.id}" has every string it needs`, () => {
        const keys = catalogueStringKeys({ screening: [], 'after-treatment': [], [check]: unit.questions });
        expect(keys.length).to.be.greaterThan(1);
        for (const key of keys) expect(strings(key), key).to.be.a('string').and.not.equal('');
      });
    }
  }
});
