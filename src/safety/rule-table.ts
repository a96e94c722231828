import { join } from 'node:path';
import { z } from 'zod';
import { checks, type AnswerFields, type CheckId } from './answer-fields.js';
import {
  catalogueQuestionSchema,
  contextFieldSchema,
  fieldsOf,
  type Catalogue,
  type CatalogueQuestion,
  type ContextField,
} from './catalogue.js';
import { conditionIssues, conditionUses, type Condition } from './conditions.js';
import { parseKnowledge, readJsonFile } from './knowledge-file.js';
import { outcomes, type Outcome } from './outcomes.js';
import { knowledgeDir } from '../paths.js';

/**
 * The versioned rule table (knowledge/safety/rules.json): every rule and note of
 * SAFETY-SPEC.md with its condition as data, its outcome, the sentence the person reads and
 * its source tag. Validated in full at load; the engine trusts what this returns.
 */

export const ruleTableFile = 'rules.json';

/** Words the bot never says (SAFETY-SPEC: never "eligible", "safe" or "cleared"). */
export const bannedWordPattern = /\b(eligible|safe|safely|cleared)\b/i;

export type SourceTag = 'A' | 'L' | 'F' | 'N';

/** A question of the catalogue, as the engine sees it: its field, label and when it is asked. */
export type Question = CatalogueQuestion;

export interface Rule {
  id: string;
  checks: CheckId[];
  when: string;
  if: Condition;
  outcome: Outcome;
  sentence: string;
  sources: SourceTag[];
  /** The service is not for this person: the check stops, nothing is left open, no booking or handoff is offered. */
  endsCheck?: boolean;
  /** A medicine stopped within this many weeks still counts as taken (the reader reads stop dates with it). */
  stoppedCountsWithinWeeks?: number;
  comment?: string;
}

/** The check's fallback: the one rule that fires when no other does (R-NONE), saying only that nothing fired. */
export function isFallback(rule: Pick<Rule, 'if'>): boolean {
  return 'otherwise' in rule.if;
}

export interface Note {
  id: string;
  checks: CheckId[];
  when: string;
  if: Condition;
  sentence: string;
  sources: SourceTag[];
  /** Only with these outcomes (N-DIY: never beside another outcome's "not at home"). */
  outcomes?: Outcome[];
  comment?: string;
}

export interface RuleTable {
  version: string;
  comment?: string;
  sources: Partial<Record<SourceTag | 'none', string>>;
  language: { months: string[]; listSeparator: string; listLastSeparator: string };
  notesHiddenFor: Outcome[];
  /** The question catalogue, per check, in ask order. */
  questions: Catalogue;
  /** Fields no question asks (set from the concerns and the goal). */
  contextFields: ContextField[];
  /** Derived from the catalogue: every field a condition may name. */
  fields: AnswerFields;
  rules: Rule[];
  notes: Note[];
}

const placeholders: Record<string, { needs: 'within' | 'anyQuestionOpen'; meaning: string }> = {
  date: { needs: 'within', meaning: 'the day a date window in the condition ends' },
  questions: { needs: 'anyQuestionOpen', meaning: 'the labels of the open questions' },
};

/** Conditions are checked against the catalogue's fields once the catalogue is read (below). */
const condition = z.unknown().transform((value) => value as Condition);

const sourceTag = z.enum(['A', 'L', 'F', 'N']);
const checkId = z.enum(['screening', 'after-treatment']);
const outcome = z.enum(outcomes);
const sentence = z
  .string()
  .trim()
  .min(1)
  .refine((text) => !bannedWordPattern.test(text), { message: 'must not contain "eligible", "safe", "safely" or "cleared"' });
const uniqueChecks = z
  .array(checkId)
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: 'lists a check twice' });

const rule = z.strictObject({
  id: z.string().regex(/^R-[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'rule ids look like R-WORD-WORD' }),
  checks: uniqueChecks,
  when: z.string().trim().min(1),
  if: condition,
  outcome,
  sentence,
  sources: z.array(sourceTag),
  endsCheck: z.literal(true).optional(),
  /** A medicine stopped within this many weeks still counts as taken (R-ANTICOAGULANT); the reader reads a stop date with it. */
  stoppedCountsWithinWeeks: z.number().int().positive().optional(),
  comment: z.string().optional(),
});

const note = z.strictObject({
  id: z.string().regex(/^N-[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'note ids look like N-WORD-WORD' }),
  checks: uniqueChecks,
  when: z.string().trim().min(1),
  if: condition,
  sentence,
  sources: z.array(sourceTag),
  outcomes: z.array(outcome).min(1).optional(),
  comment: z.string().optional(),
});

type Ctx = z.core.$RefinementCtx;

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

function checkPlaceholders(text: string, uses: ReturnType<typeof conditionUses>, path: (string | number)[], context: Ctx): void {
  for (const match of text.matchAll(/\{([^}]*)\}/g)) {
    const name = match[1] ?? '';
    const known = placeholders[name];
    if (!known) {
      context.addIssue({
        code: 'custom',
        path,
        message: `unknown placeholder {${name}}; use ${Object.keys(placeholders)
          .map((p) => `{${p}}`)
          .join(' or ')}`,
      });
    } else if (!uses[known.needs]) {
      context.addIssue({
        code: 'custom',
        path,
        message: `{${name}} (${known.meaning}) needs a condition with ${known.needs === 'within' ? 'withinDays/withinWeeks/withinMonths' : 'anyQuestionOpen'}`,
      });
    }
  }
}

