import * as path from 'node:path';
import * as vscode from 'vscode';
import { validateCostSettings, type CostSettings, type SettingSources } from '../core/cost';
import {
  applyOverrides,
  bundledTable,
  loadPriceFile,
  pricesOf,
  tableAge,
  validateOverrides,
  type PriceTable,
} from '../core/pricing';
import { costSettingKeys } from '../core/settings/figureSettings';
import { isSetByUser, onSettingsChanged, readSetting } from './config';
import { log } from './log';

/** Which table is in force, in words for the status bar and the hover. */
export interface PricingStatus {
  /** `the bundled snapshot, prices as of 2026-08-21`, `LiteLLM's price map fetched 2026-12-01 (Update Prices), …`. */
  source: string;
  /** Set when the user's price file could not be used: why, and that the bundled table is used instead. */
  problem?: string;
  /** Set when the prices are more than 120 days old: how old, and how to update them. */
  stale?: string;
}

/**
 * The price table in force: the user's price file if set, else LiteLLM's map from Update Prices (laid over the
 * bundled snapshot) once there is one, else the bundled snapshot; the user's overrides on top. Rebuilt when a
 * pricing setting, the price file or an update changes it, and `onDidChange` fires so every surface shows the
 * new figures without a reload. Bad settings are reported once per change, naming the bad entry, and the rest
 * keeps working.
 */
export class PricingService implements vscode.Disposable {
  private current: PriceTable | undefined;
  /** The table before the overrides: what a folder's own `pricing.overrides` lie over. */
  private base: PriceTable = bundledTable;
  /** Tables of folders with their own price file or overrides, by those values; emptied on a rebuild. */
  private readonly folderTables = new Map<string, PriceTable>();
  /** What a folder's own price file gave (its name, or why it could not be read), by the folder's table. */
  private readonly folderStatuses = new Map<PriceTable, PricingStatus>();
  /** Watchers of folders' own price files, kept until the service is disposed. */
  private readonly folderFileWatchers = new Map<string, vscode.Disposable>();
  private currentStatus: PricingStatus = { source: pricesOf(bundledTable) };
  private updated: PriceTable | null = null;
  private generationCount = 0;
  private watcher: vscode.Disposable | undefined;
  private watchedFile: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires after the table changed (a pricing setting, the price file on disk, Update Prices). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscription = onSettingsChanged(['pricing'], () => this.rebuild());
  }

  /** Puts the table an update built (LiteLLM's map over the snapshot) in force; null goes back to the snapshot. */
  useUpdatedTable(table: PriceTable | null): void {
    this.updated = table;
    this.rebuild();
  }

  /** The user's own price file is set: it wins over updates. */
  fileInUse(): boolean {
    const file = readSetting<unknown>('pricing.file');
    return typeof file === 'string' && file.trim() !== '';
  }

  table(): PriceTable {
    if (this.current) return this.current;
    const file = readSetting<unknown>('pricing.file');
    const resolved = priceFilePath(file, resolveAgainstWorkspace);
    this.watch(resolved);
    const { base, status, problems } = baseTable(file, resolved, this.updated ?? bundledTable);
    this.base = base;
    const overridden = withOverrides(base, readSetting<unknown>('pricing.overrides'));
    problems.push(...overridden.problems);
    this.current = overridden.table;
    this.currentStatus = status;
    report(problems);
    return this.current;
  }

  /**
   * The table for a file or a workspace folder: its folder's own `pricing.file` and `pricing.overrides` (in a
   * multi-root workspace a folder's settings may set others than the workspace's; a relative price file is that
   * folder's), as `llm-cost-lens scan <folder>` reads them from that folder's .vscode/settings.json.
   */
  tableFor(scope: vscode.Uri): PriceTable {
    const table = this.table();
    const file = readSetting<unknown>('pricing.file', scope);
    const overrides = readSetting<unknown>('pricing.overrides', scope);
    const sameFile = sameAsWorkspace('pricing.file', scope);
    if (sameFile && !this.hasOwnOverrides(scope)) return table;
    const folder = vscode.workspace.getWorkspaceFolder(scope)?.uri.fsPath;
    const resolved = sameFile
      ? undefined
      : priceFilePath(file, (written) => (path.isAbsolute(written) ? written : path.join(folder ?? '', written)));
    const key = JSON.stringify([sameFile ? null : (resolved ?? file ?? null), overrides ?? null]);
    const cached = this.folderTables.get(key);
    if (cached) return cached;
    const problems: string[] = [];
    let base = this.base;
    let status: PricingStatus | undefined;
    if (!sameFile) {
      if (resolved) this.watchFolderFile(resolved);
      const own = baseTable(file, resolved, this.updated ?? bundledTable);
      base = own.base;
      status = own.status;
      problems.push(...own.problems);
    }
    const overridden = withOverrides(base, overrides);
    report([...problems, ...overridden.problems]);
    this.folderTables.set(key, overridden.table);
    if (status) this.folderStatuses.set(overridden.table, status);
    return overridden.table;
  }

  /** Whether a folder's `pricing.overrides` differ from the workspace's: its table has overrides of its own. */
  hasOwnOverrides(scope: vscode.Uri): boolean {
    return !sameAsWorkspace('pricing.overrides', scope);
  }

  /** The models `pricing.overrides` prices (for a folder: its own value), as they are valid; bad entries left out. */
  overriddenModels(scope?: vscode.Uri): string[] {
    return validateOverrides(readSetting<unknown>('pricing.overrides', scope)).overrides.map((o) => o.model);
  }

  /**
   * Which table is in force (for a file: its folder's, which may have its own price file), whether the user's
   * price file failed, and whether its prices are old (today).
   */
  status(scope?: vscode.Uri): PricingStatus {
    const table = scope ? this.tableFor(scope) : this.table();
    const current = this.folderStatuses.get(table) ?? this.currentStatus;
    const age = tableAge(table);
    if (!age.stale) return current;
    const stale = `Prices are ${age.days} days old (providers change them often): run **LLM Cost Lens: Update Prices**`;
    return { ...current, stale };
  }

  /** Counts table rebuilds: figures computed under an older generation are stale. */
  generation(): number {
    return this.generationCount;
  }

  private rebuild(): void {
    this.current = undefined;
    this.folderTables.clear();
    this.folderStatuses.clear();
    this.generationCount++;
    this.table();
    this.changed.fire();
  }

  /** Watches the price file, so that saving a newer one updates every figure. */
  private watch(file: string | undefined): void {
    if (file === this.watchedFile) return;
    this.watcher?.dispose();
    this.watcher = file ? this.watchFile(file) : undefined;
    this.watchedFile = file;
  }

  /** Watches a folder's own price file too (once). */
  private watchFolderFile(file: string): void {
    if (!this.folderFileWatchers.has(file)) this.folderFileWatchers.set(file, this.watchFile(file));
  }

  private watchFile(file: string): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)),
    );
    const onChange = (): void => this.rebuild();
    return vscode.Disposable.from(
      watcher,
      watcher.onDidChange(onChange),
      watcher.onDidCreate(onChange),
      watcher.onDidDelete(onChange),
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.watcher?.dispose();
    for (const watcher of this.folderFileWatchers.values()) watcher.dispose();
    this.changed.dispose();
  }
}

