/**
 * A tiktoken rank table (token bytes → rank) read from js-tiktoken's text form in one pass: the tokens' bytes
 * go into one array and an open-addressing hash table points into it. A Map of 200,000 strings took 130-250 ms to
 * build (a split per line, a base64 decode and a string per token, each hashed into the Map); this takes about a
 * fifth of that, and a lookup hashes the characters of the piece in place instead of cutting a substring.
 */
export class RankTable {
  /** Every token's bytes, one after another. */
  private readonly bytes: Uint8Array;
  /** Token i's bytes are `bytes[starts[i]] .. bytes[starts[i + 1]]`. */
  private readonly starts: Int32Array;
  private readonly ranks: Int32Array;
  /** Token indexes by hash, -1 for an empty slot; a power of two at least twice the token count. */
  private readonly slots: Int32Array;
  readonly size: number;

  /**
   * `text`: lines of `<name> <first rank> <base64 token> <base64 token> ...`, ranks counting up along a line (the
   * `bpe_ranks` of js-tiktoken's rank modules).
   */
  constructor(text: string) {
    // Base64 decodes to at most 3/4 of its length, and every token takes at least 5 characters with its space.
    this.bytes = new Uint8Array(Math.ceil((text.length * 3) / 4));
    const capacity = Math.ceil(text.length / 5) + 1;
    this.starts = new Int32Array(capacity + 1);
    this.ranks = new Int32Array(capacity);
    const count = this.decode(text);
    this.size = count;
    let slotCount = 1;
    while (slotCount < count * 2) slotCount *= 2;
    this.slots = new Int32Array(slotCount).fill(-1);
    const mask = slotCount - 1;
    for (let token = 0; token < count; token++) {
      let slot = this.hashBytes(token) & mask;
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = token;
    }
  }

  /**
   * The rank of the token whose bytes are the characters `start .. end` of `piece` (a string of one character per
   * byte, as `Buffer.toString('latin1')` gives), or -1.
   */
  rankOf(piece: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ piece.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const token = this.slots[slot] as number;
      if (token < 0) return -1;
      const from = this.starts[token] as number;
      if ((this.starts[token + 1] as number) - from !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (this.bytes[from + i] !== piece.charCodeAt(start + i)) {
          same = false;
          break;
        }
      }
      if (same) return this.ranks[token] as number;
    }
  }

  /** Fills `bytes`, `starts` and `ranks` from the text; returns the number of tokens. */
  private decode(text: string): number {
    const values = base64Values();
    let token = 0;
    let out = 0;
    let i = 0;
    const n = text.length;
    while (i < n) {
      // The line's name (`!` in js-tiktoken's files), then its first rank.
      while (i < n && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 10) i++;
      if (i >= n || text.charCodeAt(i) === 10) {
        i++;
        continue;
      }
      i++;
      let rank = 0;
      for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) rank = rank * 10 + (c - 48);
      while (i < n && text.charCodeAt(i) !== 10) {
        i++; // the space before a token
        this.starts[token] = out;
        let bits = 0;
        let held = 0;
        for (let c = text.charCodeAt(i); i < n && c !== 32 && c !== 10; c = text.charCodeAt(++i)) {
          const value = c < 128 ? (values[c] as number) : -1;
          if (value < 0) continue; // `=` padding
          bits = (bits << 6) | value;
          held += 6;
          if (held >= 8) {
            held -= 8;
            this.bytes[out++] = (bits >> held) & 0xff;
          }
        }
        this.ranks[token++] = rank++;
      }
      i++;
    }
    this.starts[token] = out;
    return token;
  }

  /** Calls `visit` with the rank of every two-byte token and its bytes. */
  forEachPair(visit: (first: number, second: number, rank: number) => void): void {
    for (let token = 0; token < this.size; token++) {
      const from = this.starts[token] as number;
      if ((this.starts[token + 1] as number) - from === 2) {
        visit(this.bytes[from] as number, this.bytes[from + 1] as number, this.ranks[token] as number);
      }
    }
  }

  private hashBytes(token: number): number {
    let hash = 0x811c9dc5;
    const end = this.starts[token + 1] as number;
    for (let i = this.starts[token] as number; i < end; i++)
      hash = Math.imul(hash ^ (this.bytes[i] as number), 0x01000193);
    return hash;
  }
}

let base64: Int8Array | undefined;

/** Each base64 character's 6-bit value by character code (-1 for anything else, `=` included). */
function base64Values(): Int8Array {
  if (!base64) {
    base64 = new Int8Array(128).fill(-1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    for (let i = 0; i < alphabet.length; i++) base64[alphabet.charCodeAt(i)] = i;
  }
  return base64;
}
