import type { RedFlagReply, Section } from '../src/channels/replies.js';
import type { Decision } from '../src/safety/index.js';
import type { Pushback } from '../src/understanding/intents.js';
import type { DialogDeps } from './dialog-deps.js';

export type RedFlagOutcome = RedFlagReply['outcome'];

/** What the signs of these rules may mean, in the rule table's order, each once (src/core.ts checks at start that every emergency and urgent rule has its sentence). */
function meanings(deps: DialogDeps, ruleIds: readonly string[]): string[] {
  const redFlagRules = deps.safety.rules.rules.filter((rule) => rule.outcome === 'emergency' || rule.outcome === 'urgent');
  return redFlagRules.filter((rule) => ruleIds.includes(rule.id)).map((rule) => deps.strings(`redFlag.means.${rule.id}`));
}

/** The emergency number as a button, when EMERGENCY_NUMBER is set (without it the text says "your local emergency number"). */
function emergencyCall(deps: DialogDeps): RedFlagReply['call'] {
  return deps.emergencyNumber
    ? { label: deps.strings('callEmergency', { number: deps.emergencyNumber }), number: deps.emergencyNumber }
    : undefined;
}

function section(deps: DialogDeps, titleKey: string, lines: string[]): Section[] {
  return lines.length === 0 ? [] : [{ title: deps.strings(titleKey), lines }];
}

/**
 * The instruction for the person (SAFETY-SPEC: an emergency says to call now, an urgent sign to
 * contact the practitioner or urgent care today): the instruction first, what the signs may
 * mean, what to do now (the number to call), and what else (the clinic's phone when it is set;
 * urgent care or A&E, and when to call the emergency number, for an urgent sign). Nothing in it
 * softens the instruction.
 */
export function redFlagReply(deps: DialogDeps, outcome: RedFlagOutcome, ruleIds: readonly string[]): RedFlagReply {
  const { strings, clinicPhone } = deps;
  const phone = clinicPhone ? { phone: clinicPhone } : undefined;
  if (outcome === 'emergency') {
    return {
      outcome,
      headline: strings('redFlag.headline.emergency'),
      lead: meanings(deps, ruleIds),
      sections: [
        ...section(deps, 'redFlag.nowTitle', [strings('redFlag.now.emergency')]),
        ...section(deps, 'redFlag.alsoTitle', phone ? [strings('redFlag.also.emergency.clinic', phone)] : []),
      ],
      ...withCall(emergencyCall(deps)),
    };
  }
  return {
    outcome,
    headline: strings('redFlag.headline.urgent'),
    lead: meanings(deps, ruleIds),
    sections: [
      ...section(deps, 'redFlag.nowTitle', [
        ...(phone ? [strings('redFlag.now.urgent.clinic', phone)] : []),
        strings('redFlag.now.urgent'),
      ]),
      ...section(deps, 'redFlag.alsoTitle', [strings('redFlag.also.urgent'), strings('redFlag.also.urgent.worse')]),
    ],
    ...withCall(clinicPhone ? { label: strings('redFlag.callClinic'), number: clinicPhone } : undefined),
  };
}

/** The instruction for a decision whose outcome is emergency or urgent, from the rules that fired. */
export function decidedRedFlagReply(deps: DialogDeps, decision: Decision & { outcome: RedFlagOutcome }): RedFlagReply {
  return redFlagReply(
    deps,
    decision.outcome,
    decision.reasons.map((reason) => reason.ruleId),
  );
}

/** An emergency or urgent outcome: the only outcomes that are said as an instruction. */
export function isRedFlagDecision(decision: Decision): decision is Decision & { outcome: RedFlagOutcome } {
  return decision.outcome === 'emergency' || decision.outcome === 'urgent';
}

/** A warning sign about someone else, happening now (SAFETY-SPEC v1.2): the instruction for them and what the signs may mean. */
export function forSomeoneElseReply(deps: DialogDeps, outcome: RedFlagOutcome, ruleIds: readonly string[]): RedFlagReply {
  return {
    outcome,
    headline: deps.strings(`forSomeoneElse.${outcome}`),
    lead: meanings(deps, ruleIds),
    sections: [],
    ...withCall(outcome === 'emergency' ? emergencyCall(deps) : undefined),
  };
}

/**
 * A later message under an emergency or urgent instruction (SAFETY-SPEC "After the outcome"):
 * an answer to what the person said (a doubt, "do I really need to", "can't I wait", something
 * to put on it, thanks), with the instruction repeated kindly and the number to call again;
 * anything else is declined, with the way to start over. Nothing else is offered.
 */
export function underInstructionReply(deps: DialogDeps, outcome: RedFlagOutcome, said: Pushback | undefined): RedFlagReply {
  const { strings } = deps;
  const answer = strings(`redFlag.answer.${said ?? 'other'}.${outcome}`);
  const startOver = said === undefined ? [strings('afterOutcomeStartOver')] : [];
  const call =
    outcome === 'emergency'
      ? emergencyCall(deps)
      : deps.clinicPhone
        ? { label: strings('redFlag.callClinic'), number: deps.clinicPhone }
        : undefined;
  return { outcome, headline: strings(`redFlag.again.${outcome}`), lead: [answer, ...startOver], sections: [], ...withCall(call) };
}

function withCall(call: RedFlagReply['call']): Pick<RedFlagReply, 'call'> {
  return call ? { call } : {};
}