/** The `pricing.file` value as a path (resolved by `resolve` when relative); undefined when it names no file. */
function priceFilePath(file: unknown, resolve: (written: string) => string): string | undefined {
  return typeof file === 'string' && file.trim() !== '' ? resolve(file.trim()) : undefined;
}

/**
 * The table the overrides lie over: the price file when it is set and can be read, else `fallback` (the update
 * or the bundled snapshot), with what went wrong in words.
 */
function baseTable(
  file: unknown,
  resolved: string | undefined,
  fallback: PriceTable,
): { base: PriceTable; status: PricingStatus; problems: string[] } {
  const instead = fallback.origin?.label ?? 'the bundled snapshot';
  if (!resolved) {
    const problems =
      file !== undefined && typeof file !== 'string'
        ? [`llmCostLens.pricing.file must be a path; using ${instead}.`]
        : [];
    return { base: fallback, status: { source: pricesOf(fallback) }, problems };
  }
  const loaded = loadPriceFile(resolved);
  const problems = loaded.problems.map((p) => `llmCostLens.pricing.file: ${p}`);
  if (loaded.table) return { base: loaded.table, status: { source: pricesOf(loaded.table) }, problems };
  problems.push(`llmCostLens.pricing.file: using ${instead} instead.`);
  const problem = `your price file ${path.basename(resolved)} could not be read (${loaded.problems[0] ?? 'unknown error'})`;
  return { base: fallback, status: { source: pricesOf(fallback), problem }, problems };
}

/** Whether a folder's value of a setting is the workspace's (in a multi-root workspace a folder may set its own). */
function sameAsWorkspace(key: string, scope: vscode.Uri): boolean {
  return JSON.stringify(readSetting<unknown>(key, scope) ?? null) === JSON.stringify(readSetting<unknown>(key) ?? null);
}

/** `table` with the `pricing.overrides` value over it; bad entries named as problems and left out. */
function withOverrides(table: PriceTable, value: unknown): { table: PriceTable; problems: string[] } {
  const validation = validateOverrides(value);
  const applied = applyOverrides(table, validation.overrides);
  return {
    table: applied.table,
    problems: [...validation.problems, ...applied.problems].map((p) => `llmCostLens.pricing.overrides: ${p}`),
  };
}

/** The cost settings for a document; a broken value falls back to its default with a warning naming it. */
export function readCostSettings(scope?: vscode.ConfigurationScope): CostSettings {
  const { settings, problems } = validateCostSettings(
    Object.fromEntries(costSettingNames.map((key) => [key, readSetting<unknown>(key, scope)])),
  );
  report(problems.map((problem) => `llmCostLens.${problem}`));
  return settings;
}

/** The settings `readCostSettings` reads (a change to any of them changes figures): the same list the CLI reads from .vscode/settings.json. */
export const costSettingNames: readonly (keyof CostSettings)[] = costSettingKeys;

/** Where each cost setting's value comes from for a document: the user's (or workspace's) setting, or the default. */
export function readCostSources(scope?: vscode.ConfigurationScope): SettingSources {
  return Object.fromEntries(
    costSettingNames.map((key) => [key, isSetByUser(key, scope) ? 'setting' : 'default']),
  ) as SettingSources;
}

function resolveAgainstWorkspace(file: string): string {
  if (path.isAbsolute(file)) return file;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, file) : path.resolve(file);
}

const reported = new Set<string>();

/** Logs every problem and shows each distinct set once, with a way to the log. */
function report(problems: string[]): void {
  if (problems.length === 0) return;
  const key = problems.join('\n');
  if (reported.has(key)) return;
  reported.add(key);
  for (const problem of problems) log().warn(problem);
  const head = problems.length === 1 ? problems[0] : `${problems.length} problems in the settings: ${problems[0]} …`;
  void vscode.window
    .showWarningMessage(`LLM Cost Lens: ${head}`, 'Show Log')
    .then((choice) => (choice === 'Show Log' ? log().show() : undefined));
}
