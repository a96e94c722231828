import { join } from 'node:path';
import { z } from 'zod';
import { parseKnowledge, readJsonFile } from './knowledge-file.js';
import { severity } from './outcomes.js';
import { PhraseDictionary, scan, type NegationRules } from './phrase-matcher.js';
import { phrasesSchema as phrases } from './phrase-schema.js';
import { knowledgeDir } from '../paths.js';

/**
 * Watches every free-text message for the emergency and urgent signs of SAFETY-SPEC, with
 * the phrases as data in knowledge/safety/red-flags.json. Compiled once; each message is one
 * linear pass, so it is cheap enough to run on every turn. Negations count ("no fever"), but
 * only within their own part of the sentence ("no pain but my lips are swelling" is a flag).
 */

export const redFlagsFile = 'red-flags.json';

export type RedFlagOutcome = 'emergency' | 'urgent';

export interface RedFlagResult {
  outcome: RedFlagOutcome;
  /** Most severe first, in the order of the data within one outcome. */
  ruleIds: string[];
}

const signalSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'signal ids are lower-case words joined by "-"' }),
    says: z.string().min(1),
    phrases: phrases.min(1).optional(),
    together: z.array(phrases.min(1)).min(2).optional(),
    unlessInSegment: phrases.min(1).optional(),
  })
  .refine((signal) => signal.phrases !== undefined || signal.together !== undefined, { message: 'give "phrases" or "together"' });

const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^R-RF-[A-Z0-9-]+$/, { message: 'red-flag rule ids look like R-RF-WORD' }),
    outcome: z.enum(['emergency', 'urgent']),
    anyOf: z.array(z.string()).min(1).optional(),
    /** Each item is a signal id, or a list of ids of which any one will do. */
    allOf: z
      .array(z.union([z.string(), z.array(z.string()).min(1)]))
      .min(1)
      .optional(),
  })
  .refine((rule) => (rule.anyOf === undefined) !== (rule.allOf === undefined), { message: 'give exactly one of "anyOf" or "allOf"' });

const redFlagSchema = z
  .strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
    comment: z.string().optional(),
    negation: z.strictObject({
      cues: phrases.min(1),
      breakers: phrases,
      scopeEnders: z.array(z.string()),
    }),
    /** Phrases that contain a negation or flag word but are neither ("not sure", "hay fever"). */
    shadows: phrases,
    signals: z.array(signalSchema).min(1),
    rules: z.array(ruleSchema).min(1),
  })
  .superRefine((data, context) => {
    const ids = new Set(data.signals.map((signal) => signal.id));
    data.rules.forEach((rule, index) => {
      const key = rule.anyOf ? 'anyOf' : 'allOf';
      (rule.anyOf ?? rule.allOf ?? []).forEach((item, position) => {
        for (const id of typeof item === 'string' ? [item] : item) {
          if (!ids.has(id))
            context.addIssue({ code: 'custom', path: ['rules', index, key, position], message: `no signal with id "${id}"` });
        }
      });
    });
  });

type RedFlagData = z.output<typeof redFlagSchema>;

type Role =
  | { kind: 'phrase'; signal: number }
  | { kind: 'group'; signal: number; group: number }
  | { kind: 'negation' }
  | { kind: 'ignore' }
  | { kind: 'breaker' }
  | { kind: 'unless'; signal: number };

interface CompiledSignal {
  id: string;
  groups: number; // 0 when the signal has phrases only
  hasUnless: boolean;
}

interface CompiledRule {
  id: string;
  outcome: RedFlagOutcome;
  /** Every inner list needs one present signal (anyOf is a single list). */
  needs: string[][];
}

export interface RedFlagDetector {
  version: string;
  dictionary: PhraseDictionary<Role>;
  rules: NegationRules<Role>;
  signals: CompiledSignal[];
  flagRules: CompiledRule[];
}

