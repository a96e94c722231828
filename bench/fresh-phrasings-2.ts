import type { EarlyCase, SignExpectation } from './fresh-phrasings.js';

/**
 * A second held-out set, written after the issue-27 work and run once, without changing the
 * reader afterwards: bench/reader-fresh.ts reports it beside the first set (which was written
 * before the work, and whose misses were seen while working).
 */

export const signCases2: [string, SignExpectation][] = [
  ['cant really catch my breath properly', 'emergency'],
  ['breathing feels so heavy and hard', 'emergency'],
  ['finding it really hard to swallow my food', 'emergency'],
  ['my lip is like double the size 😭', 'emergency'],
  ['tongue feels huge and weird', 'emergency'],
  ['my throat feels really tight and scratchy', 'emergency'],
  ['i nearly fainted in the shower', 'emergency'],
  ['feel like im gonna pass out', 'emergency'],
  ['my mouth is swelling up fast', 'emergency'],
  ['my face is blowing up like a balloon', 'emergency'],
  ['the redness is spreading towards my eye and i have a temp of 39.2', 'emergency'],
  ['red area getting bigger + feeling feverish', 'emergency'],
  ['redness has spread, heart beating really fast', 'emergency'],
  ['spreading red patch, shaking with chills', 'emergency'],
  ['the rash keeps spreading and my pulse is 122', 'emergency'],
  ['temp is 102.3F and the red bit has got wider', 'emergency'],
  ['thermometer says thirty nine point four and the redness is moving', 'emergency'],
  ['confused and the redness is spreading down my neck', 'emergency'],
  ['theres yellowish pus on my chin', 'urgent'],
  ['it is weeping clear and yellow stuff', 'urgent'],
  ['the pain is way worse today', 'urgent'],
  ['skin feels hot and puffy', 'urgent'],
  ['my temperature is 38.3', 'urgent'],
  ['my eyes are burning', 'urgent'],
  ['vision has gone all blurry in one eye', 'urgent'],
  ['little blisters popped up round my mouth', 'urgent'],
  ['my cheeks are massively swollen but i can breathe', 'urgent'],
  ['redness is spreading across my cheek', 'urgent'],
  ['no pain, no swelling, no fever', 'not-escalated'],
  ['my face is a tiny bit puffy, day 2', 'not-escalated'],
  ['slightly swollen and red, had it done this morning', 'not-escalated'],
  ['my friend has a fever', 'not-escalated'],
  ['could my lips swell up afterwards', 'not-escalated'],
  ['I had trouble breathing years ago with asthma', 'not-escalated'],
  ['is blurry vision a risk', 'not-escalated'],
  ['the swelling has gone right down now', 'not-escalated'],
  ['no redness spreading at all', 'not-escalated'],
];

export const otherNowCases2: string[] = [
  "my mum's face is swelling up really fast",
  'my husband is struggling to breathe',
  'my sister just collapsed',
];

export const earlyCases2: EarlyCase[] = [
  { text: 'acne scarring and some large pores', notTaken: ['activeAcne'] },
  { text: 'pigmentation from the sun and a few age spots', notTaken: ['pigmentationRisk'] },
  { text: 'finished roaccutane in january', takes: { 'isotretinoin.status': 'stopped' } },
  { text: 'I stopped taking accutane 3 months ago', takes: { 'isotretinoin.status': 'stopped' } },
  { text: 'my temp was 38.5 last night', notTaken: ['age'] },
  { text: 'I take 50mg of something for my thyroid', notTaken: ['age'] },
  { text: 'had a cold sore when I was 12', notTaken: ['age', 'coldSoreNow'] },
  { text: 'im 45 and have fine lines', takes: { age: 45 } },
  { text: 'thirty one, wrinkles mostly', takes: { age: 31 } },
  { text: 'my daughter is 15 and has acne', notTaken: ['age', 'activeAcne'] },
  { text: 'i used to have rosacea as a teen', notTaken: ['rosacea'] },
  { text: 'I get cold sores every winter but I dont have one right now', takes: { coldSoreNow: 'no' } },
];

export const questionCases2: string[] = [
  'how long does it take to heal',
  'does microneedling help with wrinkles',
  'is it ok to wear sunscreen after',
  'how much does it hurt',
  'what should i avoid after a session',
  'can i do it if i have dark skin',
];
