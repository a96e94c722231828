/**
 * A held-out set of phrasings for bench/reader-fresh.ts, written before the issue-27 work began
 * and not used by any test: the figures it gives measure the reader on wording it was not tuned
 * to. Phone typing, British and American English, emoji, typos. Do not add a row to make a figure
 * better; add rows only to measure something new, and say so in docs/benchmark.md.
 */

export type SignExpectation = 'emergency' | 'urgent' | 'not-escalated';

/** What people write after a session, and the red-flag outcome it must give. */
export const signCases: [string, SignExpectation][] = [
  // breathing and swallowing
  ['breathing is really quite hard rn', 'emergency'],
  ['its getting hard to breath properly', 'emergency'],
  ['struggling to get air in 😰', 'emergency'],
  ['i literally cant swallow', 'emergency'],
  ['swallowing feels really difficult since about an hour ago', 'emergency'],
  ['hard to swalow and my throat feels weird', 'emergency'],
  ['feels like my throat is shutting', 'emergency'],
  ['my thorat is closing up', 'emergency'],
  ['throat swolen', 'emergency'],
  ['cant breeth', 'emergency'],
  ['my breathing is a bit wheezy and tight', 'emergency'],
  ['gasping for breath here', 'emergency'],
  // lips, tongue, face
  ['lips have gone all puffy and big', 'emergency'],
  ['my bottom lip has ballooned', 'emergency'],
  ['my tounge feels swollen', 'emergency'],
  ['tongue is getting bigger', 'emergency'],
  ['top lip swelled right up', 'emergency'],
  ['my lips r swollen up massively', 'emergency'],
  ['whole face is puffed up and I can hardly breathe', 'emergency'],
  ['face swelling fast, its growing by the minute', 'emergency'],
  // faint
  ['feel really lightheaded', 'emergency'],
  ['i think im going to pass out', 'emergency'],
  ['everything went black for a sec and I nearly collapsed', 'emergency'],
  ['so dizzy i had to sit down', 'emergency'],
  ['feeling woozy and faint', 'emergency'],
  // spreading redness with systemic signs (R-RF-SEPSIS)
  ['the redness is spreading down my neck and i have a fever', 'emergency'],
  ['red patch is getting bigger and I feel shivery', 'emergency'],
  ['redness spreading, temp 38.9', 'emergency'],
  ['the red area has grown since this morning and my heart is pounding', 'emergency'],
  ['spreading redness + chills', 'emergency'],
  ['redness moving up my cheek, temperature is 101.5F', 'emergency'],
  ['red is spreading and I feel really confused', 'emergency'],
  ['my heart is racing and the redness has spread past where they needled', 'emergency'],
  ['temperature of a hundred and one and the redness keeps spreading', 'emergency'],
  ['redness is growing and my pulse is 118', 'emergency'],
  ['the redness spread to my ear and ive got the shivers', 'emergency'],
  ['feverish, and the red bit is getting wider', 'emergency'],
  ['burning up and the redness is creeping down my jaw', 'emergency'],
  ['red spreading 🔥 and heart going really fast', 'emergency'],
  ['redness expanding, had chills all night', 'emergency'],
  // urgent: infection, eye, blisters
  ['there is yellow gunk coming out of the spots', 'urgent'],
  ['its oozing pus', 'urgent'],
  ['the pain is getting worse and worse', 'urgent'],
  ['it hurts way more than yesterday', 'urgent'],
  ['my skin is hot and swollen where they did it', 'urgent'],
  ['the redness is spreading', 'urgent'],
  ['running a temp of 38.4', 'urgent'],
  ['i have a temperature of 39', 'urgent'],
  ['my eye really hurts', 'urgent'],
  ['my vision has gone blurry', 'urgent'],
  ["my sight's gone weird", 'urgent'],
  ['i cant see properly out of my left eye', 'urgent'],
  ['little blisters have come up on my chin', 'urgent'],
  ['i got a cold sore after the session', 'urgent'],
  ['my face is really swollen but breathing fine', 'urgent'],
  ['face very puffy today, day 1, breathing ok', 'urgent'],
  // not escalated: negated, someone else, hypothetical, past, habitual, mild on day one
  ['no swelling no fever nothing like that', 'not-escalated'],
  ['no redness, no heat, nothing weeping', 'not-escalated'],
  ["I can breathe fine, it's just red", 'not-escalated'],
  ['what if my lips swell up', 'not-escalated'],
  ['is it normal to have a fever after', 'not-escalated'],
  ['my mum had a fever last week', 'not-escalated'],
  ["my sister's eye hurts", 'not-escalated'],
  ['a little swelling on day one, is that ok', 'not-escalated'],
  ['slightly puffy face today, had it done yesterday', 'not-escalated'],
  ['bit red and tight, nothing else', 'not-escalated'],
  ['whenever I shave I get a rash', 'not-escalated'],
  ['had a cold sore years ago', 'not-escalated'],
  ['no pus no pain no blisters', 'not-escalated'],
  ['not dizzy at all', 'not-escalated'],
  ['no issues breathing', 'not-escalated'],
];

