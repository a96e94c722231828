import type { Attachment } from 'botbuilder';

/** The parts of an Adaptive Card or hero card that carry text; anything else is ignored. */
interface CardElement {
  type?: unknown;
  text?: unknown;
  facts?: Array<{ title?: unknown; value?: unknown }>;
  items?: CardElement[];
}
interface CardContent {
  body?: CardElement[];
  actions?: Array<{ type?: unknown; title?: unknown; url?: unknown }>;
  title?: unknown;
  text?: unknown;
  buttons?: Array<{ type?: unknown; title?: unknown; value?: unknown }>;
}

/** An Adaptive Card or hero card as plain lines a person can read in WhatsApp. */
export function cardAsText(attachment: Attachment): string {
  const content = attachment.content as CardContent | undefined;
  if (!content) return '';
  const lines: string[] = [];
  const walk = (elements: CardElement[] | undefined) => {
    for (const element of elements ?? []) {
      if (element?.type === 'TextBlock' && typeof element.text === 'string') lines.push(element.text);
      if (element?.type === 'FactSet') for (const fact of element.facts ?? []) lines.push(`${fact.title}: ${fact.value}`);
      if (Array.isArray(element?.items)) walk(element.items);
    }
  };
  walk(content.body);
  if (typeof content.title === 'string' && content.title) lines.push(content.title);
  if (typeof content.text === 'string' && content.text) lines.push(content.text);
  for (const button of content.buttons ?? []) {
    lines.push(button.type === 'openUrl' ? `${button.title}: ${button.value}` : String(button.title));
  }
  for (const action of content.actions ?? []) {
    if (action.type === 'Action.OpenUrl') lines.push(`${action.title}: ${action.url}`);
  }
  return lines.join('\n');
}
