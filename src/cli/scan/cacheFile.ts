import { readFileSync, statSync } from 'node:fs';
import type { CallRecord } from '../../core/analysis/types';
import type { FolderOutcome } from '../../core/workspace/walkMemo';
import { folderColumns, foldersOf, type FolderColumns } from './folderColumns';
import type { StoredOutput } from './outputMemo';

/** Bumped when the stored shape changes; with the CLI's version and build it makes old caches start over. */
export const cacheFormat = 7;

/** A cache file larger than this is not read: it is not one this tool wrote for a real tree. */
const maxCacheBytes = 512 * 1024 * 1024;

/** What is kept per file. */
export interface Entry {
  hash: string;
  size?: number;
  mtimeMs?: number;
  /** The records; absent when there are none (most files) or not parsed yet from `callsText`. */
  calls?: CallRecord[];
  /** The records as stored (JSON), parsed only when they are asked for; what a save writes when present. */
  callsText?: Buffer;
  skipped?: string;
  /** The other files its records took values from, with the hash of each then (null: it could not be read). */
  dependsOn?: Record<string, string | null>;
}

/** An entry's records, parsed from the file on first use. */
export function callsOf(entry: Entry): CallRecord[] {
  if (!entry.calls && entry.callsText) {
    const parsed: unknown = JSON.parse(entry.callsText.toString('utf8'));
    // The text stays: a save copies it as it is, rather than serialising the records again.
    entry.calls = Array.isArray(parsed) ? (parsed as CallRecord[]) : [];
  }
  return entry.calls ?? [];
}

/** A byte range of the part of the file after the document line. */
type Span = [offset: number, length: number];

/** What only some files have, by their index in `paths`. */
interface Extra {
  calls?: Span;
  skipped?: string;
  dependsOn?: Record<string, string | null>;
}

/**
 * The first line of a cache file. Per-file fields are columns (20,000 small objects parse several times slower
 * than four arrays); records and the printed result follow the line as raw bytes, read only when used.
 */
interface CacheDocument {
  format: number;
  fingerprint: string;
  /**
   * When the scan that wrote it started (ms since 1970), before it looked at any file: a file whose time is not
   * older than this by the racy window could have changed after it was looked at, within the same clock tick.
   */
  startedAt: number;
  paths: string[];
  hashes: string[];
  sizes: (number | null)[];
  mtimes: (number | null)[];
  extras: Record<string, Extra>;
  /** Exact token counts of the prompts priced, by `encoding:hash of the text`. */
  tokens?: Record<string, number>;
  /** The scan digest of these files (`FileScanCache.scanDigest`). */
  digest?: string;
  /** The last run's printed result. */
  output?: StoredOutput & { at: Span };
  /** What each folder gave the walk. */
  folders?: FolderColumns;
}

/** What a cache file held for this fingerprint. */
export interface Loaded {
  entries: Map<string, Entry>;
  folders: Map<string, FolderOutcome>;
  startedAt: number;
  tokens: Map<string, number>;
  output?: { stored: StoredOutput; text: Buffer };
  digest?: string;
}

export const emptyCache = (): Loaded => ({ entries: new Map(), folders: new Map(), startedAt: 0, tokens: new Map() });

const isSpan = (value: unknown, length: number): value is Span =>
  Array.isArray(value) &&
  value.length === 2 &&
  Number.isInteger(value[0]) &&
  Number.isInteger(value[1]) &&
  value[0] >= 0 &&
  value[1] >= 0 &&
  value[0] + value[1] <= length;

const isHashMap = (value: unknown): value is Record<string, string | null> =>
  typeof value === 'object' && value !== null && Object.values(value).every((h) => h === null || typeof h === 'string');

function isStoredOutput(value: unknown, length: number): value is StoredOutput & { at: Span } {
  if (typeof value !== 'object' || value === null) return false;
  const output = value as Partial<StoredOutput & { at: Span }>;
  return (
    typeof output.key === 'string' &&
    isSpan(output.at, length) &&
    typeof output.verdict?.failed === 'boolean' &&
    Array.isArray(output.verdict.lines) &&
    output.verdict.lines.every((line) => typeof line === 'string') &&
    isHashMap(output.reads)
  );
}

const numberOrNull = (value: unknown): value is number | null => value === null || typeof value === 'number';

