import { createHash, hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FileStat } from '../../core/workspace/fileSystem';
import { gitBlobSha } from '../git/blobSha';
import type { WorkTreeIndex } from '../git/workTreeIndex';
import type { FileAnalysis, ScanCache } from '../../core/workspace/scan';
import { listingSettled, racyWindowMs, type FolderOutcome, type WalkMemo } from '../../core/workspace/walkMemo';
import type { BpeEncoding, TokenCountStore } from '../../core/tokens';
import { callsOf, emptyCache, readCacheFile, writeCacheFile, type Entry, type Loaded } from './cacheFile';
import { readsUnchanged, type StoredOutput } from './outputMemo';

/** The default `--cache-location`, in the working directory (like `.eslintcache`). */
export const defaultCacheFile = '.llm-cost-lens-cache';

/**
 * A stored analysis; its records are parsed from the cache file only when the scan's calls are asked for. (A
 * class: its getter is shared, where an object literal's getter costs every one of 20,000 objects its own.)
 */
class StoredAnalysis implements FileAnalysis {
  readonly skipped?: string;
  readonly dependsOn?: readonly string[];

  constructor(private readonly entry: Entry) {
    if (entry.skipped !== undefined) this.skipped = entry.skipped;
    if (entry.dependsOn) this.dependsOn = Object.keys(entry.dependsOn);
  }

  get calls(): FileAnalysis['calls'] {
    return callsOf(this.entry);
  }
}

const analysisOf = (entry: Entry): FileAnalysis => new StoredAnalysis(entry);

const sameNames = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((name, i) => name === b[i]);

/** Whether a folder listed again gave what was recorded: same time, same entries kept, under the same rules. */
function sameListing(a: FolderOutcome, b: FolderOutcome): boolean {
  return (
    a.mtimeMs === b.mtimeMs &&
    a.scopeKey === b.scopeKey &&
    a.start === b.start &&
    a.gitignore === b.gitignore &&
    sameNames(a.files, b.files) &&
    sameNames(a.dirs, b.dirs)
  );
}

function entryOf(
  hash: string,
  analysis: FileAnalysis,
  stat: FileStat | null,
  contentHash: (file: string) => string | null,
): Entry {
  const entry: Entry = { hash };
  if (stat) {
    entry.size = stat.size;
    entry.mtimeMs = stat.mtimeMs;
  }
  if (analysis.calls.length > 0) entry.calls = analysis.calls;
  if (analysis.skipped !== undefined) entry.skipped = analysis.skipped;
  if (analysis.dependsOn && analysis.dependsOn.length > 0) {
    entry.dependsOn = Object.fromEntries(analysis.dependsOn.map((file) => [file, contentHash(file)]));
  }
  return entry;
}

/** A prompt's key: the encoding and a hash of its text (prompts can be long; the key stays short). */
function tokenKey(encoding: BpeEncoding, text: string): string {
  return `${encoding}:${hash('sha1', text, 'base64url')}`;
}

let buildId: string | undefined;

/**
 * What the analysis code is: a hash of the running CLI bundle (dist/cliMain.js), so a rebuilt or upgraded CLI never
 * reads records an older analyser wrote.
 */
function currentBuild(): string {
  buildId ??= createHash('sha1').update(readFileSync(__filename)).digest('base64url');
  return buildId;
}

/**
 * `scan --cache`: each file's calls stored under its path and the hash of its bytes, so an unchanged file is
 * never parsed again; a file whose size and modification time are the recorded ones is not even read (a fresh
 * checkout, as in CI, has new times: there the content hash decides). The file is trusted input — keep it outside what a pull request can change (in CI, in
 * the runner's temporary folder). A missing, unreadable or foreign cache file means starting over, never an
 * error.
 */
export class FileScanCache implements ScanCache, WalkMemo {
  private readonly previous: Map<string, Entry>;
  private readonly next = new Map<string, Entry>();
  private readonly nextFolders = new Map<string, FolderOutcome>();
  private changed = false;
  /** When the scan that wrote the loaded cache started: recorded times are trusted up to the racy window before. */
  private readonly lastStartedAt: number;
  /** When this scan started (the cache is opened before any file is looked at). */
  private readonly startedAt = Date.now();
  private readonly previousTokens: Map<string, number>;
  private readonly nextTokens = new Map<string, number>();
  /** Hashes of the files other files' records depend on, read once per scan. */
  private readonly dependencyHashes = new Map<string, string | null>();
  /** Whether any file was analysed in this scan (a new or changed file): its records are new. */
  private analysed = false;
  /** The scan digest, once asked for. */
  private digest: string | undefined;
  /** Git's index once read; null when there is none (or it could not be used). */
  private openedIndex: WorkTreeIndex | null | undefined;
  /** The result to save (the stored one when it was reused). */
  private output: { stored: StoredOutput; text: Buffer } | undefined;

