import { LIMITS } from './schema.js';
import type { Citation, KbEntry } from './types.js';

/**
 * The citation entity that Web Chat and Teams render under a bot message, as a plain object (this
 * module must not import botbuilder; the dialog puts it into `activity.entities`).
 *
 * Format sources, checked while writing this:
 * - Microsoft Teams, "Bot messages with AI-generated content", section Citations
 *   (learn.microsoft.com/microsoftteams/platform/bots/how-to/bot-messages-ai-generated-content):
 *   one root entity { type: 'https://schema.org/Message', '@type': 'Message', '@context':
 *   'https://schema.org', citation: [{ '@type': 'Claim', position, appearance: { '@type':
 *   'DigitalDocument', name (max 80), abstract (max 160), url?, text?, keywords?, image? } }] };
 *   position is an integer that "must match the [1] in the text"; at most 20 citations; `text` is
 *   documented there as a stringified Adaptive Card (encodingFormat
 *   'application/vnd.microsoft.card.adaptive').
 * - Bot Framework Web Chat, docs/CITATION.md and MarkdownTextContent.tsx (github.com/microsoft/
 *   BotFramework-WebChat): the Message thing also needs '@id': ''; the text is Markdown and a
 *   citation is listed only when the text has a reference-style link definition `[1]: cite:1 "Title"`
 *   (or the URL) whose label equals the claim's position; a claim without url opens a dialog that
 *   renders appearance.text as Markdown.
 * We do not add additionalType 'AIGeneratedContent': these answers are curated by people, not generated.
 */

export interface CitationAppearance {
  readonly '@type': 'DigitalDocument';
  readonly name: string;
  readonly abstract: string;
  readonly url?: string;
  readonly text?: string;
  readonly encodingFormat?: string;
}

export interface CitationClaim {
  readonly '@type': 'Claim';
  readonly position: number;
  readonly appearance: CitationAppearance;
}

export interface CitationEntity {
  readonly type: 'https://schema.org/Message';
  readonly '@type': 'Message';
  readonly '@context': 'https://schema.org';
  readonly '@id': '';
  readonly citation: readonly CitationClaim[];
}

/**
 * What a claim carries as its long text, which the two clients render differently:
 * - 'markdown' (default; Web Chat / Direct Line): plain Markdown, shown in Web Chat's citation dialog.
 * - 'adaptive-card' (Teams): a stringified Adaptive Card, shown in Teams' citation modal.
 * - 'none': name and abstract only, the minimum both clients accept.
 */
export type CitationDetail = 'markdown' | 'adaptive-card' | 'none';

export interface CitationEntityOptions {
  readonly detail?: CitationDetail;
}

export function citationEntity(entry: Pick<KbEntry, 'citations'>, options: CitationEntityOptions = {}): CitationEntity {
  return citationEntityOf(entry.citations.slice(0, LIMITS.citations), options);
}

/** The entity for citations already numbered (their position is their index + 1). */
export function citationEntityOf(citations: readonly Citation[], options: CitationEntityOptions = {}): CitationEntity {
  const detail = options.detail ?? 'markdown';
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: citations.map((citation, i) => ({
      '@type': 'Claim',
      position: i + 1,
      appearance: appearanceOf(citation, detail),
    })),
  };
}

export interface AnswerTextOptions {
  /**
   * Append Markdown link definitions (`[1]: cite:1 "Title"`). Web Chat needs them to list the
   * citations; Teams links `[1]` by position alone and would show the definitions as text.
   */
  readonly linkDefinitions?: boolean;
}

/** The entry's answer followed by its citation markers, e.g. "... a professional. [1] [2]"; spaced, because Markdown reads "[1][2]" as a reference link. */
export function answerWithCitations(entry: Pick<KbEntry, 'answer' | 'citations'>, options: AnswerTextOptions = {}): string {
  const { answers, citations } = citeTogether([entry]);
  const text = answers[0]!;
  return options.linkDefinitions ? `${text}\n\n${linkDefinitions(citations)}` : text;
}

