import { expect } from 'chai';
import { runConversation, testCore } from '../support/conversation.js';
import { shownText } from '../support/assessment-script.js';

/** "Is this happening to you now?" answered unsure is never taken as no: the person is told where to turn. */
describe('Unsure whether a warning sign is happening now', () => {
  const { strings } = testCore();
  for (const answer of ['not sure', 'maybe', "I don't know"]) {
    it(`"${answer}" gets where to turn, never the thanks for a no`, async () => {
      const transcript = await runConversation([{ send: 'hi' }, { send: 'yes' }, { send: 'is my lip swelling normal?' }, { send: answer }]);
      const asked = transcript.at(-2)!.map(shownText).join('\n');
      expect(asked).to.contain(strings('redFlagConfirmQuestion'));
      const said = transcript.at(-1)!.map(shownText).join('\n');
      expect(said).to.contain(strings('warningSignsUnsure'));
      expect(said).to.not.contain(strings('redFlagConfirmNo'));
    });
  }
});
