/**
 * The one entry point of the clinical safety module: a pure rule engine over data in
 * knowledge/safety (the rule table) plus the audit trail. Free text is read by the clinical
 * reader (src/understanding/reader, data in knowledge/<locale>/). No botbuilder here, so
 * the dialogs, channels and any future SDK port depend on this, never the other way round.
 */
import { join } from 'node:path';
import { knowledgeDir } from '../paths.js';

/** Where rules.json lives. */
export const safetyKnowledgeDir = join(knowledgeDir, 'safety');

export type { Tri, ScreeningAnswers, AfterTreatmentAnswers, IsotretinoinAnswer, LastSessionAnswer, AnswersParseResult } from './answers.js';
export { answersSchemaFor, triSchema, isoDateSchema, parseAnswers } from './answers.js';

export type { CheckId, AnswerFields, FieldSpec } from './answer-fields.js';
export { fieldSpec, readField, isAnswered } from './answer-fields.js';
export type { Catalogue, CatalogueQuestion, ContextField, QuestionType, AskUnit } from './catalogue.js';
export { askUnits, catalogueStringKeys, fieldsOf } from './catalogue.js';

export type { Outcome } from './outcomes.js';
export { outcomes, severity, mostSevere, isOutcome } from './outcomes.js';

export type { IsoDate } from './dates.js';
export { isIsoDate, toReferenceDate, addDays, addMonths } from './dates.js';

export type { Condition } from './conditions.js';

export type { RuleTable, Rule, Note, Question, SourceTag } from './rule-table.js';
export { loadRuleTable, parseRuleTable, bannedWordPattern, ruleTableFile, isFallback } from './rule-table.js';

export type { Decision, Reason, AdvisoryNote } from './engine.js';
export { assess, assessAfterTreatment, checkFor, openQuestions } from './engine.js';

export type { AuditRecord, AuditSink, ConversationRefLike, DayWindow } from './audit.js';
export { auditRecord, conversationKey, daysOf, MemoryAuditSink, JsonLinesAuditSink, unlinkAuditLines } from './audit.js';

export type { KnowledgeIssue } from './knowledge-file.js';
export { KnowledgeFileError } from './knowledge-file.js';

export type { FormAnswers, PendingUnit, AnswerChange } from './form.js';
export { nextUnit, nextChecklists, applyFindings, answerAsked, checkEndedBy, redFlagDecided } from './form.js';
