import { z } from 'zod';
import type { CheckId, FieldRole, FieldSpec } from './answer-fields.js';
import type { Condition } from './conditions.js';

/**
 * The question catalogue (the "questions" of rules.json): every screening and after-treatment
 * question as data, in the order they are asked. The answer fields the rules may name, the
 * answer schema, the open-question labels, the checklists and the ask order are all derived
 * from it, so a clinician adds a question here (plus its strings and terminology) and the form
 * dialog asks it.
 */

/** What kind of answer a question takes; each maps to one field kind. */
export const questionTypes = ['tri', 'age', 'choice', 'date', 'days', 'flag'] as const;
export type QuestionType = (typeof questionTypes)[number];

export interface CatalogueQuestion {
  /** Names the question's strings: question.<id> / retry.<id> (or its group's), item.<id>, choice.<id>.<value>. */
  id: string;
  /** The answer field, as a dotted path into the answers. */
  field: string;
  type: QuestionType;
  /** How the R-UNKNOWN sentence names the question when it stays open. */
  label: string;
  /** Questions sharing a group are asked together as one checklist ("Any of these?"). */
  group?: string;
  /** Only asked (and only open) when this holds, e.g. the stop date once "stopped" is known. */
  askedWhen?: Condition;
  /** choice: the answers besides "unknown", which every choice question has. */
  choices?: string[];
  /** choice: a date alone answers it with this choice ("2 weeks ago" to "when was your last session?"). */
  dateAlone?: string;
  /** context: asked, but an unanswered one is not an open question (it only adds a note). */
  role?: 'context';
}

/** A field no question asks, set by another part of the conversation (the concerns, the goal). */
export interface ContextField {
  field: string;
  type: 'flag' | 'tri';
}

export type Catalogue = Record<CheckId, CatalogueQuestion[]>;

const idPattern = /^[a-z][A-Za-z0-9]*$/;

export const catalogueQuestionSchema = z
  .strictObject({
    id: z.string().regex(idPattern, { message: 'question ids look like camelCase words' }),
    field: z.string().regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)?$/, { message: 'fields look like name or name.part' }),
    type: z.enum(questionTypes),
    label: z.string().trim().min(1),
    group: z.string().regex(idPattern, { message: 'group ids look like camelCase words' }).optional(),
    askedWhen: z.unknown().optional(),
    choices: z
      .array(z.string().regex(/^[a-z]+$/))
      .min(1)
      .optional(),
    dateAlone: z.string().optional(),
    role: z.literal('context').optional(),
  })
  .superRefine((question, context) => {
    if (question.type === 'choice' && !question.choices)
      context.addIssue({ code: 'custom', path: ['choices'], message: 'a choice question lists its choices' });
    if (question.type !== 'choice' && question.choices)
      context.addIssue({ code: 'custom', path: ['choices'], message: 'only a choice question has choices' });
    if (question.choices?.includes('unknown'))
      context.addIssue({ code: 'custom', path: ['choices'], message: '"unknown" is every choice question\'s own answer: leave it out' });
    if (question.dateAlone !== undefined && !question.choices?.includes(question.dateAlone))
      context.addIssue({ code: 'custom', path: ['dateAlone'], message: 'dateAlone names one of the choices' });
    if (question.group && question.type !== 'tri')
      context.addIssue({ code: 'custom', path: ['group'], message: 'only yes / no / not sure questions go in a checklist group' });
  })
  .transform((question) => question as CatalogueQuestion);

export const contextFieldSchema = z.strictObject({ field: z.string().min(1), type: z.enum(['flag', 'tri']) });

const triValues = ['yes', 'no', 'unknown'] as const;

function specOf(question: { type: QuestionType; choices?: string[] }, role: FieldRole): FieldSpec {
  switch (question.type) {
    case 'tri':
      return { kind: 'tri', role, values: triValues, unknownValues: ['unknown'] };
    case 'age':
      return { kind: 'number', role, unknownValues: ['unknown'], min: 0, max: 150 };
    case 'days':
      return { kind: 'number', role, unknownValues: ['unknown'], min: 0, max: 3650 };
    case 'choice':
      return { kind: 'choice', role, values: [...(question.choices ?? []), 'unknown'], unknownValues: ['unknown'] };
    case 'date':
      return { kind: 'date', role, unknownValues: ['unknown'] };
    case 'flag':
      return { kind: 'flag', role, values: [true, false] };
  }
}

/** The answer fields of a catalogue: each question's field with its kind and check, and the context fields. */
export function fieldsOf(catalogue: Catalogue, contextFields: readonly ContextField[]): Record<string, FieldSpec> {
  const fields: Record<string, FieldSpec> = {};
  for (const [check, questions] of Object.entries(catalogue) as [CheckId, CatalogueQuestion[]][]) {
    for (const question of questions) fields[question.field] = specOf(question, question.role ?? check);
  }
  for (const context of contextFields) fields[context.field] = specOf(context, 'context');
  return fields;
}

/** The checklist a question is asked in, or the question alone: the unit the form dialog asks. */
export interface AskUnit {
  /** The group id, or the question's own id. */
  id: string;
  questions: CatalogueQuestion[];
  checklist: boolean;
}

/** The catalogue of one check as the units the form asks, in ask order (a group where its first item is). */
export function askUnits(questions: readonly CatalogueQuestion[]): AskUnit[] {
  const units: AskUnit[] = [];
  for (const question of questions) {
    if (!question.group) {
      units.push({ id: question.id, questions: [question], checklist: false });
      continue;
    }
    const existing = units.find((unit) => unit.checklist && unit.id === question.group);
    if (existing) existing.questions.push(question);
    else units.push({ id: question.group, questions: [question], checklist: true });
  }
  return units;
}

/** Every string key the catalogue's questions need, so a missing one stops the start, not a turn. */
export function catalogueStringKeys(catalogue: Catalogue): string[] {
  const keys: string[] = [];
  for (const questions of Object.values(catalogue)) {
    for (const unit of askUnits(questions)) {
      keys.push(`question.${unit.id}`, `retry.${unit.id}`);
      if (unit.checklist) keys.push(`field.${unit.id}`);
      for (const question of unit.questions) {
        keys.push(`field.${question.id}`);
        if (unit.checklist) keys.push(`item.${question.id}`);
        for (const choice of question.choices ?? []) keys.push(`choice.${question.id}.${choice}`);
      }
    }
  }
  return keys;
}
