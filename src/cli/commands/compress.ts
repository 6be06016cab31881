import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, ExitCode, InputError, UsageError, type CliCommand, type CliIo } from '../command';
import { exitCodesLine } from '../errors';
import { apiKeyFrom } from '../output/secrets';
import { safeJson } from '../output/terminalText';
import { jsonLayoutFor } from '../output/jsonLayout';
import { CompressionError, maxTimeoutMs } from '../../core/compression/client';
import {
  compressPrompt,
  maxPromptCharacters,
  promptTooLarge,
  type Candidate,
  type CompressionResult,
} from '../../core/compression/compress';
import { readBoundedFile } from '../readBounded';
import { compressorDefaults } from '../../core/compression/defaults';
import { formatUsd, priceTokens } from '../../core/cost';
import { bundledTable, resolveModel } from '../../core/pricing';
import { countTokens } from '../../core/tokens';

// The same defaults as the editor's settings.
const defaultBaseURL = compressorDefaults.baseUrl;
const defaultModel = compressorDefaults.model;
const defaultTimeoutSeconds = compressorDefaults.timeoutSeconds;
const defaultTargetRatio = compressorDefaults.targetRatio;
const defaultCountModel = 'gpt-4o';

const usage = `Usage: llm-cost-lens compress --file <prompt.txt> [options]

Shortens a prompt: an offline pass (whitespace, filler), then a cheap model. The result is refused when a
placeholder, code block, JSON key, number, URL, quoted text or output-format instruction does not survive, or
when it is not shorter.

Options:
  --file <path>      the prompt (required)
  --offline          the offline pass only: no network call, no key needed
  --base-url <url>   any OpenAI-compatible endpoint (default ${defaultBaseURL})
  --model <name>     the compression model (default ${defaultModel})
  --timeout <s>      seconds the whole model call may take, retries included (default ${defaultTimeoutSeconds})
  --ratio <r>        target length as a fraction of the original (default ${defaultTargetRatio})
  --count-model <m>  count tokens as this model does, the one the prompt is sent to (default ${defaultCountModel})
  --calls-per-month <n>  also print the saving per month at this many calls
  --format <f>       text (default: the compressed text on stdout, the saving on stderr) or json
  --show-refused     print a refused text too, to see what the model did

The API key is read from LLM_COST_LENS_API_KEY or OPENAI_API_KEY; it is never printed, and an answer that
contains it is refused.
${exitCodesLine('ok', 'failure', 'usage', 'input')}`;

/** Counts tokens as `model` does; remembers whether any count was an estimate, so "≈" is printed honestly. */
function tokenCounter(model: string): { count: (text: string) => number; approximate: () => boolean } {
  let approximate = false;
  return {
    count: (text) => {
      const result = countTokens(text, model, { whenNotLoaded: 'load' });
      approximate ||= !result.exact;
      return result.tokens;
    },
    approximate: () => approximate,
  };
}

