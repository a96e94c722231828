import { normalizeText } from './normalize.js';

export type Command = 'help' | 'cancel' | 'startOver' | 'whatDoYouKnow' | 'forgetMe' | 'human';

/** Whole-message commands, accepted at any point of the conversation. */
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
  const normalized = normalizeText(text)
    .replace(/^(please|pls)\s+/, '')
    .replace(/[.!?]+$/, '')
    .replace(/\s+please$/, '');
  return COMMANDS.find(([, pattern]) => pattern.test(normalized))?.[0];
}

const QUESTION_START =
  /^(what|what's|whats|how|why|when|where|which|who|can|could|does|do|did|is|are|will|would|should|shall|am i|may|tell me|explain)\b/;

/** A question rather than an answer: it ends with "?" or opens like one. */
export function looksLikeQuestion(text: string): boolean {
  const normalized = normalizeText(text);
  return normalized.endsWith('?') || QUESTION_START.test(normalized);
}

const HAD_TREATMENT =
  /\b(i (had|got|did|have had|'ve had)|i've had|after (my|the)|since (my|the))\b.*\b(it done|micro-?needling|microneedl\w*|treatment|session|derma-?roll\w*|needling|procedure)\b/;
const SYMPTOM =
  /\b(red|redness|swollen|swelling|puffy|sore|pain|painful|itch\w*|bumps?|blisters?|rash|burn\w*|sting\w*|peel\w*|tight|dark (patch|patches|spots?)|pus|fever|bleeding|hurts?|scabs?)\b/;

/**
 * "I had it done yesterday and my face is red": someone reporting how their skin is after a
 * session. A symptom word is required, so "I had it done 3 weeks ago" in answer to the
 * last-session question stays an answer.
 */
export function isAfterTreatmentReport(text: string): boolean {
  const normalized = normalizeText(text);
  return HAD_TREATMENT.test(normalized) && SYMPTOM.test(normalized);
}
