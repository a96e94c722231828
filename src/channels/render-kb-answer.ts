import { ActivityTypes, type Activity, type Entity } from 'botbuilder';
import type { KbEntry, KbReply, KnowledgeBase } from '../knowledge/index.js';
import type { Strings } from '../strings/index.js';
import { capabilitiesOf } from './capabilities.js';

/**
 * A knowledge-base answer with its sources in the form each channel shows: Web Chat links
 * `[1]` markers through Markdown link definitions, Teams reads the citation entity with an
 * Adaptive Card per source, and text-only channels get the sources as a short list.
 * `personal` sentences (the person's own reasons, from answerQuestion) go before the answer.
 */
export function renderKbAnswer(
  kb: KnowledgeBase,
  entry: KbEntry,
  channelId: string | undefined,
  personal: readonly string[] = [],
): Partial<Activity> {
  const lead = personal.length > 0 ? `${personal.join(' ')}\n\n` : '';
  const entity = kb.citationEntity(entry, { detail: channelId === 'msteams' ? 'adaptive-card' : 'markdown' }) as unknown as Entity;
  if (!capabilitiesOf(channelId).markdown) {
    const sources = entity['citation'] as Array<{ position: number; appearance: { name: string } }>;
    // One line per source: passages of the same source share it ("[1] [2] Article: heading").
    const positionsByName = new Map<string, number[]>();
    for (const claim of sources)
      positionsByName.set(claim.appearance.name, [...(positionsByName.get(claim.appearance.name) ?? []), claim.position]);
    const list = [...positionsByName].map(([name, positions]) => `${positions.map((p) => `[${p}]`).join(' ')} ${name}`).join('\n');
    return { type: ActivityTypes.Message, text: `${lead}${kb.answerWithCitations(entry)}\n\nSources:\n${list}`, entities: [entity] };
  }
  return {
    type: ActivityTypes.Message,
    text: `${lead}${kb.answerWithCitations(entry, { linkDefinitions: channelId !== 'msteams' })}`,
    textFormat: 'markdown',
    entities: [entity],
  };
}

/**
 * Any reply of answerQuestion as one message; undefined for `none`, where the caller shows its
 * own fallback. A rule reply is the rule table's sentences under a lead that says whether they
 * are about this person, then the sources by name (the table cites sources, not passages).
 */
export function renderKbReply(
  kb: KnowledgeBase,
  reply: KbReply,
  channelId: string | undefined,
  strings: Strings,
): Partial<Activity> | undefined {
  switch (reply.kind) {
    case 'entry':
      return renderKbAnswer(kb, reply.entry, channelId, reply.personal?.length ? [strings('kb.personalIntro'), ...reply.personal] : []);
    case 'out-of-scope':
      return { type: ActivityTypes.Message, text: strings('kb.outOfScope') };
    case 'none':
      return undefined;
    case 'rule': {
      const forYou = reply.reasons.filter((r) => r.appliesToPerson).map((r) => r.sentence);
      const general = reply.reasons.filter((r) => !r.appliesToPerson).map((r) => r.sentence);
      const parts = [
        reply.atHome ? strings('kb.atHome.no') : '',
        forYou.length > 0 ? `${strings('kb.rule.forYou')} ${forYou.join(' ')}` : '',
        general.length > 0 ? `${strings('kb.rule.ifItApplies')} ${general.join(' ')}` : '',
        reply.consultation ? strings('kb.rule.consultation') : '',
      ].filter((part) => part !== '');
      const sources = reply.sources.map((s) => (s.url ? `${s.name} (${s.url})` : s.name));
      const text = parts.join('\n\n') + (sources.length > 0 ? `\n\n${strings('kb.sources')} ${sources.join('; ')}` : '');
      return { type: ActivityTypes.Message, text };
    }
  }
}
