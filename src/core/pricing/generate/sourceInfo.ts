import * as fs from 'node:fs';
import * as path from 'node:path';
import { looksLikeGenaiPrices } from './genaiPrices';
import { looksLikeLiteLlm } from './litellm';
import { readBoundedText } from '../../io/boundedFile';
import type { SourceInput } from './build';
import type { SourceInfo } from '../types';

const origins: Record<SourceInput['format'], { name: string; url: string }> = {
  'genai-prices': { name: 'genai-prices', url: 'https://github.com/pydantic/genai-prices' },
  litellm: { name: 'LiteLLM model_prices_and_context_window.json', url: 'https://github.com/BerriAI/litellm' },
};

export function detectFormat(data: unknown): SourceInput['format'] | null {
  if (looksLikeGenaiPrices(data)) return 'genai-prices';
  if (looksLikeLiteLlm(data)) return 'litellm';
  return null;
}

/**
 * The commit and date of a source file: from the README row naming the file when one sits beside it
 * (`commit 47df840a, 2026-08-21`), otherwise the file's modification date.
 */
function snapshotOf(file: string): { commit?: string; date: string } {
  const readme = path.join(path.dirname(file), 'README.md');
  try {
    const row = fs
      .readFileSync(readme, 'utf8')
      .split('\n')
      .find((l) => l.includes(path.basename(file)));
    const match = row && /commit ([0-9a-f]{6,40}), (\d{4}-\d{2}-\d{2})/.exec(row);
    if (match) return { commit: match[1] as string, date: match[2] as string };
  } catch {
    // No README: fall back to the file date.
  }
  return { date: fs.statSync(file).mtime.toISOString().slice(0, 10) };
}

/** A price file larger than this is refused unread: today's are 1-2 MB, and 130,000 entries take 20 MB. */
export const maxPriceFileBytes = 64 * 1024 * 1024;

/** Reads one price file (either format). Returns a problem instead of throwing. */
export function readSourceFile(file: string): { input?: SourceInput; problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(readBoundedText(file, maxPriceFileBytes));
  } catch (error) {
    return { problem: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const format = detectFormat(data);
  if (!format) return { problem: `${file}: neither genai-prices' data.json nor LiteLLM's price map` };
  const info: SourceInfo = { ...origins[format], ...snapshotOf(file) };
  return { input: { format, data, info } };
}
