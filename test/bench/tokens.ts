import { bpeCounter, countTokens, isEncodingLoaded } from '../../src/core/tokens';
import { median } from './median';

/** js-tiktoken's own encoder, for the contrast line (an ES module, typed here). */
interface ReferenceEncoder {
  encode(text: string, allowedSpecial: string[], disallowedSpecial: string[]): number[];
}

function time(run: () => void, repeats = 5): number {
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

function randomLetters(length: number, seed: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out += String.fromCharCode(97 + (s % 26));
  }
  return out;
}

/** Token counting figures: cold load, 100,000-character runs without whitespace, prose throughput. */
export async function runTokenBench(): Promise<void> {
  const lines: string[] = ['', 'Tokens (o200k_base, exact counts; medians of 5 runs)'];
  const wasLoaded = isEncodingLoaded('o200k_base');
  const loadStart = performance.now();
  bpeCounter('o200k_base');
  lines.push(
    `  rank table load on first need: ${wasLoaded ? 'already loaded' : `${(performance.now() - loadStart).toFixed(0)} ms`}`,
  );
  const counter = bpeCounter('o200k_base');
  const runs: [string, string][] = [
    ['100,000 random letters, no whitespace', randomLetters(100_000, 1)],
    ["100,000 x 'a'", 'a'.repeat(100_000)],
    ['100,000 CJK characters', '漢字かな'.repeat(25_000)],
    ["100,000 x '='", '='.repeat(100_000)],
    ['100,000 base64 characters', Buffer.from(randomLetters(75_000, 2)).toString('base64').slice(0, 100_000)],
  ];
  for (const [name, text] of runs) {
    let tokens = 0;
    const ms = time(() => (tokens = counter.count(text)));
    const verdict = ms < 100 ? 'ok' : 'MISSED';
    lines.push(
      `  ${name.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms  (${tokens.toLocaleString('en-US')} tokens; target < 100 ms: ${verdict})`,
    );
  }
  const prose = 'The quick brown fox jumps over the lazy dog; costs are counted per token. '.repeat(1400);
  const proseMs = time(() => counter.count(prose));
  lines.push(
    `  prose throughput ${((prose.length / 1e6 / proseMs) * 1000).toFixed(1)} MB/s (${prose.length.toLocaleString('en-US')} chars in ${proseMs.toFixed(1)} ms)`,
  );
  const memoText = `${prose} memo`;
  countTokens(memoText, 'gpt-4o');
  lines.push(`  memoised repeat count ${time(() => countTokens(memoText, 'gpt-4o')).toFixed(3)} ms`);
  /* eslint-disable @typescript-eslint/no-require-imports -- js-tiktoken's types are ESM-only; its CommonJS build */
  const { Tiktoken } = require('js-tiktoken/lite') as { Tiktoken: new (ranks: unknown) => ReferenceEncoder };
  const reference = new Tiktoken(require('js-tiktoken/ranks/o200k_base'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const run = randomLetters(2000, 3);
  const referenceMs = time(() => reference.encode(run, [], []), 1);
  const oursMs = time(() => counter.count(run), 1);
  lines.push(
    `  contrast, 2,000-letter run: js-tiktoken encode ${referenceMs.toFixed(0)} ms, this counter ${oursMs.toFixed(1)} ms (same count: ${reference.encode(run, [], []).length === counter.count(run)})`,
  );
  console.log(lines.join('\n'));
}

// Also runnable alone: node out/test/bench/tokens.js
if (require.main === module) {
  runTokenBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
