import * as path from 'node:path';
import type { CliIo } from './command';
import { InputError, UsageError } from './errors';
import { cacheDirectory, readCachedMap, writeCachedMap } from './priceCache';
import {
  bundledTable,
  describeOverrides,
  describeTable,
  liteLlmPriceMapUrl,
  loadPriceFile,
  tableFromStoredMap,
  tableAge,
  updatePrices,
  type PriceTable,
} from '../core/pricing';

/** `parseArgs` options every pricing command takes. */
export const priceTableOptions = {
  prices: { type: 'string' },
  'update-prices': { type: 'boolean', default: false },
  'prices-url': { type: 'string' },
} as const;

export const priceTableUsage = `  --prices <file>               a newer genai-prices data.json or LiteLLM price map instead of the bundled snapshot
  --update-prices               fetch LiteLLM's current price map first and use it over the bundled snapshot;
                                kept in the cache folder ($LLM_COST_LENS_CACHE_DIR, else ~/.cache/llm-cost-lens),
                                whose last good map is used when a fetch fails
  --prices-url <url>            where --update-prices fetches from (a mirror of LiteLLM's map)`;

export interface PriceTableFlags {
  prices?: string;
  'update-prices'?: boolean;
  'prices-url'?: string;
}

/** The clock of a run. */
export const today = (io: CliIo): Date => (io.now ? io.now() : new Date());

async function updatedTable(io: CliIo, url: string | undefined): Promise<PriceTable> {
  const dir = cacheDirectory(io.env);
  const outcome = await updatePrices({ base: bundledTable, url, now: today(io) });
  if (outcome.ok) {
    try {
      writeCachedMap(dir, { text: outcome.text, fetchedOn: outcome.fetchedOn, url: url ?? liteLlmPriceMapUrl });
    } catch (error) {
      io.stderr(
        `warning: could not keep the price map in ${dir}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
    io.stderr(`Prices updated: ${outcome.summary}.\n`);
    return outcome.table;
  }
  const cached = readCachedMap(dir);
  const fallback = cached ? tableFromStoredMap(cached.text, cached.fetchedOn, bundledTable) : null;
  if (fallback?.ok) {
    io.stderr(
      `warning: could not update prices (${outcome.reason}); using the last good map, fetched ${cached?.fetchedOn}.\n`,
    );
    return fallback.table;
  }
  io.stderr(`warning: could not update prices (${outcome.reason}); using the bundled snapshot.\n`);
  return bundledTable;
}

/**
 * The table a command prices with: the bundled snapshot; `--prices FILE` (a newer genai-prices or LiteLLM file;
 * one that cannot be used is an error, exit 4); or `--update-prices` (LiteLLM's map fetched now, validated,
 * kept; on any failure the last good map, else the snapshot, with the reason on stderr).
 */
export async function priceTableFor(flags: PriceTableFlags, io: CliIo): Promise<PriceTable> {
  const file = flags.prices;
  if (file !== undefined && flags['update-prices'])
    throw new UsageError('--prices and --update-prices exclude each other');
  if (flags['prices-url'] !== undefined && !flags['update-prices'])
    throw new UsageError('--prices-url needs --update-prices');
  if (flags['update-prices']) return updatedTable(io, flags['prices-url']);
  if (file === undefined) return bundledTable;
  if (file === '') throw new UsageError('--prices needs a file name');
  const { table, problems } = loadPriceFile(path.resolve(io.cwd, file));
  if (!table) throw new InputError('prices', `cannot use the price file: ${problems.join('; ')}`);
  for (const problem of problems) io.stderr(`warning: ${problem}\n`);
  return table;
}

/**
 * The footer line naming the table and its date, and saying so when its prices are more than 120 days old; with
 * the models the settings' price overrides price, when there are any.
 */
export function pricesLine(table: PriceTable, io: CliIo, overridden: readonly string[] = []): string {
  // The figures of overridden models are the user's, not the table's: the line must not claim them for it.
  const overrides = overridden.length > 0 ? `; ${describeOverrides(overridden)} (llmCostLens.pricing.overrides)` : '';
  return `Prices: ${describeTable(table, today(io), 'run with --update-prices')}${overrides}.`;
}

/** Which table priced the output and how old its prices are, for `--format json`. */
export function tableJson(
  table: PriceTable,
  io: CliIo,
): {
  kind: string;
  label: string;
  pricesAsOf: string;
  ageDays: number;
  stale: boolean;
} {
  const age = tableAge(table, today(io));
  return {
    kind: table.origin?.kind ?? 'bundled',
    label: table.origin?.label ?? 'the bundled snapshot',
    pricesAsOf: age.pricesAsOf,
    ageDays: age.days,
    stale: age.stale,
  };
}
