import { CHANNELS, countMessages, oneMessagePeople, stepByStepTapping, stepByStepTyping } from './support/simulated-people.js';
it('probe', async () => {
  for (const p of [...oneMessagePeople, stepByStepTyping, stepByStepTapping]) for (const c of CHANNELS) console.log(p.name, c, JSON.stringify(await countMessages(p, c)));
});
