/**
 * The most recently used stored documents as JSON text (null: known not to exist), bounded:
 * the least recently used is dropped first, so memory stays flat however many conversations
 * are stored. A Map keeps insertion order, and re-inserting on use makes that recency order.
 */
export class RecentDocuments {
  private readonly texts = new Map<string, string | null>();

  constructor(private readonly capacity: number) {}

  /** The text, null when the document is known to be absent, undefined when not remembered. */
  get(key: string): string | null | undefined {
    const text = this.texts.get(key);
    if (text === undefined) return undefined;
    this.texts.delete(key);
    this.texts.set(key, text);
    return text;
  }

  set(key: string, text: string | null): void {
    this.texts.delete(key);
    this.texts.set(key, text);
    if (this.texts.size > this.capacity) {
      const oldest = this.texts.keys().next().value as string;
      this.texts.delete(oldest);
    }
  }

  delete(key: string): void {
    this.texts.delete(key);
  }

  clear(): void {
    this.texts.clear();
  }

  get size(): number {
    return this.texts.size;
  }
}
