/**
 * Text as WhatsApp formats it: `*bold*` (Markdown's `**bold**` would show its asterisks), no
 * Markdown links (the address in the text, which WhatsApp makes tappable), no headings and no
 * reference-style link definitions. Text already in WhatsApp's own marks is left as it is.
 */
export function whatsAppText(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/__(.+?)__/g, '*$1*')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, (_whole, label: string, url: string) => (label === url ? url : `${label}: ${url}`))
    .replace(/^\[\d+\]: \S+ "[^"]*"$\n?/gm, '')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .trimEnd();
}