  private constructor(
    readonly file: string,
    private readonly fingerprint: string,
    private readonly loaded: Loaded,
    private readonly openIndex: (() => WorkTreeIndex | undefined) | undefined,
  ) {
    this.previous = loaded.entries;
    this.lastStartedAt = loaded.startedAt;
    this.previousTokens = loaded.tokens;
  }

  /**
   * Token counts of the prompts this scan prices: a re-scan of unchanged prompts loads no tokenizer table. Only
   * the counts used in this scan are saved.
   */
  readonly tokenCounts: TokenCountStore = {
    get: (encoding: BpeEncoding, text: string): number | undefined => {
      const key = tokenKey(encoding, text);
      const tokens = this.nextTokens.get(key) ?? this.previousTokens.get(key);
      if (tokens !== undefined) this.nextTokens.set(key, tokens);
      return tokens;
    },
    set: (encoding: BpeEncoding, text: string, tokens: number): void => {
      const key = tokenKey(encoding, text);
      if (this.previousTokens.get(key) !== tokens) this.changed = true;
      this.nextTokens.set(key, tokens);
    },
  };

  /**
   * Opens the cache for a scan whose record paths are relative to `root`. With git's index of the work tree
   * (`openIndex` reads it, only once a file's time is not the recorded one), a file the index proves unchanged is
   * known by its blob id without being read (content hashes are blob ids).
   */
  static open(file: string, root: string, version: string, openIndex?: () => WorkTreeIndex | undefined): FileScanCache {
    const fingerprint = `${version} ${currentBuild()} ${root}`;
    let loaded: Loaded | null = null;
    try {
      loaded = readCacheFile(file, fingerprint);
    } catch {
      // No cache yet, or not one we wrote: start over.
    }
    return new FileScanCache(file, fingerprint, loaded ?? emptyCache(), openIndex);
  }

  /**
   * A key for what this scan found: every scanned file's content hash and the hashes of the files its records
   * depend on, by path. Equal keys mean equal records (the entries are the records of those contents).
   */
  scanDigest(): string {
    // Every file of the last scan, and only those, reused as it was: the same digest, without hashing again.
    if (!this.analysed && this.next.size === this.previous.size && this.loaded.digest) return this.loaded.digest;
    if (this.digest !== undefined) return this.digest;
    // By path: files come in walk order (sorted), except those analysed, in the order they were done.
    const names = [...this.next.keys()];
    if (names.some((name, i) => i > 0 && (names[i - 1] as string) > name)) names.sort();
    // NUL ends each field: no path holds one, and neither do hashes or JSON.
    const lines = names.map((name) => {
      const entry = this.next.get(name) as Entry;
      return `${name}\0${entry.hash}\0${entry.dependsOn ? JSON.stringify(entry.dependsOn) : ''}\0`;
    });
    this.digest = hash('sha1', lines.join(''), 'base64url');
    return this.digest;
  }

  /**
   * The last run's printed result when it was computed under `key` and the outside files it read are unchanged;
   * it is kept for the next run.
   */
  storedOutput(key: string): { text: Buffer; verdict: StoredOutput['verdict'] } | undefined {
    const output = this.loaded.output;
    if (!output || output.stored.key !== key || !readsUnchanged(output.stored.reads)) return undefined;
    this.output = output;
    // Nothing is priced: the counts of the stored result's prompts stay for a later run that prices again.
    for (const [count, tokens] of this.previousTokens) this.nextTokens.set(count, tokens);
    return { text: output.text, verdict: output.stored.verdict };
  }

  /** Whether a file (relative to the root) is one of this scan's, so that its content is part of the digest. */
  covers(file: string): boolean {
    return this.next.has(file);
  }

  /** Keeps this run's printed result for the next run with the same key. */
  keepOutput(stored: StoredOutput, text: Buffer): void {
    this.output = { stored, text };
    this.changed = true;
  }