/**
 * A warning sign about someone else that is happening now (SAFETY-SPEC v1.2): nothing about the
 * writer escalates, but the instruction for the other person must be given.
 */
export const otherNowCases: string[] = [
  'my friend cant breathe!!',
  "my daughter's lips are swelling up right now",
  'my boyfriend just fainted',
  'help my sister is struggling to breathe after her session',
];

/** Folding: invisible characters and look-alike letters. */
export const foldCases: [string, 'emergency' | 'forget-me'][] = [
  ['can\u200bt breathe', 'emergency'],
  ['my lips are sw\u200dollen', 'emergency'],
  ['\u0441an\u2019t bre\u0430the', 'emergency'],
  ['f\u043erget me', 'forget-me'],
  ['forget\u00a0me', 'forget-me'],
  ['f\u200borget m\u0435', 'forget-me'],
];

/** Early answers at the concerns step: what must be taken and what must not be. */
export interface EarlyCase {
  text: string;
  /** Field -> the value that must be read. */
  takes?: Record<string, unknown>;
  /** Fields that must not be read as yes / current / a number. */
  notTaken?: string[];
}

export const earlyCases: EarlyCase[] = [
  { text: 'a bit of acne scarring on my cheeks', notTaken: ['activeAcne'] },
  { text: 'old acne marks and some pitting', notTaken: ['activeAcne'] },
  { text: 'sun spots and pigmentation', notTaken: ['pigmentationRisk'] },
  { text: 'dark spots from the sun on my forehead', notTaken: ['pigmentationRisk'] },
  { text: 'stopped Roaccutane about two months ago', takes: { 'isotretinoin.status': 'stopped' } },
  { text: 'came off accutane in march', takes: { 'isotretinoin.status': 'stopped' } },
  { text: 'finished my isotretinoin course last spring', takes: { 'isotretinoin.status': 'stopped' } },
  { text: 'I get cold sores a few times a year, none now', takes: { coldSoreNow: 'no' } },
  { text: 'i get cold sores now and then but not at the moment', notTaken: ['coldSoreNow'] },
  { text: 'I had a temperature of 38 yesterday', notTaken: ['age'] },
  { text: 'last session was on the 19th', notTaken: ['age'] },
  { text: 'I take 20 mg of roaccutane', notTaken: ['age'] },
  { text: 'my pulse was 95 this morning', notTaken: ['age'] },
  { text: 'started my spots at 13 when I was a teen', notTaken: ['age'] },
  { text: 'I am 52 with some wrinkles', takes: { age: 52 } },
  { text: "i'm twenty seven and have large pores", takes: { age: 27 } },
  { text: 'wait, I\u2019m 17 actually, typed it wrong', takes: { age: 17 } },
  { text: 'the Roaccutane is wrong, I stopped in spring', takes: { 'isotretinoin.status': 'stopped' } },
  { text: 'had eczema as a kid, all gone now', notTaken: ['eczema'] },
  { text: 'my sister has rosacea', notTaken: ['rosacea'] },
  { text: 'deep acne scars, no active spots', takes: { activeAcne: 'no' } },
  { text: 'pores and a few active breakouts on my chin', takes: { activeAcne: 'yes' } },
];

/** Questions typed without a question mark, and in-scope questions that must not be declined. */
export const questionCases: string[] = [
  'is it painful',
  'how long till i see results',
  'when will i see a difference',
  'should i see a professional first',
  'do i need to see a dermatologist before',
  'does it hurt much',
  'how many sessions would i need',
  'can i wear makeup after',
  'how long does the redness last',
  'is it worth it for acne scars',
  'whats the downtime like',
  'is microneedling safe for dark skin',
];
