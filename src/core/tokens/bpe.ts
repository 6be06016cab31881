import { RankTable } from './rankTable';

/** The parts of a js-tiktoken rank module the counter reads. */
export interface RankData {
  pat_str: string;
  bpe_ranks: string;
}

/**
 * Counts the tokens of a tiktoken encoding without building the token array.
 *
 * The rank table and split pattern are js-tiktoken's, and the merge rule is tiktoken's (repeatedly merge the
 * adjacent pair with the lowest rank, leftmost first), so counts are identical to `encode(text, [], []).length`.
 * The difference is the merge loop: js-tiktoken rescans the whole piece after every merge, which is quadratic in
 * the piece's length (a 10,000-character run without whitespace takes seconds). Here a heap of candidate pairs
 * makes one piece O(n log n), so no text can stall the caller.
 *
 * Special-token text (`<|endoftext|>`) is counted as ordinary text, as `encode(text, [], [])` does: prompts in
 * source code may contain it, and it must never throw.
 */
export class BpeCounter {
  private readonly ranks: RankTable;
  private readonly pattern: RegExp;
  /** Counts of pieces already merged: words repeat, and most of a text's pieces are seen before. */
  private readonly pieceCounts = new Map<string, number>();
  /** Ranks of two-byte tokens by `b0 << 8 | b1` (-1: none): the first merges of every piece, without hashing. */
  private readonly bytePairs = new Int32Array(65536).fill(-1);

  constructor(data: RankData) {
    this.pattern = new RegExp(data.pat_str, 'gu');
    this.ranks = new RankTable(data.bpe_ranks);
    this.ranks.forEachPair((first, second, rank) => (this.bytePairs[(first << 8) | second] = rank));
  }

  count(text: string): number {
    let total = 0;
    for (const match of text.matchAll(this.pattern)) {
      const piece = match[0];
      let count = this.pieceCounts.get(piece);
      if (count === undefined) {
        const bytes = asciiOnly.test(piece) ? piece : Buffer.from(piece, 'utf8').toString('latin1');
        count = this.countPiece(bytes);
        if (piece.length <= 64) {
          if (this.pieceCounts.size >= 100_000) this.pieceCounts.clear();
          this.pieceCounts.set(piece, count);
        }
      }
      total += count;
    }
    return total;
  }

  private countPiece(piece: string): number {
    const n = piece.length;
    if (n <= 1 || this.ranks.rankOf(piece, 0, n) >= 0) return n === 0 ? 0 : 1;
    // Parts form a linked list over byte offsets: a part starts at `s` and ends at `next[s]`.
    const next = new Int32Array(n + 1);
    const prev = new Int32Array(n + 1);
    const alive = new Uint8Array(n).fill(1);
    // The rank of the pair starting at each part (-1: none), so a heap entry is checked without a lookup.
    const rankAt = new Int32Array(n).fill(-1);
    for (let i = 0; i <= n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
    }
    const pairRank = (start: number): number => {
      const middle = next[start] as number;
      if (middle >= n) return -1;
      const end = next[middle] as number;
      return end - start === 2
        ? (this.bytePairs[(piece.charCodeAt(start) << 8) | piece.charCodeAt(start + 1)] as number)
        : this.ranks.rankOf(piece, start, end);
    };
    const initial: number[] = [];
    for (let i = 0; i < n - 1; i++) {
      const rank = pairRank(i);
      rankAt[i] = rank;
      if (rank >= 0) initial.push(rank * PairHeap.shift + i);
    }
    const heap = new PairHeap(initial);
    const update = (start: number): void => {
      const rank = pairRank(start);
      rankAt[start] = rank;
      if (rank >= 0) heap.push(rank, start);
    };
    let parts = n;
    for (let top = heap.pop(); top >= 0; top = heap.pop()) {
      const rank = Math.floor(top / PairHeap.shift);
      const start = top - rank * PairHeap.shift;
      // Ranks are unique per byte string, so an entry is current exactly when its pair still has that rank.
      if (!alive[start] || rankAt[start] !== rank) continue;
      const middle = next[start] as number;
      alive[middle] = 0;
      const end = next[middle] as number;
      next[start] = end;
      prev[end] = start;
      parts--;
      update(start);
      const before = prev[start] as number;
      if (before >= 0) update(before);
    }
    return parts;
  }
}

// eslint-disable-next-line no-control-regex
const asciiOnly = /^[\x00-\x7f]*$/;

/** A binary min-heap of (rank, start) packed into one number: lowest rank first, then leftmost. */
class PairHeap {
  static readonly shift = 2 ** 32;

  /** Builds the heap from unordered items in linear time. */
  constructor(private readonly items: number[]) {
    for (let i = (items.length >> 1) - 1; i >= 0; i--) this.siftDown(i, items[i] as number);
  }

  push(rank: number, start: number): void {
    const items = this.items;
    let i = items.length;
    const value = rank * PairHeap.shift + start;
    items.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as number) <= value) break;
      items[i] = items[parent] as number;
      i = parent;
    }
    items[i] = value;
  }

  /** The packed (rank, start) with the lowest value, or -1 when empty. */
  pop(): number {
    const items = this.items;
    if (items.length === 0) return -1;
    const top = items[0] as number;
    const last = items.pop() as number;
    if (items.length > 0) this.siftDown(0, last);
    return top;
  }

  private siftDown(from: number, value: number): void {
    const items = this.items;
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && (items[right] as number) < (items[left] as number) ? right : left;
      if ((items[child] as number) >= value) break;
      items[i] = items[child] as number;
      i = child;
    }
    items[i] = value;
  }
}
