// Regenerates src/core/pricing/data/pricing.json from the public price tables given as arguments, and writes
// the sources' disagreements beside it (data/disagreements.md) for review.
// Usage: npm run pricing:update -- <genai-prices data.json> <litellm model_prices.json> [--as-of YYYY-MM-DD]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildPriceTable, type SourceInput } from '../src/core/pricing/generate/build';
import { renderDisagreements } from '../src/core/pricing/generate/disagreements';
import { serializeTable } from '../src/core/pricing/generate/serialize';
import { readSourceFile } from '../src/core/pricing/generate/sourceInfo';

function main(): number {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { 'as-of': { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    console.error('usage: npm run pricing:update -- <price files...> [--as-of YYYY-MM-DD] [--out FILE]');
    return 2;
  }
  const inputs: SourceInput[] = [];
  for (const file of positionals) {
    const { input, problem } = readSourceFile(path.resolve(file));
    if (problem) {
      console.error(problem);
      return 1;
    }
    if (input) inputs.push(input);
  }
  const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
  const { table, problems, disagreements } = buildPriceTable(inputs, asOf);
  for (const problem of problems) console.error(`warning: ${problem}`);
  // Compiled to out/scripts/, so the repository root is two levels up.
  const out = values.out ?? path.join(__dirname, '..', '..', 'src', 'core', 'pricing', 'data', 'pricing.json');
  fs.writeFileSync(out, serializeTable(table));
  const kb = (fs.statSync(out).size / 1024).toFixed(1);
  console.log(`${table.models.length} models, ${kb} KB, prices as of ${asOf} → ${path.relative(process.cwd(), out)}`);
  const described = inputs.map((i) => `${i.info.name}${i.info.commit ? ` ${i.info.commit}` : ''} (${i.info.date})`);
  const review = path.join(path.dirname(out), 'disagreements.md');
  fs.writeFileSync(
    review,
    renderDisagreements(disagreements, `Sources: ${described.join(', ')}; prices as of ${asOf}.`),
  );
  console.log(`${disagreements.length} disagreements between the sources → ${path.relative(process.cwd(), review)}`);
  return 0;
}

process.exitCode = main();
