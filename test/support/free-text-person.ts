import type { ScriptAnswers } from './assessment-script.js';

/** The same person answering by question id (for conversation tests that follow the flow). */
export const freeTextAnswers: ScriptAnswers = {
  consent: 'sure',
  concerns: 'my pores and acne scars',
  scarDepth: 'deep ones',
  goal: 'probably at home',
  age: 'thirty four',
  pregnancy: "I'm not pregnant",
  isotretinoin: 'I stopped Roaccutane in May',
  checklists: ['I have rosacea', 'no others'],
  pigmentation: 'not sure',
  lastSession: 'I had a session 3 weeks ago',
  readBack: 'yes, that is right',
  human: 'no thanks',
};

/**
 * A whole conversation typed in free text, as a person would on the website, in the order this
 * version asks (for load and fuzz tests that replay it message by message; flow tests use
 * freeTextAnswers).
 */
export const freeTextPerson = [
  'hello',
  'sure',
  'my pores and acne scars',
  'deep ones',
  'probably at home',
  'thirty four',
  "I'm not pregnant",
  'I stopped Roaccutane in May',
  'I have rosacea',
  'no others',
  'not sure',
  'I had a session 3 weeks ago',
  'yes, that is right',
  'no thanks',
];
