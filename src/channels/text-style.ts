import { capabilitiesOf } from './capabilities.js';
import type { Section } from './replies.js';

/** Bold as the channel writes it: `**bold**` in Markdown, `*bold*` on WhatsApp, plain elsewhere. */
export function bold(text: string, channelId: string | undefined): string {
  switch (capabilitiesOf(channelId).emphasis) {
    case 'markdown':
      return `**${text}**`;
    case 'whatsapp':
      return `*${text}*`;
    case 'none':
      return text;
  }
}

/** A titled list as text: "Why:" and a line per item; nothing when the list is empty. */
export function sectionText(section: Section): string {
  return section.lines.length === 0 ? '' : [section.title, ...section.lines.map((line) => `- ${line}`)].join('\n');
}

/** Parts of a message, one paragraph each, the empty ones left out. */
export function paragraphs(...parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join('\n\n');
}
