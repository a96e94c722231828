/**
 * The clinical reader (SAFETY-SPEC v1.1 "Reading what people write"): one normaliser, one
 * terminology, one negation and context model, and the policies built on them. Pure: no I/O
 * except loadReaderKnowledge when called, no botbuilder, data passed in.
 */
export {
  loadReaderKnowledge,
  parseReaderKnowledge,
  ReaderKnowledgeError,
  terminologyFile,
  readerTriggersFile,
  retrievalFile,
  conversationFile,
} from './load.js';
export type { ReaderKnowledge, ReaderIssue } from './load.js';
export { createReader, read } from './read.js';
export type { Reader, ReaderPolicy, Reading, Finding, Span, Degree, Experiencer, AnswerMention } from './read.js';
export { readRedFlags, redFlagsOf } from './red-flags.js';
export type { RedFlagReading, RedFlagOutcome, RedFlagConfirmation, NotEscalatedBecause } from './red-flags.js';
export { readScreeningAnswers } from './screening.js';
export type { ScreeningReading, ScreeningOptions, FieldEvidence, AnswerBasis } from './screening.js';
export { readAge } from './age.js';
export type { AgeReading } from './age.js';
export { readApproximateDate, readLifeStage } from './dates.js';
export type { ApproximateDate } from './dates.js';
export { readYesNo, readConsent } from './yes-no.js';
export type { YesNoUnsure, ConsentReading } from './yes-no.js';
export type { Quantity } from './numbers.js';
export { allowedEdits, boundedDistance, FuzzyIndex } from './fuzzy.js';
export { normalize, phraseWords, tokenize } from './normalize.js';
export { MAX_READ_LENGTH, isCutShort, readablePart } from './limit.js';
export { visibleText } from './characters.js';
export type { Command, ConversationData, RetrievalData } from './schema.js';
export { phraseAt, longestPhraseAt } from './numbers.js';
