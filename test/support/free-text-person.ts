/** A whole conversation typed in free text, as a person would on the website. */
export const freeTextPerson = [
  'hello',
  'sure',
  'my pores and acne scars',
  "that's all",
  'deep ones',
  'probably at home',
  'thirty four',
  "I'm not pregnant",
  'I stopped Roaccutane in May',
  'none of those',
  'I have rosacea',
  'no others',
  "I don't take blood thinners and no allergies",
  'not sure',
  'I had a session 3 weeks ago',
  'no thanks',
];
