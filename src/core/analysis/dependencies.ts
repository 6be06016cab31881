/**
 * What a call record was computed from: the names it looked up and the text ranges of the definitions it
 * read. An edit that touches none of them cannot change the record, so the editor reuses it.
 */
export class Dependencies {
  readonly names = new Set<string>();
  /** Flat [start, end, start, end, ...] offsets. */
  readonly ranges: number[] = [];

  addAll(other: Dependencies): void {
    for (const name of other.names) this.names.add(name);
    for (const offset of other.ranges) this.ranges.push(offset);
  }
}

/** A stack of open dependency frames: what is recorded goes to every open frame. */
export class Tracker {
  private readonly frames: Dependencies[] = [];

  /** A one-shot analysis (CLI, scan) reuses nothing: it skips the bookkeeping. */
  constructor(private readonly enabled = true) {}

  begin(): Dependencies {
    const frame = new Dependencies();
    if (this.enabled) this.frames.push(frame);
    return frame;
  }

  end(frame: Dependencies): Dependencies {
    const index = this.frames.lastIndexOf(frame);
    if (index >= 0) this.frames.splice(index, 1);
    return frame;
  }

  name(name: string): void {
    if (!this.enabled) return;
    for (const frame of this.frames) frame.names.add(name);
  }

  range(start: number, end: number): void {
    if (!this.enabled) return;
    for (const frame of this.frames) frame.ranges.push(start, end);
  }

  /** Replays a memoised computation's dependencies into the open frames. */
  replay(dependencies: Dependencies): void {
    for (const frame of this.frames) if (frame !== dependencies) frame.addAll(dependencies);
  }

  /** Runs `compute` once per key; later hits replay its dependencies. */
  memo<K, V>(cache: Map<K, { value: V; dependencies: Dependencies }>, key: K, compute: () => V, pending: V): V {
    const hit = cache.get(key);
    if (hit) {
      this.replay(hit.dependencies);
      return hit.value;
    }
    const frame = this.begin();
    const entry = { value: pending, dependencies: frame };
    cache.set(key, entry);
    try {
      entry.value = compute();
    } finally {
      this.end(frame);
    }
    return entry.value;
  }
}
