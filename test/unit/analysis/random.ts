/** A small seeded PRNG (mulberry32), so that fuzz and edit tests are reproducible. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Pieces of code and text that trip parsers and analysers up. */
const noise = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '`',
  '"""',
  '${',
  '\n',
  '\t',
  ' ',
  ':',
  ',',
  '=',
  '.',
  '\\',
  '#',
  '//',
  '/*',
  'f"',
  '\u0000',
  '\ud800',
  'é',
  '😀',
  'client.',
  '.create(',
  'model=',
  'await ',
  'for x in y:',
  '=>',
  '**',
  '...',
];

/** One to four random edits of the kinds that break code: deletions, stray tokens, truncation, pasted text. */
export function mutate(random: () => number, text: string): string {
  let result = text;
  const steps = 1 + Math.floor(random() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(random() * (result.length + 1));
    const kind = random();
    if (kind < 0.3) result = result.slice(0, at) + result.slice(at + 1 + Math.floor(random() * 20));
    else if (kind < 0.65) result = result.slice(0, at) + pick(random, noise) + result.slice(at);
    else if (kind < 0.8) result = result.slice(0, at);
    else {
      const from = Math.floor(random() * result.length);
      result = result.slice(0, at) + result.slice(from, from + 200) + result.slice(at);
    }
  }
  return result;
}
