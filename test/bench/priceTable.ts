import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveModel, type PriceTable } from '../../src/core/pricing';
import { median } from './median';

const runs = 15;

function timed<T>(run: (i: number) => T): { ms: number; last: T } {
  const times: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = run(i);
    times.push(performance.now() - start);
  }
  return { ms: median(times), last: last as T };
}

/**
 * The bundled price table's cost at start-up: the bundles parse it with JSON.parse (esbuild.js), measured beside
 * the object literal that esbuild's JSON loader would write (each run a new source, so V8 cannot reuse a
 * compilation), then the resolver's index (built on the first lookup) and lookups.
 */
export function runPriceTableBench(): void {
  const file = path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'pricing', 'data', 'pricing.json');
  const text = fs.readFileSync(file, 'utf8');
  const compact = JSON.stringify(JSON.parse(text));
  const parse = timed(() => JSON.parse(compact) as PriceTable);
  const literal = timed((i) => (0, eval)(`(${compact})//${i}`) as PriceTable);
  const tables = Array.from({ length: runs }, () => JSON.parse(compact) as PriceTable);
  const index = timed((i) => resolveModel('gpt-4o', tables[i] as PriceTable, { noSuggestions: true }));
  const table = parse.last;
  const names = ['claude-sonnet-4-5', 'command-r-plus', 'groq/llama-3.3-70b-versatile', 'us.amazon.nova-pro-v1:0'];
  const lookup = timed(() => names.map((name) => resolveModel(name, table)));
  const unknown = timed(() => resolveModel('gpt-4o-turbo-xl', table));
  console.log(
    [
      '',
      `Price table (bundled snapshot: ${table.models.length} models, ${(text.length / 1024).toFixed(0)} KB; medians of ${runs} runs)`,
      `  JSON.parse, as the bundles load it: ${parse.ms.toFixed(1)} ms (an object literal would take ${literal.ms.toFixed(1)} ms)`,
      `  resolver index, built on the first lookup: ${index.ms.toFixed(1)} ms`,
      `  ${names.length} lookups: ${lookup.ms.toFixed(2)} ms; an unknown name with its suggestions: ${unknown.ms.toFixed(2)} ms`,
    ].join('\n'),
  );
}