/** The entries of the columns; a file whose fields are not what this tool writes is left out (parsed again). */
function entriesOf(document: Partial<CacheDocument>, blob: Buffer): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const { paths, hashes, sizes, mtimes } = document;
  if (!Array.isArray(paths) || !Array.isArray(hashes) || !Array.isArray(sizes) || !Array.isArray(mtimes)) {
    return entries;
  }
  const extras: Record<string, Extra> =
    typeof document.extras === 'object' && document.extras !== null ? document.extras : {};
  for (let i = 0; i < paths.length; i++) {
    const name: unknown = paths[i];
    const hash: unknown = hashes[i];
    const size: unknown = sizes[i];
    const mtimeMs: unknown = mtimes[i];
    if (typeof name !== 'string' || typeof hash !== 'string' || !numberOrNull(size) || !numberOrNull(mtimeMs)) {
      continue;
    }
    const entry: Entry = { hash };
    if (size !== null && mtimeMs !== null) {
      entry.size = size;
      entry.mtimeMs = mtimeMs;
    }
    const extra = extras[i];
    if (extra !== undefined) {
      if (typeof extra !== 'object' || extra === null) continue;
      if (extra.calls !== undefined) {
        if (!isSpan(extra.calls, blob.length)) continue;
        entry.callsText = blob.subarray(extra.calls[0], extra.calls[0] + extra.calls[1]);
      }
      if (extra.skipped !== undefined) {
        if (typeof extra.skipped !== 'string') continue;
        entry.skipped = extra.skipped;
      }
      if (extra.dependsOn !== undefined) {
        if (!isHashMap(extra.dependsOn)) continue;
        entry.dependsOn = extra.dependsOn;
      }
    }
    entries.set(name, entry);
  }
  return entries;
}

/** The cache file's content for this fingerprint; null when it is not one this tool wrote for it. Throws if unreadable. */
export function readCacheFile(file: string, fingerprint: string): Loaded | null {
  if (statSync(file).size > maxCacheBytes) return null;
  const bytes = readFileSync(file);
  const end = bytes.indexOf(0x0a);
  if (end < 0) return null;
  const document = JSON.parse(bytes.toString('utf8', 0, end)) as Partial<CacheDocument>;
  if (document.format !== cacheFormat || document.fingerprint !== fingerprint) return null;
  const blob = bytes.subarray(end + 1);
  const loaded: Loaded = {
    entries: entriesOf(document, blob),
    folders: foldersOf(document.folders),
    startedAt: typeof document.startedAt === 'number' ? document.startedAt : 0,
    tokens: new Map(),
  };
  if (typeof document.tokens === 'object' && document.tokens !== null) {
    for (const [key, count] of Object.entries(document.tokens)) {
      if (Number.isInteger(count) && count >= 0) loaded.tokens.set(key, count);
    }
  }
  if (typeof document.digest === 'string') loaded.digest = document.digest;
  if (isStoredOutput(document.output, blob.length)) {
    const { key, verdict, reads, at } = document.output;
    loaded.output = { stored: { key, verdict, reads }, text: blob.subarray(at[0], at[0] + at[1]) };
  }
  return loaded;
}

export interface CacheContent {
  fingerprint: string;
  /** When the scan that saves it started. */
  startedAt: number;
  entries: Map<string, Entry>;
  folders: ReadonlyMap<string, FolderOutcome>;
  tokens: Map<string, number>;
  digest: string;
  output?: { stored: StoredOutput; text: Buffer };
}

/**
 * The bytes of a cache file: the document on one line (JSON.stringify escapes every line break inside strings),
 * then the records of each file with calls and the printed result, as they are (records read from the last file
 * and never used are copied without parsing).
 */
export function cacheFileBytes(content: CacheContent): Buffer {
  const document: CacheDocument = {
    format: cacheFormat,
    fingerprint: content.fingerprint,
    startedAt: content.startedAt,
    paths: [],
    hashes: [],
    sizes: [],
    mtimes: [],
    extras: {},
    digest: content.digest,
  };
  const parts: Buffer[] = [];
  let offset = 0;
  const append = (bytes: Buffer): Span => {
    parts.push(bytes);
    offset += bytes.length;
    return [offset - bytes.length, bytes.length];
  };
  for (const [name, entry] of content.entries) {
    const index = document.paths.length;
    document.paths.push(name);
    document.hashes.push(entry.hash);
    document.sizes.push(entry.size ?? null);
    document.mtimes.push(entry.mtimeMs ?? null);
    const extra: Extra = {};
    if (entry.callsText) extra.calls = append(entry.callsText);
    else if (entry.calls && entry.calls.length > 0) extra.calls = append(Buffer.from(JSON.stringify(entry.calls)));
    if (entry.skipped !== undefined) extra.skipped = entry.skipped;
    if (entry.dependsOn) extra.dependsOn = entry.dependsOn;
    if (Object.keys(extra).length > 0) document.extras[index] = extra;
  }
  if (content.tokens.size > 0) document.tokens = Object.fromEntries(content.tokens);
  if (content.folders.size > 0) document.folders = folderColumns(content.folders);
  if (content.output) document.output = { ...content.output.stored, at: append(content.output.text) };
  return Buffer.concat([Buffer.from(`${JSON.stringify(document)}\n`), ...parts]);
}