const table = z
  .strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
    comment: z.string().optional(),
    sources: z.partialRecord(z.enum(['A', 'L', 'F', 'N', 'none']), z.string()),
    language: z.strictObject({
      months: z.array(z.string().min(1)).length(12),
      listSeparator: z.string().min(1),
      listLastSeparator: z.string().min(1),
    }),
    notesHiddenFor: z.array(outcome),
    questions: z.strictObject({ screening: z.array(catalogueQuestionSchema), 'after-treatment': z.array(catalogueQuestionSchema) }),
    contextFields: z.array(contextFieldSchema),
    rules: z.array(rule).min(1),
    notes: z.array(note),
  })
  .superRefine((data, context) => {
    const seen = new Set<string>();
    const checkIds = (list: { id: string }[], key: 'rules' | 'notes') =>
      list.forEach((item, index) => {
        if (seen.has(item.id)) context.addIssue({ code: 'custom', path: [key, index, 'id'], message: `duplicate id ${item.id}` });
        seen.add(item.id);
      });
    checkIds(data.rules, 'rules');
    checkIds(data.notes, 'notes');

    // The catalogue: one id and one field per question, so strings and answers are never shared by mistake.
    const fields = fieldsOf(data.questions as Catalogue, data.contextFields);
    const ids = new Set<string>();
    const seenFields = new Set<string>(data.contextFields.map((item) => item.field));
    for (const check of checks) {
      (data.questions[check] as CatalogueQuestion[]).forEach((item, index) => {
        const at = ['questions', check, index];
        if (ids.has(item.id)) context.addIssue({ code: 'custom', path: [...at, 'id'], message: `duplicate question id ${item.id}` });
        if (seenFields.has(item.field))
          context.addIssue({ code: 'custom', path: [...at, 'field'], message: `"${item.field}" is asked twice` });
        ids.add(item.id);
        seenFields.add(item.field);
        if (check === 'after-treatment' && !item.field.startsWith('afterTreatment.'))
          context.addIssue({ code: 'custom', path: [...at, 'field'], message: 'after-treatment fields are written afterTreatment.<name>' });
        if (check === 'screening' && item.field.startsWith('afterTreatment.'))
          context.addIssue({
            code: 'custom',
            path: [...at, 'field'],
            message: 'afterTreatment.<name> fields belong to the after-treatment check',
          });
        if (item.askedWhen !== undefined) report(conditionIssues(item.askedWhen, [...at, 'askedWhen'], { allowOtherwise: false, fields }));
      });
    }
    function report(issues: ReturnType<typeof conditionIssues>) {
      for (const issue of issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    data.notes.forEach((item, index) => report(conditionIssues(item.if, ['notes', index, 'if'], { allowOtherwise: false, fields })));
    data.rules.forEach((item, index) => {
      const issues = conditionIssues(item.if, ['rules', index, 'if'], { allowOtherwise: true, fields });
      report(issues);
      // The placeholders of a rule depend on its condition: checked once the condition reads.
      if (issues.length > 0) return;
      const uses = conditionUses(item.if);
      checkPlaceholders(item.sentence, uses, ['rules', index, 'sentence'], context);
      if (uses.otherwise && item.outcome !== 'consultation') {
        context.addIssue({
          code: 'custom',
          path: ['rules', index, 'outcome'],
          message: 'the "otherwise" rule must have the outcome consultation',
        });
      }
    });
    data.notes.forEach((item, index) =>
      checkPlaceholders(item.sentence, { within: false, anyQuestionOpen: false, otherwise: false }, ['notes', index, 'sentence'], context),
    );
    // Totality: in every check exactly one fallback, so every decision has at least one reason.
    for (const check of checks) {
      const fallbacks = data.rules.filter((item) => isObject(item.if) && 'otherwise' in item.if && item.checks.includes(check));
      if (fallbacks.length !== 1) {
        context.addIssue({
          code: 'custom',
          path: ['rules'],
          message: `the ${check} check needs exactly one rule with {"otherwise": true}, found ${fallbacks.length}`,
        });
      }
    }
  });

/** Validates a parsed rules.json; `file` is only used in error messages. */
export function parseRuleTable(raw: unknown, file = ruleTableFile): RuleTable {
  const parsed = parseKnowledge(table, raw, file, { rules: 'rule', notes: 'note' }) as Omit<RuleTable, 'fields'>;
  return { ...parsed, fields: fieldsOf(parsed.questions, parsed.contextFields) };
}

/** Loads and validates `<dir>/rules.json` (default knowledge/safety). Throws KnowledgeFileError. */
export function loadRuleTable(dir: string = join(knowledgeDir, 'safety')): RuleTable {
  const file = join(dir, ruleTableFile);
  return parseRuleTable(readJsonFile(file), file);
}
