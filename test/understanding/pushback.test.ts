import { expect } from 'chai';
import { readPushback, type Pushback } from '../../src/understanding/intents.js';
import { foldedWords } from '../../src/understanding/fold.js';
import { testReader } from './test-reader.js';

/**
 * What a person says back to an emergency or urgent instruction (conversation.json
 * `underInstruction`), one message per phrase of the data: deleting a phrase, or moving it to
 * another kind, fails its line. The kinds are tried in their order, so a message that both
 * doubts and asks to wait is answered about waiting.
 */
const said: Array<[string, Pushback | undefined]> = [
  // wait
  ['can I wait a bit', 'wait'],
  ["I'll see a doctor tomorrow", 'wait'],
  ["I'll go in the morning", 'wait'],
  ["I'll deal with it later", 'wait'],
  ['maybe tonight', 'wait'],
  ["I'd rather sleep on it", 'wait'],
  ["let's see how it goes", 'wait'],
  ['I want to see if it settles', 'wait'],
  ["I'll give it time", 'wait'],
  ["I'll give it a day", 'wait'],
  ['give it a few hours', 'wait'],
  ["I'll hold off for now", 'wait'],
  ["I'll go after work", 'wait'],
  ['my practitioner can see me next week', 'wait'],
  ["I'll just leave it", 'wait'],
  ["I'll ride it out", 'wait'],
  ["it's probably fine, can't I just wait", 'wait'],
  // refuse
  ["I can't call anyone", 'refuse'],
  ['I cannot call right now', 'refuse'],
  ["I'm unable to call", 'refuse'],
  ['I have no phone here', 'refuse'],
  ['I will not call', 'refuse'],
  ["I'm not going to call", 'refuse'],
  ["I'm not calling anyone", 'refuse'],
  ["I won't call", 'refuse'],
  ["I don't want to call", 'refuse'],
  ["I'd rather not", 'refuse'],
  ["I can't go anywhere", 'refuse'],
  ["I can't afford it", 'refuse'],
  ["I'm too embarrassed", 'refuse'],
  ["I don't want to go to hospital", 'refuse'],
  ["I'm not going to hospital", 'refuse'],
  // needToCall
  ['do I really need to?', 'needToCall'],
  ['do I have to call?', 'needToCall'],
  ['do I need to go?', 'needToCall'],
  ['I really need to, for this?', 'needToCall'],
  ['need to call? seriously?', 'needToCall'],
  ['should I call them?', 'needToCall'],
  ['should I really?', 'needToCall'],
  ['is it that serious?', 'needToCall'],
  ['is it serious?', 'needToCall'],
  ['is this serious?', 'needToCall'],
  ['is that necessary?', 'needToCall'],
  ['is it necessary?', 'needToCall'],
  ['must I?', 'needToCall'],
  ['is it an emergency though?', 'needToCall'],
  ['is this an emergency?', 'needToCall'],
  ['is it urgent?', 'needToCall'],
  ['is this urgent?', 'needToCall'],
  ['an ambulance for this?', 'needToCall'],
  // selfCare
  ['ok, what can I apply on it?', 'selfCare'],
  ['what should I put on it', 'selfCare'],
  ['can I put something on it', 'selfCare'],
  ['is there a cream for it', 'selfCare'],
  ['any ointment?', 'selfCare'],
  ['I took antihistamines', 'selfCare'],
  ['can I have piriton', 'selfCare'],
  ['should I use ice', 'selfCare'],
  ['would a cold compress help', 'selfCare'],
  ['paracetamol?', 'selfCare'],
  ['ibuprofen?', 'selfCare'],
  ['painkillers will sort it', 'selfCare'],
  ['aloe vera?', 'selfCare'],
  ['vaseline on it?', 'selfCare'],
  ['any home remedy', 'selfCare'],
  ['can I treat it myself', 'selfCare'],
  ['what can I take', 'selfCare'],
  ["I'll take something for it", 'selfCare'],
  ['I have some tablets', 'selfCare'],
  ['is there medicine for this', 'selfCare'],
  // doubt
  ["it's probably fine", 'doubt'],
  ['probably ok', 'doubt'],
  ['probably okay really', 'doubt'],
  ["it's probably nothing", 'doubt'],
  ["it's nothing", 'doubt'],
  ["honestly it's fine", 'doubt'],
  ["I'm fine", 'doubt'],
  ['I feel fine', 'doubt'],
  ['I feel ok', 'doubt'],
  ["it's not that bad", 'doubt'],
  ['not too bad', 'doubt'],
  ["it's not so bad", 'doubt'],
  ['no big deal', 'doubt'],
  ["it's normal surely", 'doubt'],
  ['just a reaction', 'doubt'],
  ['it will pass', 'doubt'],
  ["it'll pass", 'doubt'],
  ["it's going down", 'doubt'],
  ["it's getting better", 'doubt'],
  ['feels better now', 'doubt'],
  ['this is not serious', 'doubt'],
  ['nothing serious', 'doubt'],
  ["it's not an emergency", 'doubt'],
  ["you're overreacting", 'doubt'],
  ["that's exaggerated", 'doubt'],
  ['I doubt it', 'doubt'],
  ["I don't think so", 'doubt'],
  ["I think it's ok", 'doubt'],
  ["you're wrong", 'doubt'],
  ["I'm sure it's fine", 'doubt'],
  // acting
  ['I called them', 'acting'],
  ["I've called", 'acting'],
  ['I have called', 'acting'],
  ['already called them', 'acting'],
  ['calling now', 'acting'],
  ["I'm calling them", 'acting'],
  ['the ambulance is coming', 'acting'],
  ["they're on their way", 'acting'],
  ['on my way', 'acting'],
  ['going now', 'acting'],
  ['will do', 'acting'],
  ['I will', 'acting'],
  ['booked an appointment', 'acting'],
  ['they are coming', 'acting'],
  ["they're coming", 'acting'],
  // thanks
  ['ok', 'thanks'],
  ['okay', 'thanks'],
  ['thanks', 'thanks'],
  ['thank you', 'thanks'],
  ['thx', 'thanks'],
  ['cheers', 'thanks'],
  ['got it', 'thanks'],
  ['understood', 'thanks'],
  ['alright', 'thanks'],
  ['right', 'thanks'],
  // none of these: declined, with the way to start over
  ['what is micro-needling', undefined],
  ['how much does it cost', undefined],
];

describe('What a person says back to an instruction (underInstruction), phrase by phrase', () => {
  const reader = testReader();
  for (const [text, kind] of said) {
    it(`"${text}" is ${kind ?? 'none of them'}`, () => expect(readPushback(text, reader)).to.equal(kind));
  }

  it('every phrase of the data has its line above, so a new phrase comes with its test', () => {
    const lines = said.map(([text]) => ` ${foldedWords(text)} `);
    const data = reader.compiled.knowledge.conversation.underInstruction;
    for (const [kind, phrases] of Object.entries(data)) {
      for (const phrase of phrases) {
        const words = foldedWords(phrase.replace(/\*/g, ''));
        expect(
          lines.some((line) => line.includes(` ${words}`)),
          `${kind}: "${phrase}"`,
        ).to.equal(true);
      }
    }
  });
});
