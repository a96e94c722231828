import { join } from 'node:path';
import { z } from 'zod';
import { answerFields, checks, fieldSpec, type CheckId } from './answer-fields.js';
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

export interface Question {
  field: string;
  /** How the R-UNKNOWN sentence names the open question. */
  label: string;
  /** Only asked (and only open) when this holds, e.g. the stop date once "stopped" is known. */
  askedWhen?: Condition;
}

export interface Rule {
  id: string;
  checks: CheckId[];
  when: string;
  if: Condition;
  outcome: Outcome;
  sentence: string;
  sources: SourceTag[];
  comment?: string;
}

export interface Note {
  id: string;
  checks: CheckId[];
  when: string;
  if: Condition;
  sentence: string;
  sources: SourceTag[];
  comment?: string;
}

export interface RuleTable {
  version: string;
  comment?: string;
  sources: Partial<Record<SourceTag | 'none', string>>;
  language: { months: string[]; listSeparator: string; listLastSeparator: string };
  notesHiddenFor: Outcome[];
  questions: Record<CheckId, Question[]>;
  rules: Rule[];
  notes: Note[];
}

const placeholders: Record<string, { needs: 'within' | 'anyQuestionOpen'; meaning: string }> = {
  date: { needs: 'within', meaning: 'the day a date window in the condition ends' },
  questions: { needs: 'anyQuestionOpen', meaning: 'the labels of the open questions' },
};

function condition(allowOtherwise: boolean) {
  return z
    .unknown()
    .superRefine((value, context) => {
      for (const issue of conditionIssues(value, [], { allowOtherwise })) {
        context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
    })
    .transform((value) => value as Condition);
}

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

const question = z.strictObject({
  field: z.string(),
  label: sentence,
  askedWhen: condition(false).optional(),
});

const rule = z.strictObject({
  id: z.string().regex(/^R-[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'rule ids look like R-WORD-WORD' }),
  checks: uniqueChecks,
  when: z.string().trim().min(1),
  if: condition(true),
  outcome,
  sentence,
  sources: z.array(sourceTag),
  comment: z.string().optional(),
});

const note = z.strictObject({
  id: z.string().regex(/^N-[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'note ids look like N-WORD-WORD' }),
  checks: uniqueChecks,
  when: z.string().trim().min(1),
  if: condition(false),
  sentence,
  sources: z.array(sourceTag),
  comment: z.string().optional(),
});

type Ctx = z.core.$RefinementCtx;

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
    questions: z.strictObject({ screening: z.array(question), 'after-treatment': z.array(question) }),
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

    data.rules.forEach((item, index) => {
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
      const fallbacks = data.rules.filter((item) => 'otherwise' in item.if && item.checks.includes(check));
      if (fallbacks.length !== 1) {
        context.addIssue({
          code: 'custom',
          path: ['rules'],
          message: `the ${check} check needs exactly one rule with {"otherwise": true}, found ${fallbacks.length}`,
        });
      }
    }

    // Unknown is never "no": every question field of a check must be listed, so its label exists
    // and a missing answer is seen as open.
    for (const check of checks) {
      const listed = data.questions[check];
      listed.forEach((item, index) => {
        const spec = fieldSpec(item.field);
        if (!spec || spec.role !== check) {
          context.addIssue({
            code: 'custom',
            path: ['questions', check, index, 'field'],
            message: `"${item.field}" is not a ${check} question`,
          });
        } else if (listed.findIndex((other) => other.field === item.field) !== index) {
          context.addIssue({ code: 'custom', path: ['questions', check, index, 'field'], message: `"${item.field}" is listed twice` });
        }
      });
      for (const [field, spec] of Object.entries(answerFields)) {
        if (spec.role === check && !listed.some((item) => item.field === field)) {
          context.addIssue({ code: 'custom', path: ['questions', check], message: `the ${check} question "${field}" is missing` });
        }
      }
    }
  });

/** Validates a parsed rules.json; `file` is only used in error messages. */
export function parseRuleTable(raw: unknown, file = ruleTableFile): RuleTable {
  return parseKnowledge(table, raw, file, { rules: 'rule', notes: 'note' }) as RuleTable;
}

/** Loads and validates `<dir>/rules.json` (default knowledge/safety). Throws KnowledgeFileError. */
export function loadRuleTable(dir: string = join(knowledgeDir, 'safety')): RuleTable {
  const file = join(dir, ruleTableFile);
  return parseRuleTable(readJsonFile(file), file);
}
