import { endsWithQuestionMark, foldedWords } from './fold.js';
import { read, type Reader } from './reader/index.js';

export type Command = 'help' | 'cancel' | 'startOver' | 'whatDoYouKnow' | 'forgetMe' | 'human';

/** Whole-message commands, accepted at any point of the conversation (matched on folded words). */
const COMMANDS: Array<[Command, RegExp]> = [
  ['help', /^(help|help me|what can you do|menu|options|commands)$/],
  ['cancel', /^(cancel|stop|quit|exit|end|cancel that)$/],
  ['startOver', /^(start over|start again|restart|reset|begin again|from the start|start from scratch)$/],
  [
    'whatDoYouKnow',
    /^(what do you (know|have|store|keep) (about|on|of) me|what have you (stored|saved|got) (about|on) me|show (me )?my data|my data)$/,
  ],
  [
    'human',
    /^(human|agent|a human|real person|a real person|(talk|speak|chat) (to|with) (a |an |someone|somebody|a real |the )?(human|person|agent|someone|somebody|staff|team|practitioner|nurse)?( please)?|connect me( to (a|someone|the team))?.*)$/,
  ],
  ['forgetMe', /^(forget me|forget about me|delete (me|my data|everything|my information)|erase (me|my data)|remove my data)$/],
];

export function detectCommand(text: string): Command | undefined {
  const words = foldedWords(text)
    .replace(/^(please|pls)\s+/, '')
    .replace(/\s+please$/, '');
  return COMMANDS.find(([, pattern]) => pattern.test(words))?.[0];
}

const QUESTION_START =
  /^(what|whats|how|why|when|where|which|who|can|could|does|do|did|is|are|will|would|should|shall|am i|may|tell me|explain)\b/;

/** A question rather than an answer: it ends with "?" or opens like one. */
export function looksLikeQuestion(text: string): boolean {
  return endsWithQuestionMark(text) || QUESTION_START.test(foldedWords(text));
}

const HAD_TREATMENT =
  /\b(i (had|got|did|have had)|ive had|after (my|the)|since (my|the))\b.*\b(it done|micro ?needling|microneedl\w*|treatment|session|derma ?roll\w*|needling|procedure)\b|\b(after|since) (a |my |the )?(micro ?needling|microneedl\w*|derma ?roll\w*|needling) ?(session|treatment)?\b/;
/** Skin words the terminology does not hold as signs (itch, rash, scabs) that still make a report. */
const OTHER_SKIN_WORDS = /\b(itch\w*|bumps?|rash|burn\w*|sting\w*|peel\w*|sore|bleeding|scabs?)\b/;

/**
 * "I had it done yesterday and my face is red": someone reporting how their skin is after a
 * session. A sign or reaction the reader finds (not negated) is required, so "I had it done 3
 * weeks ago" in answer to the last-session question stays an answer.
 */
export function isAfterTreatmentReport(text: string, reader: Reader): boolean {
  const words = foldedWords(text);
  if (!HAD_TREATMENT.test(words)) return false;
  const reading = read(text, reader);
  const symptom = reading.findings.some((finding) => (finding.kind === 'sign' || finding.kind === 'after') && !finding.negated);
  return symptom || OTHER_SKIN_WORDS.test(words);
}
