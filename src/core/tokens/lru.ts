/**
 * A least-recently-used map bounded by entry count and by total key length: token counts are memoised by
 * content, and prompt texts can be large, so the keys themselves are what must stay bounded.
 */
export class Lru<V> {
  private readonly entries = new Map<string, V>();
  private weight = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxKeyChars = Number.POSITIVE_INFINITY,
  ) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (key.length > this.maxKeyChars) return;
    if (this.entries.delete(key)) this.weight -= key.length;
    this.entries.set(key, value);
    this.weight += key.length;
    while (this.entries.size > this.capacity || this.weight > this.maxKeyChars) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
      this.weight -= oldest.value.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}
