import type { FolderOutcome } from '../../core/workspace/walkMemo';

/**
 * The walk's folder outcomes as the cache file stores them: one column per field (a few hundred folders of a
 * large tree parse fastest as arrays), each folder's file and subfolder names joined by `/`, which no name holds.
 */
export interface FolderColumns {
  paths: string[];
  mtimes: number[];
  listedAt: number[];
  scopeKeys: string[];
  /** Bit 1: a folder the walk started from; bit 2: it holds a `.gitignore`. */
  flags: number[];
  files: string[];
  dirs: string[];
}

const startFlag = 1;
const gitignoreFlag = 2;

const joinNames = (names: readonly string[]): string => names.join('/');
const splitNames = (joined: string): string[] => (joined === '' ? [] : joined.split('/'));

export function folderColumns(folders: ReadonlyMap<string, FolderOutcome>): FolderColumns {
  const columns: FolderColumns = { paths: [], mtimes: [], listedAt: [], scopeKeys: [], flags: [], files: [], dirs: [] };
  for (const [dir, outcome] of folders) {
    columns.paths.push(dir);
    columns.mtimes.push(outcome.mtimeMs);
    columns.listedAt.push(outcome.listedAt);
    columns.scopeKeys.push(outcome.scopeKey);
    columns.flags.push((outcome.start ? startFlag : 0) | (outcome.gitignore ? gitignoreFlag : 0));
    columns.files.push(joinNames(outcome.files));
    columns.dirs.push(joinNames(outcome.dirs));
  }
  return columns;
}

const isArrayOf = <T>(value: unknown, length: number, item: (v: unknown) => v is T): value is T[] =>
  Array.isArray(value) && value.length === length && value.every(item);
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The outcomes of stored columns; nothing (every folder listed again) when they are not what this tool writes. */
export function foldersOf(value: unknown): Map<string, FolderOutcome> {
  const folders = new Map<string, FolderOutcome>();
  if (typeof value !== 'object' || value === null) return folders;
  const c = value as Partial<Record<keyof FolderColumns, unknown>>;
  const count = Array.isArray(c.paths) ? c.paths.length : -1;
  if (
    !isArrayOf(c.paths, count, isString) ||
    !isArrayOf(c.mtimes, count, isNumber) ||
    !isArrayOf(c.listedAt, count, isNumber) ||
    !isArrayOf(c.scopeKeys, count, isString) ||
    !isArrayOf(c.flags, count, isNumber) ||
    !isArrayOf(c.files, count, isString) ||
    !isArrayOf(c.dirs, count, isString)
  ) {
    return folders;
  }
  for (let i = 0; i < count; i++) {
    const flags = c.flags[i] as number;
    folders.set(c.paths[i] as string, {
      mtimeMs: c.mtimes[i] as number,
      listedAt: c.listedAt[i] as number,
      scopeKey: c.scopeKeys[i] as string,
      start: (flags & startFlag) !== 0,
      gitignore: (flags & gitignoreFlag) !== 0,
      files: splitNames(c.files[i] as string),
      dirs: splitNames(c.dirs[i] as string),
    });
  }
  return folders;
}
