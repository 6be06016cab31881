import { parseArgs } from 'node:util';
import { CliError, ExitCode, UsageError, type CliCommand, type CliIo } from '../command';
import { priceTableFor, priceTableOptions, priceTableUsage, pricesLine, tableJson } from '../priceTable';
import { exitCodesLine } from '../errors';
import { printable, safeJson } from '../output/terminalText';
import { jsonLayoutFor } from '../output/jsonLayout';
import { formatRate, formatTokens } from '../../core/cost/format';
import { describeSource } from '../../core/pricing/describe';
import { resolveModel } from '../../core/pricing/resolve';
import { unpricedKind } from '../../core/pricing/unpricedKinds';
import { priceKinds, type ModelEntry, type PriceKind, type PriceTable } from '../../core/pricing/types';

/** The error for a model name the table does not know, with the closest names. */
export function unknownModel(name: string, suggestions: readonly string[]): CliError {
  const kind = unpricedKind(name);
  const message = kind
    ? `unknown model '${name}': ${kind}, which the price table does not price (it prices text and embedding models; price it with the llmCostLens.pricing.overrides setting).`
    : `unknown model '${name}'.${suggestions.length > 0 ? ` Closest: ${suggestions.join(', ')}` : ''}`;
  return new CliError('unknown-model', message, ExitCode.unknownModel);
}

const usage = `Usage: llm-cost-lens price <model> [--format text|json] [--prices <file> | --update-prices]

Prints the price entry a model name resolves to, with the source and date of each price, and the table they
come from.

Options:
  --format <f>                  text (default) or json
${priceTableUsage}

${exitCodesLine('ok', 'usage', 'unknownModel', 'input')}`;

const labels: Record<PriceKind, string> = {
  input: 'input',
  output: 'output',
  cacheRead: 'cache read',
  cacheWrite5m: 'cache write 5m',
  cacheWrite1h: 'cache write 1h',
  batchInput: 'batch input',
  batchOutput: 'batch output',
};

const capabilityLabels: Record<keyof ModelEntry['capabilities'], string> = {
  vision: 'vision',
  tools: 'tools',
  structuredOutput: 'structured output',
  reasoning: 'reasoning',
};

/** "vision, tools, reasoning; not structured output" (+ "; unknown: ..."), from the sources' flags. */
function describeCapabilities(entry: ModelEntry): string {
  const keys = Object.keys(capabilityLabels) as (keyof ModelEntry['capabilities'])[];
  const named = (value: boolean | null): string[] =>
    keys.filter((k) => entry.capabilities[k] === value).map((k) => capabilityLabels[k]);
  const parts = [named(true).join(', ') || 'none known'];
  if (named(false).length > 0) parts.push(`not ${named(false).join(', ')}`);
  if (named(null).length > 0) parts.push(`unknown: ${named(null).join(', ')}`);
  return parts.join('; ');
}

function describeEntry(entry: ModelEntry, table: PriceTable, asWritten: string, via: string): string {
  const lines = [
    printable(
      `${entry.id} (${entry.provider}, ${entry.mode})${asWritten === entry.id ? '' : ` ← '${asWritten}' (matched by ${via})`}`,
    ),
  ];
  for (const kind of priceKinds) {
    const price = entry.prices[kind];
    if (price)
      lines.push(
        `  ${labels[kind].padEnd(15)} ${formatRate(price.usd).padEnd(14)} ${printable(describeSource(price, table))}`,
      );
  }
  for (const tier of entry.tiers) {
    const parts = priceKinds.flatMap((k) => (tier.prices[k] ? [`${labels[k]} ${formatRate(tier.prices[k].usd)}`] : []));
    lines.push(`  above ${formatTokens(tier.above)} prompt tokens: ${parts.join(', ')}`);
  }
  const count = (n: number | null): string => (n === null ? 'unknown' : formatTokens(n));
  const caching =
    entry.caching.kind === 'none'
      ? 'no'
      : `${entry.caching.kind}${entry.caching.minTokens ? `, min ${formatTokens(entry.caching.minTokens)} tokens` : ''}`;
  lines.push(
    `  context window ${count(entry.contextWindow)} · max output ${count(entry.maxOutputTokens)} · tokenizer ${entry.tokenizer} · tier ${entry.tier} · prompt caching ${caching}`,
  );
  lines.push(`  capabilities: ${describeCapabilities(entry)}`);
  if (entry.aliases.length > 0) lines.push(`  aliases: ${printable(entry.aliases.join(', '))}`);
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string', default: 'text' }, ...priceTableOptions },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0]?.trim() === '') throw new UsageError('give exactly one model name');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json`);
  const table = await priceTableFor(values, io);
  const name = positionals[0] as string;
  const resolved = resolveModel(name, table);
  if (resolved.unknown) throw unknownModel(name, resolved.suggestions);
  if (values.format === 'json') {
    const sources = Object.fromEntries(
      Object.entries(table.sources).filter(([key]) => JSON.stringify(resolved.entry).includes(`"src":"${key}"`)),
    );
    io.stdout(
      safeJson(
        { name, via: resolved.via, entry: resolved.entry, sources, table: tableJson(table, io) },
        jsonLayoutFor(io),
      ),
    );
  } else io.stdout(`${describeEntry(resolved.entry, table, name, resolved.via)}${pricesLine(table, io)}\n`);
  return ExitCode.ok;
}

export const priceCommand: CliCommand = {
  name: 'price',
  summary: 'Show the price entry of a model, with the source and date of each price',
  usage,
  run,
};
