/**
 * How much of one message is read. Reading is linear in the length, but a message may hold
 * 20,000 characters and a turn reads it several times (red-flag watch, listening, the pending
 * question, the guide's search): past this length the rest is not read, and the bot says so.
 * 1,000 characters is several times the longest answer anyone types in a chat, and keeps a
 * hostile message's reading within a few milliseconds (docs/benchmark.md).
 * The one place the limit is set.
 */
export const MAX_READ_LENGTH = 1_000;

/** How far back from the limit a cut looks for a space, so no word is cut in two. */
const WORD_SLACK = 40;

/** The part of a message that is read: all of it, or its first MAX_READ_LENGTH characters. */
export function readablePart(text: string): string {
  if (text.length <= MAX_READ_LENGTH) return text;
  let end = MAX_READ_LENGTH;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // not between the halves of an emoji
  const space = text.lastIndexOf(' ', end);
  if (space > end - WORD_SLACK) end = space;
  return text.slice(0, end);
}

/** True when only the first part of the message is read. */
export function isCutShort(text: string): boolean {
  return text.length > MAX_READ_LENGTH;
}
