import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { analyze, maxFileBytes } from '../../core/analysis/analyze';
import type { CallRecord, SkippedFile } from '../../core/analysis/types';
import { ParserHost } from '../../core/parsing/host';
import { languageIdForPath } from '../../core/parsing/languages';
import { safeJson } from '../output/terminalText';
import { listSourceFiles } from './walk';

export interface ScanOptions {
  /** Directory holding `web-tree-sitter.wasm` and the grammar files. */
  wasmDir: string;
  /** Paths are resolved against it. */
  cwd: string;
  /** Reuse a parser host across scans (tests, bench); one is made otherwise. */
  host?: ParserHost;
}

/** The `scan --format json` document. */
export interface ScanResult {
  version: string;
  /** Number of source files scanned (read), skipped ones included. */
  files: number;
  /** File paths relative to the scan root. */
  calls: CallRecord[];
  findings: unknown[];
  skipped: SkippedFile[];
  /** The directory file paths are relative to (not serialised). */
  root: string;
}

export const version = '0.1.0';

/**
 * Scans files and directories. The root (what record paths are relative to) is the directory when exactly one
 * directory is given, else `cwd`.
 */
export async function scanPaths(paths: string[], options: ScanOptions): Promise<ScanResult> {
  const absolute = (paths.length > 0 ? paths : ['.']).map((p) => path.resolve(options.cwd, p));
  const single = absolute.length === 1 ? await stat(absolute[0]) : null;
  const root = single?.isDirectory() ? absolute[0] : options.cwd;
  const host = options.host ?? new ParserHost(options.wasmDir);
  const files = await listSourceFiles(absolute);
  const calls: CallRecord[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    const relative = path.relative(root, file).split(path.sep).join('/') || path.basename(file);
    const languageId = languageIdForPath(file);
    if (!languageId) {
      skipped.push({ file: relative, reason: 'not a Python, TypeScript or JavaScript file' });
      continue;
    }
    try {
      const size = (await stat(file)).size;
      if (size > maxFileBytes) {
        skipped.push({ file: relative, reason: `larger than ${maxFileBytes / (1024 * 1024)} MB` });
        continue;
      }
      const text = await readFile(file, 'utf8');
      const result = await analyze(text, languageId, relative, host);
      if (result.skipped) skipped.push(result.skipped);
      calls.push(...result.calls);
    } catch (error) {
      skipped.push({
        file: relative,
        reason: `could not be analysed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  if (!options.host) host.dispose();
  return { version, files: files.length, calls, findings: [], skipped, root };
}

/** The JSON document of a scan, exactly the documented keys. */
export function toJson(result: ScanResult): string {
  const { version: v, files, calls, findings, skipped } = result;
  return safeJson({ version: v, files, calls, findings, skipped });
}
