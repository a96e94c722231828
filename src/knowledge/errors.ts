/**
 * A knowledge file that cannot be used. The start stops with this message, so it names the file,
 * the entry and the field: a clinician editing JSON must be able to find the mistake from it alone.
 */
export class KnowledgeBaseError extends Error {
  override readonly name = 'KnowledgeBaseError';

  constructor(
    /** The file, relative to the project root when it is inside it. */
    readonly file: string,
    /** The entry's (or concern's) id, when the problem is inside one. */
    readonly entryId: string | undefined,
    /** The field inside the entry, e.g. `citations[0].quote`. */
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    const where = [file, entryId !== undefined ? `entry "${entryId}"` : undefined, field !== undefined ? `field "${field}"` : undefined]
      .filter((part) => part !== undefined)
      .join(', ');
    super(`knowledge base: ${where}: ${reason}`);
  }
}
