import { ActivityTypes, type Activity, type Entity } from 'botbuilder';
import { citationEntityOf, citeTogether, linkDefinitions, sourceLine, type KbEntry, type KbReply } from '../knowledge/index.js';
import type { Strings } from '../strings/index.js';
import { capabilitiesOf } from './capabilities.js';

/** Answers of the guide in one message, with the sources as the channel shows them. */
export interface CitedText {
  /** Each answer with its markers, numbered across the message. */
  answers: readonly string[];
  /** What goes after the answers: Web Chat's link definitions, or the sources as a list on plain-text channels. */
  sources: string;
  /** The citation entity Web Chat and Teams show under the message. */
  entity: Entity;
}

/**
 * The sources in the form each channel shows them: Web Chat links `[1]` markers through
 * Markdown link definitions, Teams reads the citation entity with an Adaptive Card per source,
 * and text-only channels get the sources as a short list, with the web address of those that
 * have one.
 */
export function citedAnswers(entries: readonly KbEntry[], channelId: string | undefined, strings: Strings): CitedText {
  const { answers, citations } = citeTogether(entries);
  const teams = channelId === 'msteams';
  const entity = citationEntityOf(citations, { detail: teams ? 'adaptive-card' : 'markdown' }) as unknown as Entity;
  if (capabilitiesOf(channelId).markdown) return { answers, sources: teams ? '' : linkDefinitions(citations), entity };
  // One line per source: passages of the same source share it ("[1] [2] Article: heading").
  const positionsByLine = new Map<string, number[]>();
  citations.forEach((citation, i) => {
    const line = sourceLine(citation);
    positionsByLine.set(line, [...(positionsByLine.get(line) ?? []), i + 1]);
  });
  const list = [...positionsByLine].map(([line, positions]) => `${positions.map((p) => `[${p}]`).join(' ')} ${line}`);
  return { answers, sources: [strings('kb.sources'), ...list].join('\n'), entity };
}

/** A knowledge-base answer with its sources; `personal` sentences (the person's own reasons, from answerQuestion) go before it. */
export function renderKbAnswer(
  entry: KbEntry,
  channelId: string | undefined,
  strings: Strings,
  personal: readonly string[] = [],
): Partial<Activity> {
  const lead = personal.length > 0 ? `${personal.join(' ')}\n\n` : '';
  const { answers, sources, entity } = citedAnswers([entry], channelId, strings);
  const text = `${lead}${answers[0]}${sources ? `\n\n${sources}` : ''}`;
  return {
    type: ActivityTypes.Message,
    text,
    ...(capabilitiesOf(channelId).markdown ? { textFormat: 'markdown' } : {}),
    entities: [entity],
  };
}

/**
 * Any reply of answerQuestion as one message; undefined for `none`, where the caller shows its
 * own fallback. A rule reply is the rule table's sentences under a lead that says whether they
 * are about this person, then the sources by name (the table cites sources, not passages).
 */
export function renderKbReply(reply: KbReply, channelId: string | undefined, strings: Strings): Partial<Activity> | undefined {
  switch (reply.kind) {
    case 'entry':
      return renderKbAnswer(
        reply.entry,
        channelId,
        strings,
        reply.personal?.length ? [strings('kb.personalIntro'), ...reply.personal] : [],
      );
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
