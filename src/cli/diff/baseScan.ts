import { maxFileBytes } from '../../core/analysis/analyze';
import type { CallRecord } from '../../core/analysis/types';
import { languageIdForPath } from '../../core/parsing/languages';
import { relativePath } from '../../core/workspace/fileSystem';
import { nodeFileSystem, toFileSystemPath } from '../../core/workspace/nodeFileSystem';
import { scanWorkspace, type FileAnalysis, type FileAnalyzer, type ScanCache } from '../../core/workspace/scan';
import { isSkippedDirectoryName } from '../../core/workspace/walk';
import { gitBlobSha } from '../git/blobSha';
import { listTree, type Repository } from './gitRepository';
import { GitTreeFileSystem } from './gitTreeFileSystem';

export interface BothSides {
  base: CallRecord[];
  head: CallRecord[];
  /** Base files whose content differed from the working tree's and were parsed at the base. */
  parsedAtBase: number;
}

/** A ScanCache that only records each file's blob name and analysis (the working tree's side). */
function recorder(format: 'sha1' | 'sha256', files: Map<string, { sha: string; analysis: FileAnalysis }>): ScanCache {
  return {
    hash: (bytes) => gitBlobSha(bytes, format),
    get: () => undefined,
    set: (file, sha, analysis) => void files.set(file, { sha, analysis }),
  };
}

/** A ScanCache for the base: a file whose blob is the working tree's file takes its analysis as it is. */
function reuse(
  tree: GitTreeFileSystem,
  root: string,
  head: Map<string, { sha: string; analysis: FileAnalysis }>,
): ScanCache {
  return {
    unchanged: (file) => {
      const known = head.get(file);
      return known && tree.shaAt(`${root}/${file}`) === known.sha ? known.analysis : undefined;
    },
    hash: () => '',
    get: () => undefined,
    set: () => undefined,
  };
}

/** Whether the walk could read this base file: a source file, not in a skipped folder, not too large. */
function wanted(relative: string, size: number): boolean {
  if (size > maxFileBytes || !languageIdForPath(relative)) return false;
  return !relative.split('/').slice(0, -1).some(isSkippedDirectoryName);
}

/**
 * Scans the working tree under `dir` and the same folder at `commit`, with the same walk and analyser. Base
 * files whose blob equals the working tree's file reuse its records; only the others are read from git (in
 * one batch) and parsed.
 */
export async function scanBothSides(
  repository: Repository,
  dir: string,
  commit: string,
  revision: string,
  analyzer: FileAnalyzer,
): Promise<BothSides> {
  const root = toFileSystemPath(dir);
  const format = commit.length === 64 ? 'sha256' : 'sha1';
  const headFiles = new Map<string, { sha: string; analysis: FileAnalysis }>();
  const head = await scanWorkspace([root], {
    fs: nodeFileSystem,
    root,
    analyzer,
    cache: recorder(format, headFiles),
  });
  const tree = new GitTreeFileSystem(
    toFileSystemPath(repository.top),
    repository.top,
    await listTree(repository.top, commit, revision),
  );
  const fetch: string[] = [];
  for (const { path, entry } of tree.files()) {
    const relative = relativePath(root, path);
    if (!relative) continue;
    const isIgnoreFile = relative === '.gitignore' || relative.endsWith('/.gitignore');
    if (isIgnoreFile || (wanted(relative, entry.size) && headFiles.get(relative)?.sha !== entry.sha))
      fetch.push(entry.sha);
  }
  await tree.prefetch(fetch);
  let parsedAtBase = 0;
  const counting: FileAnalyzer = {
    analyze: (text, languageId, file) => {
      parsedAtBase++;
      return analyzer.analyze(text, languageId, file);
    },
  };
  const base = await scanWorkspace([root], { fs: tree, root, analyzer: counting, cache: reuse(tree, root, headFiles) });
  return { base: base.calls, head: head.calls, parsedAtBase };
}
