import * as vscode from 'vscode';
import type { CallRecord, LanguageId, SkippedFile } from '../../core/analysis/types';
import type { ParserHost } from '../../core/parsing';
import { hostAnalyzer, scanWorkspace, type FileAnalyzer } from '../../core/workspace';
import { filesExcludeMatcher } from '../../core/workspace/excludes';
import type { WorkspaceIndexService } from '../workspaceIndexService';
import { workspaceFileSystem } from '../workspaceFileSystem';
import type { ReportScanCache } from './reportCache';
import { unsavedTexts, withUnsavedEdits, type UnsavedTexts } from './unsavedEdits';

/** The calls of every workspace folder, as the CLI's `scan <folder>` finds them in each. */
export interface ReportScan {
  /** Paths relative to their folder; prefixed with the folder's name when the workspace has several. */
  records: CallRecord[];
  /** `folders[folderOf[i]]` holds `records[i]`. */
  folderOf: number[];
  folders: vscode.WorkspaceFolder[];
  files: number;
  skipped: SkippedFile[];
  cancelled: boolean;
  /** The unsaved editor texts the scan read instead of the files on disk; the rules read the same. */
  unsaved: UnsavedTexts;
}

export interface ReportScanDeps {
  parserHost: () => ParserHost;
  index: WorkspaceIndexService;
}

/** The prefix a folder's paths carry in the report: none in a one-folder workspace. */
export function folderPrefix(folders: readonly vscode.WorkspaceFolder[], folder: vscode.WorkspaceFolder): string {
  return folders.length > 1 ? `${folder.name}/` : '';
}

/**
 * The shared host analyser for files of one folder: the workspace index names files by absolute path, the scan
 * by paths relative to the folder; records come back relative, as the CLI gives them.
 */
function folderAnalyzer(inner: FileAnalyzer, folderPath: string): FileAnalyzer {
  const absolute = (file: string): string => `${folderPath.replace(/\/$/, '')}/${file}`;
  return {
    async analyze(text: string, languageId: LanguageId, file: string) {
      const calls = await inner.analyze(text, languageId, absolute(file));
      return calls.map((call) => ({ ...call, file }));
    },
    dependenciesOf: (file) => inner.dependenciesOf?.(absolute(file)) ?? [],
  };
}

/**
 * Scans every workspace folder with the core's workspace scan (the CLI's walk: dependencies, build output,
 * virtualenvs and .gitignored files skipped), leaving out `files.exclude` too, following values into other files
 * through the editor's workspace index, and reusing unchanged files' results from the cache. A file with unsaved
 * edits is read as the editor shows it.
 */
export async function scanForReport(
  deps: ReportScanDeps,
  cache: ReportScanCache,
  onProgress: (done: number, total: number, folder: string) => void,
  token: vscode.CancellationToken,
): Promise<ReportScan> {
  const folders = [...(vscode.workspace.workspaceFolders ?? [])];
  const result: ReportScan = {
    records: [],
    folderOf: [],
    folders,
    files: 0,
    skipped: [],
    cancelled: false,
    unsaved: unsavedTexts(),
  };
  const index = await deps.index.ready();
  const host = deps.parserHost();
  for (const [position, folder] of folders.entries()) {
    if (token.isCancellationRequested) {
      result.cancelled = true;
      break;
    }
    const root = folder.uri.path;
    const local = folder.uri.scheme === 'file';
    const analyzer = local && index ? folderAnalyzer(hostAnalyzer(host, index), root) : hostAnalyzer(host);
    const scan = await scanWorkspace([root], {
      fs: withUnsavedEdits(workspaceFileSystem(folder.uri), folder.uri, result.unsaved),
      root,
      analyzer,
      cache: cache.forFolder(folder.uri.toString()),
      exclude: filesExcludeMatcher(root, vscode.workspace.getConfiguration('files', folder.uri).get('exclude')),
      isCancelled: () => token.isCancellationRequested,
      onProgress: (done, total) => onProgress(done, total, folder.name),
    });
    const prefix = folderPrefix(folders, folder);
    for (const call of scan.calls) {
      result.records.push(prefix ? { ...call, file: `${prefix}${call.file}` } : call);
      result.folderOf.push(position);
    }
    result.files += scan.files;
    result.skipped.push(...scan.skipped.map((s) => ({ file: `${prefix}${s.file}`, reason: s.reason })));
    if (scan.cancelled) result.cancelled = true;
  }
  return result;
}
