import { runConversation, scriptUntil, wholeAssessment } from '../support/conversation.js';
import { allTexts } from '../support/assessment-script.js';
const runs: [string, any[]][] = [
  ['minor roller', [wholeAssessment({ age: "I'm 16" }), { send: 'can i use a derma roller at home then' }]],
  ['minor roller2', [wholeAssessment({ age: "I'm 16" }), { send: 'what about a roller at home' }]],
  ['dark patches', [scriptUntil('pregnancy'), { send: 'i have dark patches after my session, what should i do' }]],
  ['dark patches2', [{ send: 'hi' }, { send: 'yes' }, { send: 'got dark patches since my microneedling 2 weeks ago' }]],
  ['pregnant stretch', [scriptUntil('concerns'), { send: 'pregnant, can I needle my stretch marks?' }]],
  ['how long', [scriptUntil('concerns'), { send: 'how long till i see results' }]],
  ['is it painful', [scriptUntil('concerns'), { send: 'is it painful' }]],
  ['pro first', [scriptUntil('goal'), { send: 'should i see a professional first' }]],
];
describe('scratch', () => {
  for (const [name, turns] of runs)
    it(name, async () => {
      const t = await runConversation(turns);
      console.log('=== ' + name + '\n' + allTexts(t.slice(-1)).join('\n---\n').slice(0, 1200));
    });
});
