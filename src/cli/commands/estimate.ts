import { parseArgs } from 'node:util';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { exitCodesLine } from '../errors';
import { printable, safeJson } from '../output/terminalText';
import { jsonLayoutFor } from '../output/jsonLayout';
import { formatUsd } from '../../core/cost/format';
import { priceTokens } from '../../core/cost/priceTokens';
import { resolveModel } from '../../core/pricing/resolve';
import { priceTableFor, priceTableOptions, priceTableUsage, pricesLine, tableJson } from '../priceTable';
import { unknownModel } from './price';

const usage = `Usage: llm-cost-lens estimate --model <m> --input <n> --output <n> [options]

Prints the cost of one request from its token counts.

Options:
  --model <m>        model name (prefixes, snapshots and aliases resolve)
  --input <n>        uncached input tokens
  --output <n>       output tokens
  --cache-read <n>   input tokens read from the prompt cache
  --cache-write <n>  input tokens written to the prompt cache
  --cache-ttl <t>    5m (default) or 1h: which cache-write price applies
  --batch            sent through a batch API
  --format <f>       text (default) or json
${priceTableUsage}

${exitCodesLine('ok', 'usage', 'unknownModel', 'input')}`;

function tokens(value: string | undefined, name: string, required: boolean): number {
  if (value === undefined) {
    if (required) throw new UsageError(`--${name} is required`);
    return 0;
  }
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--${name} must be a whole number of tokens, not '${value}'`);
  }
  return n;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      'cache-read': { type: 'string' },
      'cache-write': { type: 'string' },
      'cache-ttl': { type: 'string', default: '5m' },
      batch: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      ...priceTableOptions,
    },
    allowPositionals: false,
  });
  if (values.model === undefined) throw new UsageError('--model is required');
  if (values.model.trim() === '') throw new UsageError('--model must not be empty');
  const ttl = values['cache-ttl'];
  if (ttl !== '5m' && ttl !== '1h') throw new UsageError(`--cache-ttl must be 5m or 1h, not '${ttl}'`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be text or json');
  const input = tokens(values.input, 'input', true);
  const output = tokens(values.output, 'output', true);
  const cacheRead = tokens(values['cache-read'], 'cache-read', false);
  const cacheWrite = tokens(values['cache-write'], 'cache-write', false);
  const table = await priceTableFor(values, io);
  const resolved = resolveModel(values.model, table);
  if (resolved.unknown) throw unknownModel(values.model, resolved.suggestions);
  const priced = priceTokens(
    resolved.entry,
    {
      input,
      output,
      cacheRead,
      cacheWrite5m: ttl === '5m' ? cacheWrite : 0,
      cacheWrite1h: ttl === '1h' ? cacheWrite : 0,
      batch: values.batch,
    },
    table,
  );
  if (values.format === 'json') {
    const result = {
      model: resolved.entry.id,
      modelAsWritten: values.model,
      totalUsd: priced.totalUsd,
      parts: priced.parts.map(({ part, tokens: n, usdPerMTok, usd, source }) => ({
        part,
        tokens: n,
        usdPerMTok,
        usd,
        source,
      })),
      batch: values.batch,
      longContextTierAbove: priced.tierAbove,
      notes: priced.notes,
      table: tableJson(table, io),
    };
    io.stdout(safeJson(result, jsonLayoutFor(io)));
    return ExitCode.ok;
  }
  const lines = [printable(`${resolved.entry.id}${resolved.entry.id === values.model ? '' : ` ← '${values.model}'`}`)];
  for (const part of priced.parts) lines.push(`  ${part.how}    [${printable(part.source)}]`);
  for (const note of priced.notes) lines.push(`  note: ${note}`);
  lines.push(`  total ${formatUsd(priced.totalUsd)}`, pricesLine(table, io));
  io.stdout(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}

export const estimateCommand: CliCommand = {
  name: 'estimate',
  summary: 'Price one request from its token counts (input, output, cache, batch)',
  usage,
  run,
};