/** Several answers said in one message, and the citations their markers number. */
export interface CitedAnswers {
  /** Each answer followed by its markers, numbered across the whole message. */
  readonly answers: readonly string[];
  /** Every citation once, in marker order (at most Teams' 20). */
  readonly citations: readonly Citation[];
}

/**
 * Answers of several entries in one message (the advice for each concern in the result): one
 * numbering for the message, and a source two entries cite is listed once, under one number.
 */
export function citeTogether(entries: ReadonlyArray<Pick<KbEntry, 'answer' | 'citations'>>): CitedAnswers {
  const citations: Citation[] = [];
  const positions = new Map<string, number>();
  const answers = entries.map((entry) => {
    const markers = entry.citations.flatMap((citation) => {
      const key = JSON.stringify(citation);
      let position = positions.get(key);
      if (position === undefined) {
        if (citations.length >= LIMITS.citations) return [];
        citations.push(citation);
        positions.set(key, (position = citations.length));
      }
      return [`[${position}]`];
    });
    return markers.length > 0 ? `${entry.answer} ${[...new Set(markers)].join(' ')}` : entry.answer;
  });
  return { answers, citations };
}

/** Web Chat lists a citation only under a Markdown link definition `[1]: cite:1 "Title"` (or its URL). */
export function linkDefinitions(citations: readonly Citation[]): string {
  return citations.map((c, i) => `[${i + 1}]: ${urlOf(c) ?? `cite:${i + 1}`} "${titleOf(c).replace(/"/g, "'")}"`).join('\n');
}

/** A source as plain text: its label, and its web address where it has one (the article is a file, not a page). */
export function sourceLine(citation: Citation): string {
  const url = urlOf(citation);
  return url ? `${titleOf(citation)}: ${url}` : titleOf(citation);
}

function appearanceOf(citation: Citation, detail: CitationDetail): CitationAppearance {
  const name = titleOf(citation);
  const abstract = truncate(citation.kind === 'article' ? citation.quote : citation.supports, LIMITS.citationAbstract);
  const url = urlOf(citation);
  const base = { '@type': 'DigitalDocument' as const, name, abstract, ...(url !== undefined ? { url } : {}) };
  if (detail === 'none') return base;
  if (detail === 'adaptive-card') {
    return { ...base, text: JSON.stringify(adaptiveCardOf(citation)), encodingFormat: 'application/vnd.microsoft.card.adaptive' };
  }
  return { ...base, text: markdownOf(citation), encodingFormat: 'text/markdown' };
}

/** Only spec sources have a web page; the article is a local file. */
function urlOf(citation: Citation): string | undefined {
  return citation.kind === 'spec-source' ? citation.url : undefined;
}

/**
 * The label: the source and a neutral section name, never the article's heading, which is often a
 * sales line ("Micro-needling produces instant results") that would read as our own claim.
 */
export function citationLabel(citation: Citation): string {
  if (citation.kind === 'article') return truncate(`${citation.sourceShortName}, section: ${citation.section}`, LIMITS.citationName);
  return truncate(citation.sourceName, LIMITS.citationName);
}

const titleOf = citationLabel;

function markdownOf(citation: Citation): string {
  if (citation.kind === 'article') {
    return `> ${citation.quote}\n\nQuoted word for word from "${citation.sourceName}", section: ${citation.section} (original spelling kept).`;
  }
  return `${citation.supports}\n\nSummary of: ${citation.sourceName}${citation.url ? ` (${citation.url})` : ''}. Not a quotation.`;
}

function adaptiveCardOf(citation: Citation): object {
  const [body, footnote] =
    citation.kind === 'article'
      ? [
          `"${citation.quote}"`,
          `Quoted word for word from "${citation.sourceName}", section: ${citation.section} (original spelling kept).`,
        ]
      : [citation.supports, `Summary of: ${citation.sourceName}. Not a quotation.`];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: body, wrap: true },
      { type: 'TextBlock', text: footnote, wrap: true, isSubtle: true, size: 'Small' },
    ],
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
