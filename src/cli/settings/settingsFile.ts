import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { CliError, ExitCode } from '../errors';
import {
  defaultFigureSettings,
  figureValuesFromSettingsJson,
  readFigureSettings,
  type FigureSettings,
} from '../../core/settings/figureSettings';

/** What the CLI took from a `.vscode/settings.json`. */
export interface WorkspaceSettings {
  /** The settings file that applied; null when there was none or it held no `llmCostLens` setting. */
  file: string | null;
  /** The workspace folder the file belongs to (relative paths in it resolve against it). */
  folder: string;
  settings: FigureSettings;
  /** Values that were bad, named; each was replaced by its default. */
  problems: string[];
}

/** A settings file larger than this is not one a person wrote. */
const maxSettingsBytes = 1024 * 1024;

/** A settings file that cannot be read as JSONC: exit 2, like any other bad input the user controls. */
export class SettingsError extends CliError {
  constructor(message: string) {
    super('settings', message, ExitCode.usage);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** `CommaExpected` → `comma expected`. */
function describeParseError(error: ParseError): string {
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/**
 * Parses settings.json as VS Code does (comments and trailing commas allowed, and an empty or comment-only
 * file is no settings: repositories commit such files); a syntax error is a SettingsError.
 */
export function parseSettingsText(text: string, shown: string): unknown {
  const errors: ParseError[] = [];
  const document: unknown = parse(text, errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: true,
  });
  const first = errors[0];
  if (first) {
    throw new SettingsError(
      `${shown}:${lineAndColumn(text, first.offset)}: ${describeParseError(first)} (the file is JSON with comments; fix it or pass --no-settings)`,
    );
  }
  return document;
}

function readSettingsFile(file: string, shown: string): unknown {
  let text: string;
  try {
    if (statSync(file).size > maxSettingsBytes) throw new SettingsError(`${shown} is larger than 1 MB`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    throw new SettingsError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseSettingsText(text, shown);
}

/** The folders whose `.vscode/settings.json` may apply: the scan root, then up to the working folder it lies in. */
function candidateFolders(root: string, cwd: string): string[] {
  const folders = [root];
  const inside = path.relative(cwd, root);
  if (inside && !inside.startsWith('..') && !path.isAbsolute(inside)) {
    for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
      folders.push(dir);
      if (dir === cwd || dir === path.dirname(dir)) break;
    }
  }
  return folders;
}

/**
 * The figure settings for a scan: `explicit` (`--settings FILE`) when given, else the nearest
 * `.vscode/settings.json` from the scan root up to the working folder; defaults when there is none or when
 * `enabled` is false (`--no-settings`).
 */
export function loadWorkspaceSettings(root: string, cwd: string, explicit?: string, enabled = true): WorkspaceSettings {
  let file: string | null = null;
  if (!enabled) return { file: null, folder: root, settings: defaultFigureSettings, problems: [] };
  if (explicit !== undefined) file = path.resolve(cwd, explicit);
  else {
    for (const folder of candidateFolders(root, cwd)) {
      const candidate = path.join(folder, '.vscode', 'settings.json');
      if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) {
        file = candidate;
        break;
      }
    }
  }
  if (!file) return { file: null, folder: root, settings: defaultFigureSettings, problems: [] };
  const shown = path.relative(cwd, file) || file;
  const values = figureValuesFromSettingsJson(readSettingsFile(file, shown));
  const folder = explicit === undefined ? path.dirname(path.dirname(file)) : cwd;
  if (Object.keys(values).length === 0) {
    // A repository's settings for other extensions: nothing in it applies, so it is not named as the settings'
    // source. A file named on the command line was meant to hold some: say that it holds none.
    const problems = explicit === undefined ? [] : [`${shown}: no llmCostLens settings in it; using the defaults`];
    return { file: null, folder, settings: defaultFigureSettings, problems };
  }
  const { settings, problems } = readFigureSettings(values);
  return { file, folder, settings, problems: problems.map((p) => `${shown}: ${p}`) };
}

/**
 * The settings' price file, resolved against the workspace folder. A repository's settings may not make the
 * CLI read a file outside that folder (a pull request could otherwise point it at a secret and have a
 * fragment printed in an error): such a path is ignored with a problem. `--prices` is not limited.
 */
export function settingsPriceFile(workspace: WorkspaceSettings): { file: string | null; problem?: string } {
  const written = workspace.settings.priceFile;
  if (written === null) return { file: null };
  const resolved = path.resolve(workspace.folder, written);
  let real: string;
  let realFolder: string;
  try {
    real = realpathSync(resolved);
    realFolder = realpathSync(workspace.folder);
  } catch {
    return { file: null, problem: `llmCostLens.pricing.file: ${written} not found; using the bundled prices` };
  }
  const inside = path.relative(realFolder, real);
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    return {
      file: null,
      problem: `llmCostLens.pricing.file: ${written} is outside the workspace folder; ignored (use --prices)`,
    };
  }
  return { file: real };
}
