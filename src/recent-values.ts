/**
 * The most recently used values by key, bounded: the least recently used is dropped first, so
 * memory stays flat however many keys pass through. A Map keeps insertion order, and
 * re-inserting on use makes that recency order. A value may be undefined (remembered as such).
 */
export class RecentValues<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** The value, undefined when not remembered (or remembered as undefined: see `has`). */
  get(key: string): V | undefined {
    if (!this.values.has(key)) return undefined;
    const value = this.values.get(key) as V;
    this.values.delete(key);
    this.values.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value as string);
  }

  /** The value remembered for the key, or the one `make` gives, remembered from now on. */
  getOrMake(key: string, make: () => V): V {
    if (this.values.has(key)) return this.get(key) as V;
    const value = make();
    this.set(key, value);
    return value;
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  clear(): void {
    this.values.clear();
  }

  get size(): number {
    return this.values.size;
  }
}
