import { createHash } from 'node:crypto';

/**
 * What one folder gave the walk: the source files it kept and the subfolders it went into (names), with what
 * that depended on. A folder's entries change only with its modification time; its `.gitignore` (edited in place
 * without touching the folder's time) and those above it are covered by `scopeKey`.
 */
export interface FolderOutcome {
  /** The folder's modification time, taken before it was listed. */
  mtimeMs: number;
  /** When it was listed: a time this close to the listing could hide a change in the same clock tick. */
  listedAt: number;
  /** The `.gitignore` files in force, by path and content (see `childScopeKey`). */
  scopeKey: string;
  /** Whether it was a folder the walk started from (a project root, never a virtualenv). */
  start: boolean;
  /** Whether it holds a `.gitignore`, which a reuse must read again to check `scopeKey`. */
  gitignore: boolean;
  files: string[];
  dirs: string[];
}

/**
 * Folder outcomes kept between walks (the CLI's `scan --cache`): a re-scan of an unchanged tree lists no folder
 * and tests no ignore rule again, it only stats each folder. Folders with links, FIFOs or unreadable parts are
 * never kept (what a link points to changes without its folder changing).
 */
export interface WalkMemo {
  folder(dir: string): FolderOutcome | undefined;
  remember(dir: string, outcome: FolderOutcome): void;
}

/**
 * File and folder times this close to a look at them are not trusted (git's racy rule: coarse clocks, 2 s on FAT,
 * could give a change right after the look the same time).
 */
export const racyWindowMs = 2000;

/** The scope key inside `dir`: the parent's, plus `dir`'s `.gitignore` content when it has one. */
export function childScopeKey(parentKey: string, dir: string, gitignore: Uint8Array | null): string {
  if (gitignore === null) return parentKey;
  return createHash('sha1')
    .update(parentKey)
    .update('\0')
    .update(dir)
    .update('\0')
    .update(gitignore)
    .digest('base64url');
}

/** Whether the folder's time was old enough at the listing to stand for its content (see `racyWindowMs`). */
export function listingSettled(outcome: FolderOutcome): boolean {
  return outcome.mtimeMs < outcome.listedAt - racyWindowMs;
}

/** Whether a kept outcome still holds for a folder whose time is now `mtimeMs`. */
export function outcomeHolds(outcome: FolderOutcome, mtimeMs: number, start: boolean): boolean {
  return outcome.mtimeMs === mtimeMs && outcome.start === start && listingSettled(outcome);
}
