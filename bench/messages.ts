import {
  CHANNELS,
  countMessages,
  oneMessagePeople,
  stepByStepTapping,
  stepByStepTyping,
  type Channel,
  type SimulatedPerson,
} from '../test/support/simulated-people.js';

/**
 * Messages per assessment (issue 29, "Say it once"): plays the simulated people of
 * test/support/simulated-people.ts through whole assessments on the Web Chat, Teams and WhatsApp
 * renderings (in process, no server) and prints, per channel, the messages each sent until the
 * result: typed, tapped, and the opening message WhatsApp needs (on Web Chat and Teams the bot
 * greets first). `npm run bench:messages`; the figures go in docs/benchmark.md.
 */

const cell = (count: { typed: number; taps: number; opener: number }) =>
  `${count.typed + count.taps} (${count.typed} typed, ${count.taps} tapped${count.opener ? `, opener ${count.opener}` : ''})`;

async function row(person: SimulatedPerson): Promise<string> {
  const cells: string[] = [];
  for (const channel of CHANNELS as readonly Channel[]) cells.push(cell(await countMessages(person, channel)));
  return `| ${person.name} | ${cells.join(' | ')} |`;
}

const lines = ['| person | Web Chat | Teams | WhatsApp |', '|---|---|---|---|'];
for (const person of [...oneMessagePeople, stepByStepTyping, stepByStepTapping]) lines.push(await row(person));
console.log(lines.join('\n'));
