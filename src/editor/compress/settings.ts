import * as vscode from 'vscode';
import { compressorDefaults } from '../../core/compression/defaults';
import { validateTemplate } from '../../core/compression/prompt';
import { readSetting } from '../config';

export interface CompressorSettings {
  baseUrl: string;
  model: string;
  timeoutMs: number;
  targetRatio: number;
  /** Undefined: the built-in instruction template. */
  template: string | undefined;
}

/**
 * Reads the compressor settings for a document. A broken value falls back to its default and is reported in
 * `problems` (naming the setting), so one bad entry never stops the command.
 */
export function readCompressorSettings(scope: vscode.ConfigurationScope | undefined): {
  settings: CompressorSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const text = (key: string, fallback: string): string => {
    const value = readSetting<unknown>(key, scope);
    if (value === undefined || value === null || value === '') return fallback;
    if (typeof value !== 'string') {
      problems.push(`llmCostLens.${key} must be a string; using ${JSON.stringify(fallback)}.`);
      return fallback;
    }
    return value.trim();
  };
  const number = (key: string, fallback: number, valid: (n: number) => boolean, rule: string): number => {
    const value = readSetting<unknown>(key, scope);
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
      problems.push(`llmCostLens.${key} must be ${rule}, not ${JSON.stringify(value)}; using ${fallback}.`);
      return fallback;
    }
    return value;
  };

  let baseUrl = text('compressor.baseUrl', compressorDefaults.baseUrl);
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    // The value is not repeated (as the compressor's client never repeats a URL): a key pasted into the wrong
    // setting would reach the log and the notification.
    problems.push(`llmCostLens.compressor.baseUrl is not an http(s) URL; using ${compressorDefaults.baseUrl}.`);
    baseUrl = compressorDefaults.baseUrl;
  }
  let template: string | undefined = text('compressor.instructionTemplate', '') || undefined;
  const templateProblem = template === undefined ? undefined : validateTemplate(template);
  if (templateProblem) {
    problems.push(`llmCostLens.compressor.instructionTemplate: ${templateProblem} Using the built-in template.`);
    template = undefined;
  }
  return {
    settings: {
      baseUrl,
      model: text('compressor.model', compressorDefaults.model),
      timeoutMs:
        number(
          'compressor.timeoutSeconds',
          compressorDefaults.timeoutSeconds,
          (n) => n > 0 && n <= 600,
          'a number of seconds from 1 to 600',
        ) * 1000,
      targetRatio: number(
        'compressor.targetRatio',
        compressorDefaults.targetRatio,
        (n) => n > 0 && n < 1,
        'a fraction between 0 and 1',
      ),
      template,
    },
    problems,
  };
}