function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--${name} must be a positive number, not '${value}'`);
  }
  return n;
}

function nonEmpty(value: string | undefined, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (value.trim() === '') throw new UsageError(`--${name} must not be empty`);
  return value;
}

async function readPrompt(file: string, shown: string): Promise<string> {
  // UTF-8 takes at most 4 bytes a character; the character limit itself is checked on the text.
  const text = await readBoundedFile(file, shown, maxPromptCharacters * 4);
  if (text.trim() === '') throw new InputError('empty', `${shown} is empty`);
  const tooLarge = promptTooLarge(text);
  if (tooLarge) throw new InputError('too-large', tooLarge);
  return text;
}

/** Dollars for a token usage at the bundled list price of `model`; undefined when the model has no price. */
function dollars(model: string, input: number, output: number, baseUrl?: string): number | undefined {
  const resolved = resolveModel(model, bundledTable, { baseUrl });
  if (resolved.unknown) return undefined;
  return priceTokens(resolved.entry, { input, output }, bundledTable).totalUsd;
}

interface SummaryContext {
  tokens: number;
  approximate: boolean;
  /** The model the prompt is sent to (its input price gives the saving per call). */
  countModel: string;
  callsPerMonth?: number;
  baseUrl: string;
}

function summary(result: CompressionResult, text: string, context: SummaryContext): string {
  const { tokens, approximate } = context;
  const t = approximate ? '≈' : '';
  const { characters: chars0, tokens: tokens0 } = result.original;
  const saved = chars0 - text.length;
  const percent = chars0 === 0 ? 0 : Math.round((saved / chars0) * 100);
  const lines = [
    `Saved ${saved} of ${chars0} characters (${percent}%): ${chars0} → ${text.length} characters, ${t}${tokens0} → ${t}${tokens} tokens.`,
  ];
  if (result.model && result.offline.accepted) {
    lines.push(
      `Offline pass alone: ${chars0 - result.offline.characters} characters (${result.offline.changes.join(', ')}).`,
    );
  }
  const perCall = dollars(context.countModel, Math.max(0, result.original.tokens - tokens), 0);
  if (perCall !== undefined) {
    const month = context.callsPerMonth
      ? `, ${t}${formatUsd(perCall * context.callsPerMonth)} per month at ${context.callsPerMonth} calls`
      : '';
    lines.push(`Saves ${t}${formatUsd(perCall)} per call to ${context.countModel} (input price)${month}.`);
  }
  const usage = result.model?.usage;
  if (usage && result.model) {
    const cost = dollars(result.model.name, usage.promptTokens, usage.completionTokens, context.baseUrl);
    const price = cost === undefined ? 'no list price for this model' : formatUsd(cost);
    lines.push(
      `Compression call (${result.model.name}): ${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens, ${price}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function accepted(candidate: Candidate | undefined): Candidate | undefined {
  return candidate?.accepted ? candidate : undefined;
}

function refusal(result: CompressionResult, showRefused: boolean | 'in-json'): string {
  const stage = result.model ?? result.offline;
  const lines = [`Refused: ${stage === result.model ? 'the model' : 'the offline pass'}'s text was not used.`];
  for (const reason of stage.refusedReasons) lines.push(`  - ${reason}`);
  if (result.model && result.offline.accepted) {
    const saved = result.original.characters - result.offline.characters;
    lines.push(`The offline pass alone saves ${saved} characters: run with --offline to use it.`);
  }
  if (showRefused === true) lines.push('', '--- refused text ---', stage.text, '--- end ---');
  else if (showRefused === false) lines.push('Run with --show-refused to see the refused text.');
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: 'string' },
      offline: { type: 'boolean', default: false },
      'base-url': { type: 'string' },
      model: { type: 'string' },
      timeout: { type: 'string' },
      ratio: { type: 'string' },
      'count-model': { type: 'string' },
      'calls-per-month': { type: 'string' },
      format: { type: 'string', default: 'text' },
      'show-refused': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return ExitCode.ok;
  }
  if (values.file === undefined) throw new UsageError('--file is required');
  if (values.file === '') throw new UsageError('--file must not be empty');
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`--format must be text or json, not '${values.format}'`);
  const timeoutSeconds = positiveNumber(values.timeout, 'timeout', defaultTimeoutSeconds);
  if (timeoutSeconds * 1000 > maxTimeoutMs) {
    throw new UsageError(
      `--timeout must be at most ${Math.floor(maxTimeoutMs / 1000)} seconds, not '${values.timeout}'`,
    );
  }
  const targetRatio = positiveNumber(values.ratio, 'ratio', defaultTargetRatio);
  if (targetRatio >= 1) throw new UsageError('--ratio must be below 1');
  const callsPerMonth =
    values['calls-per-month'] === undefined
      ? undefined
      : positiveNumber(values['calls-per-month'], 'calls-per-month', 0);
  const model = nonEmpty(values.model, 'model', defaultModel);
  const baseUrl = nonEmpty(values['base-url'], 'base-url', defaultBaseURL);
  const countModel = nonEmpty(values['count-model'], 'count-model', defaultCountModel);

  const text = await readPrompt(path.resolve(io.cwd, values.file), values.file);
  const counter = tokenCounter(countModel);
  let result: CompressionResult;
  try {
    result = await compressPrompt(
      text,
      {
        offlineOnly: values.offline,
        baseURL: baseUrl,
        model,
        apiKey: apiKeyFrom(io.env),
        timeoutMs: timeoutSeconds * 1000,
        targetRatio,
        onRetry: ({ waitMs }) => io.stderr(`Rate limited; retrying in ${Math.ceil(waitMs / 1000)} s…\n`),
      },
      { countTokens: counter.count },
    );
  } catch (error) {
    if (error instanceof CompressionError && error.kind === 'no-key') {
      throw new CliError(
        'no-key',
        'No API key: set LLM_COST_LENS_API_KEY or OPENAI_API_KEY, or use --offline.',
        ExitCode.failure,
      );
    }
    throw error;
  }

  // Everything is computed before anything is printed: nothing can fail after a result is out.
  const chosen = values.offline ? accepted(result.offline) : accepted(result.model);
  if (values.format === 'json') {
    const json = safeJson(
      { ok: chosen !== undefined, tokensApproximate: counter.approximate(), ...result },
      jsonLayoutFor(io),
    );
    io.stdout(json);
    if (!chosen) io.stderr(refusal(result, 'in-json'));
    return chosen ? ExitCode.ok : ExitCode.failure;
  }
  if (!chosen && values.offline && result.offline.changes.length === 0) {
    io.stderr('Nothing to remove offline: the text has no filler phrases or extra whitespace.\n');
    return ExitCode.failure;
  }
  if (!chosen) {
    io.stderr(refusal(result, values['show-refused']));
    return ExitCode.failure;
  }
  const saving = summary(result, chosen.text, {
    tokens: chosen.tokens,
    approximate: counter.approximate(),
    countModel,
    callsPerMonth,
    baseUrl,
  });
  io.stdout(chosen.text.endsWith('\n') ? chosen.text : `${chosen.text}\n`);
  io.stderr(saving);
  return ExitCode.ok;
}

export const compressCommand: CliCommand = {
  name: 'compress',
  summary: 'Shorten a prompt (offline pass, then a cheap model), refusing any result that breaks it',
  usage,
  run,
};
