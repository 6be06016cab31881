import { readFileSync } from 'node:fs';
import { maxFileBytes } from '../../core/analysis/analyze';
import type { CallRecord } from '../../core/analysis/types';
import { languageIdForPath } from '../../core/parsing/languages';
import type { ProjectFiles } from '../../core/project/projectFiles';
import { relativePath } from '../../core/workspace/fileSystem';
import { nodeFileSystem, toFileSystemPath } from '../../core/workspace/nodeFileSystem';
import { scanWorkspace, type FileAnalysis, type FileAnalyzer, type ScanCache } from '../../core/workspace/scan';
import { isSkippedDirectoryName } from '../../core/workspace/walk';
import { gitBlobSha } from '../git/blobSha';
import { syncGitRunner } from '../git/safeGit';
import { baseProjectFiles } from './baseProjectFiles';
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

/**
 * The blob id of a working-tree file (an absolute path), null when it cannot be read: the one the working tree's
 * scan computed when it read the file, else hashed here once (a config file, a `.env`).
 */
function workTreeShas(
  root: string,
  head: Map<string, { sha: string; analysis: FileAnalysis }>,
  format: 'sha1' | 'sha256',
): (file: string) => string | null {
  const hashed = new Map<string, string | null>();
  return (file) => {
    const path = toFileSystemPath(file);
    const scanned = head.get(relativePath(root, path) ?? '')?.sha;
    if (scanned !== undefined) return scanned;
    let sha = hashed.get(path);
    if (sha === undefined) {
      try {
        sha = gitBlobSha(readFileSync(file), format);
      } catch {
        sha = null;
      }
      hashed.set(path, sha);
    }
    return sha;
  };
}

/**
 * A ScanCache for the base: a file whose blob is the working tree's file takes its analysis as it is, when the
 * files its records took values from (a config module's model) are the working tree's too; else it is parsed at
 * the base.
 */
function reuse(
  tree: GitTreeFileSystem,
  root: string,
  head: Map<string, { sha: string; analysis: FileAnalysis }>,
  workTreeSha: (file: string) => string | null,
): ScanCache {
  const sameAtBase = (file: string): boolean => {
    const sha = workTreeSha(file);
    return sha !== null && tree.shaAt(toFileSystemPath(file)) === sha;
  };
  return {
    unchanged: (file) => {
      const known = head.get(file);
      if (!known || tree.shaAt(`${root}/${file}`) !== known.sha) return undefined;
      return (known.analysis.dependsOn ?? []).every(sameAtBase) ? known.analysis : undefined;
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

/** The analysers of the two sides: both follow values into other files, each side into its own revision's. */
export interface SideAnalyzers {
  /** The working tree's: it reads the disk. */
  head: FileAnalyzer;
  /** The base's, over the base revision's files. */
  base: (files: ProjectFiles) => FileAnalyzer;
}

/**
 * Scans the working tree under `dir` and the same folder at `commit`, with the same walk and the same
 * cross-file resolution as `scan`. Base files whose blob equals the working tree's file (and whose records took
 * values only from such files) reuse its records; only the others are read from git (in one batch) and parsed.
 */
export async function scanBothSides(
  repository: Repository,
  dir: string,
  commit: string,
  revision: string,
  analyzers: SideAnalyzers,
): Promise<BothSides> {
  const root = toFileSystemPath(dir);
  const format = commit.length === 64 ? 'sha256' : 'sha1';
  const headFiles = new Map<string, { sha: string; analysis: FileAnalysis }>();
  const head = await scanWorkspace([root], {
    fs: nodeFileSystem,
    root,
    analyzer: analyzers.head,
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
  const git = await syncGitRunner({ cwd: repository.top, maxOutputBytes: maxFileBytes + 1024 });
  const workTreeSha = workTreeShas(root, headFiles, format);
  const baseAnalyzer = analyzers.base(
    baseProjectFiles(tree, { workTreeSha, readBlob: (sha) => git(['cat-file', 'blob', sha]) }),
  );
  let parsedAtBase = 0;
  const counting: FileAnalyzer = {
    analyze: (text, languageId, file) => {
      parsedAtBase++;
      return baseAnalyzer.analyze(text, languageId, file);
    },
  };
  const base = await scanWorkspace([root], {
    fs: tree,
    root,
    analyzer: counting,
    cache: reuse(tree, root, headFiles, workTreeSha),
  });
  return { base: base.calls, head: head.calls, parsedAtBase };
}