function compile(data: RedFlagData): RedFlagDetector {
  const dictionary = new PhraseDictionary<Role>();
  for (const cue of data.negation.cues) dictionary.add(cue, { kind: 'negation' });
  // "not sure", "hay fever": longer phrases that shadow "not" or "fever", so they neither hide nor raise a flag.
  for (const text of data.shadows) dictionary.add(text, { kind: 'ignore' });
  for (const cue of data.negation.breakers) dictionary.add(cue, { kind: 'breaker' });
  const signals = data.signals.map((signal, index): CompiledSignal => {
    for (const text of signal.phrases ?? []) dictionary.add(text, { kind: 'phrase', signal: index });
    (signal.together ?? []).forEach((group, groupIndex) => {
      for (const text of group) dictionary.add(text, { kind: 'group', signal: index, group: groupIndex });
    });
    for (const text of signal.unlessInSegment ?? []) dictionary.add(text, { kind: 'unless', signal: index });
    return { id: signal.id, groups: signal.together?.length ?? 0, hasUnless: signal.unlessInSegment !== undefined };
  });
  const flagRules = data.rules
    .map((rule, order) => ({
      order,
      rule: {
        id: rule.id,
        outcome: rule.outcome,
        needs: rule.anyOf ? [rule.anyOf] : (rule.allOf ?? []).map((item) => (typeof item === 'string' ? [item] : item)),
      },
    }))
    .sort((a, b) => severity(b.rule.outcome) - severity(a.rule.outcome) || a.order - b.order)
    .map(({ rule }) => rule);
  return {
    version: data.version,
    dictionary,
    rules: {
      isNegation: (role) => role.kind === 'negation',
      isBreaker: (role) => role.kind === 'breaker',
      isTerm: (role) => role.kind === 'phrase' || role.kind === 'group',
      scopeEnders: new Set(data.negation.scopeEnders.map((word) => word.toLowerCase())),
      // No list continuation here: "no fever, lips swelling" must stay a flag.
      listContinues: false,
      connectors: new Set(),
      listClosers: new Set(),
    },
    signals,
    flagRules,
  };
}

/** Validates a parsed red-flags.json; `file` is only used in error messages. */
export function parseRedFlags(raw: unknown, file = redFlagsFile): RedFlagDetector {
  return compile(parseKnowledge(redFlagSchema, raw, file, { signals: 'signal', rules: 'rule' }));
}

/** Loads, validates and precompiles `<dir>/red-flags.json` (default knowledge/safety). */
export function loadRedFlags(dir: string = join(knowledgeDir, 'safety')): RedFlagDetector {
  const file = join(dir, redFlagsFile);
  return parseRedFlags(readJsonFile(file), file);
}

let defaultDetector: RedFlagDetector | undefined;

/** The signal ids present (not negated) in the text. */
export function detectSignals(text: string, detector: RedFlagDetector): Set<string> {
  const { hits } = scan(text, detector.dictionary, detector.rules);
  const present = new Set<number>();
  const unlessBySegment = new Map<number, Set<number>>();
  // per segment and signal, which groups have a live (not negated) term
  const groupsBySegment = new Map<string, Set<number>>();
  for (const hit of hits) {
    for (const role of hit.roles) {
      if (role.kind === 'unless')
        unlessBySegment.set(hit.segment, (unlessBySegment.get(hit.segment) ?? new Set<number>()).add(role.signal));
    }
  }
  for (const hit of hits) {
    if (hit.negatedBy !== undefined) continue;
    for (const role of hit.roles) {
      if (role.kind !== 'phrase' && role.kind !== 'group') continue;
      if (detector.signals[role.signal]!.hasUnless && unlessBySegment.get(hit.segment)?.has(role.signal)) continue;
      if (role.kind === 'phrase') {
        present.add(role.signal);
        continue;
      }
      const key = `${hit.segment}:${role.signal}`;
      const groups = groupsBySegment.get(key) ?? new Set<number>();
      groups.add(role.group);
      groupsBySegment.set(key, groups);
      if (groups.size === detector.signals[role.signal]!.groups) present.add(role.signal);
    }
  }
  return new Set([...present].map((index) => detector.signals[index]!.id));
}

/**
 * Emergency or urgent signs in any free text, or null. Uses the default detector
 * (knowledge/safety/red-flags.json, loaded once) unless one is given.
 */
export function detectRedFlags(text: string, detector?: RedFlagDetector): RedFlagResult | null {
  const active = detector ?? (defaultDetector ??= loadRedFlags());
  const present = detectSignals(text, active);
  if (present.size === 0) return null;
  const fired = active.flagRules.filter((rule) => rule.needs.every((anyOf) => anyOf.some((id) => present.has(id))));
  const first = fired[0];
  if (first === undefined) return null;
  return { outcome: first.outcome, ruleIds: fired.map((rule) => rule.id) };
}
