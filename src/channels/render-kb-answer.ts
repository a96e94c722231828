import { ActivityTypes, type Activity, type Entity } from 'botbuilder';
import type { KbEntry, KnowledgeBase } from '../knowledge/index.js';
import { capabilitiesOf } from './capabilities.js';

/**
 * A knowledge-base answer with its sources in the form each channel shows: Web Chat links
 * `[1]` markers through Markdown link definitions, Teams reads the citation entity with an
 * Adaptive Card per source, and text-only channels get the sources as a short list.
 */
export function renderKbAnswer(kb: KnowledgeBase, entry: KbEntry, channelId: string | undefined): Partial<Activity> {
  const entity = kb.citationEntity(entry, { detail: channelId === 'msteams' ? 'adaptive-card' : 'markdown' }) as unknown as Entity;
  if (!capabilitiesOf(channelId).markdown) {
    const sources = entity['citation'] as Array<{ position: number; appearance: { name: string } }>;
    // One line per source: passages of the same source share it ("[1] [2] Article: heading").
    const positionsByName = new Map<string, number[]>();
    for (const claim of sources)
      positionsByName.set(claim.appearance.name, [...(positionsByName.get(claim.appearance.name) ?? []), claim.position]);
    const list = [...positionsByName].map(([name, positions]) => `${positions.map((p) => `[${p}]`).join(' ')} ${name}`).join('\n');
    return { type: ActivityTypes.Message, text: `${kb.answerWithCitations(entry)}\n\nSources:\n${list}`, entities: [entity] };
  }
  return {
    type: ActivityTypes.Message,
    text: kb.answerWithCitations(entry, { linkDefinitions: channelId !== 'msteams' }),
    textFormat: 'markdown',
    entities: [entity],
  };
}