  unchanged(file: string, stat: FileStat): FileAnalysis | undefined {
    const entry = this.previous.get(file);
    if (!entry) return undefined;
    const sameStat = entry.size === stat.size && entry.mtimeMs === stat.mtimeMs;
    // A time this close to the start of the scan that recorded it could hide a change made after the file was
    // looked at: its content is hashed, or vouched for by git's index.
    if (sameStat && stat.mtimeMs < this.lastStartedAt - racyWindowMs) {
      if (!this.dependenciesUnchanged(entry)) return undefined;
      this.next.set(file, entry);
      return analysisOf(entry);
    }
    // New times (a checkout), or times too close to the last scan: git's index may know the content.
    if (this.index()?.blobId(file, stat) !== entry.hash || !this.dependenciesUnchanged(entry)) return undefined;
    if (sameStat) {
      // Nothing new to record: the index vouches again next time, which costs less than writing the whole cache.
      this.next.set(file, entry);
    } else {
      this.next.set(file, { ...entry, size: stat.size, mtimeMs: stat.mtimeMs });
      this.changed = true;
    }
    return analysisOf(entry);
  }

  private index(): WorkTreeIndex | undefined {
    if (this.openedIndex === undefined) this.openedIndex = this.openIndex?.() ?? null;
    return this.openedIndex ?? undefined;
  }

  /** The content's git blob id (SHA-1 of a `blob <size>` header and the bytes), so git's index can vouch for it. */
  hash(bytes: Uint8Array): string {
    return gitBlobSha(bytes, 'sha1');
  }

  get(file: string, hash: string, stat: FileStat | null): FileAnalysis | undefined {
    const entry = this.previous.get(file);
    if (!entry || entry.hash !== hash || !this.dependenciesUnchanged(entry)) return undefined;
    const analysis = analysisOf(entry);
    // Same content, new time (a checkout, a touch): remember the time, so the next scan need not read it.
    if (stat && (entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs)) {
      this.next.set(file, { ...entry, size: stat.size, mtimeMs: stat.mtimeMs });
      this.changed = true;
    } else {
      this.next.set(file, entry);
      // Hashed because its time was too close to the last scan: a new save makes the time trustworthy.
      if (stat && stat.mtimeMs >= this.lastStartedAt - racyWindowMs) this.changed = true;
    }
    return analysis;
  }

  /** What a folder gave the last walk (see WalkMemo). */
  folder(dir: string): FolderOutcome | undefined {
    return this.loaded.folders.get(dir);
  }

  remember(dir: string, outcome: FolderOutcome): void {
    const before = this.loaded.folders.get(dir);
    const same = before !== undefined && (before === outcome || sameListing(before, outcome));
    // Listed again only because its time was too close to the last listing, with the same result. While it still
    // is, there is nothing new to record. Once it no longer is, the new listing is kept and saved once: kept
    // under the old one, the folder would be listed again by every later walk.
    const settlesNow = same && before !== outcome && !listingSettled(before) && listingSettled(outcome);
    this.nextFolders.set(dir, same && !settlesNow ? before : outcome);
    if (!same || settlesNow) this.changed = true;
  }

  set(file: string, hash: string, analysis: FileAnalysis, stat: FileStat | null): void {
    this.next.set(
      file,
      entryOf(hash, analysis, stat, (f) => this.contentHash(f)),
    );
    this.changed = true;
    this.analysed = true;
  }

  /**
   * Whether every file the entry's records took values from still hashes the same. (A file that did not exist
   * then and would now change how an import resolves is not noticed: a known limit, until the file changes.)
   */
  private dependenciesUnchanged(entry: Entry): boolean {
    if (!entry.dependsOn) return true;
    return Object.entries(entry.dependsOn).every(([file, hash]) => this.contentHash(file) === hash);
  }

  private contentHash(file: string): string | null {
    let known = this.dependencyHashes.get(file);
    if (known === undefined) {
      try {
        known = this.hash(readFileSync(file));
      } catch {
        known = null;
      }
      this.dependencyHashes.set(file, known);
    }
    return known;
  }

  /**
   * Writes the files of this scan (others are dropped), only when anything changed; never leaves half a cache
   * (see `writeCacheFile`).
   */
  save(): void {
    if (
      !this.changed &&
      this.next.size === this.previous.size &&
      this.nextTokens.size === this.previousTokens.size &&
      this.nextFolders.size === this.loaded.folders.size &&
      this.output === this.loaded.output
    ) {
      return;
    }
    const content = {
      fingerprint: this.fingerprint,
      startedAt: this.startedAt,
      entries: this.next,
      folders: this.nextFolders,
      tokens: this.nextTokens,
      digest: this.scanDigest(),
      output: this.output,
    };
    writeCacheFile(this.file, content, this.loaded.blob);
  }
}
