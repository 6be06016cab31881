import type { Node, Tree } from 'web-tree-sitter';
import type { ParserHost } from '../parsing/host';
import { catalog } from '../sdk';
import { findCandidates } from './candidates';
import { buildRecord } from './record';
import { Resolver, type Workspace } from './resolver';
import type { Dependencies } from './dependencies';
import { enclosingFunction } from './syntax';
import type { CallRecord, LanguageId, SkippedFile, TextRange } from './types';

export interface AnalysisResult {
  calls: CallRecord[];
  /** Set when the file was not analysed, with the reason. */
  skipped?: SkippedFile;
}

/** Files larger than this are skipped: generated or vendored code, not hand-written calls. */
export const maxFileBytes = 1024 * 1024;
/** A line longer than this means minified code. */
export const maxLineLength = 10_000;

let mentionPattern: RegExp | undefined;

/** Calls that read like an LLM request whatever the receiver (`llm.invoke(`, `.chat.completions.create(`). */
const llmLookingCall =
  /\.(a?invoke|astream|ainvoke|generate_content|generateContent|converse|invoke_model\w*|(chat\.)?completions\.(create|parse|stream)|chat\.(complete|stream)(_async)?|messages\.(create|stream)|embeddings\.create|responses\.(create|parse|stream))\s*\(|\b(generateText|streamText|generateObject|streamObject|embedMany)\s*\(/;
/** An import of the workspace's own code (`from .llm import`, `from app.x import`, `from './x'`, `from '@/x'`). */
const localImport =
  /^\s*from\s+\.|^\s*from\s+[\w.]+\s+import|\bfrom\s+['"](\.{1,2}\/|[@~#]\/)|\brequire\(\s*['"]\.{1,2}\//m;

function sdkMentions(): RegExp {
  mentionPattern ??= new RegExp(
    [
      ...new Set(
        catalog.flatMap((e) => [...e.mentions, ...e.pythonModules, ...e.jsModules]).filter((m) => m.length > 2),
      ),
    ]
      .map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return mentionPattern;
}

/**
 * Whether `index` is in a comment that fills its line: `// …`, or `# …` (a space or another `#` after it, so
 * not a JavaScript private name such as `#client`). A Python type comment (`# type: (OpenAI) -> str`) is not
 * one. Block comments are not taken: a JSDoc type (` * @param {import('openai').OpenAI} client`) may be the only
 * place a file names its client's SDK.
 */
function inLineComment(text: string, index: number): boolean {
  let i = text.lastIndexOf('\n', index - 1) + 1;
  while (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09) i++;
  if (text.startsWith('//', i)) return true;
  if (text.charCodeAt(i) !== 0x23) return false;
  const next = text.charCodeAt(i + 1);
  if (next !== 0x20 && next !== 0x09 && next !== 0x23) return false;
  const end = text.indexOf('\n', index);
  return !/#\s*type:/.test(text.slice(i, end < 0 ? text.length : end));
}

/**
 * A cheap text pre-check: false when the file cannot contain a call of any known SDK (no parse needed). A file
 * that names no SDK counts when it makes an LLM-looking call and imports the workspace's own code: its client
 * or model may be built in another module (`from .llm import get_llm`). A name only in line comments (`// grouped
 * together here`: Together is a provider) counts only beside an LLM-looking call: a comment builds no client.
 */
export function mentionsLlmSdk(text: string): boolean {
  const mentions = sdkMentions();
  mentions.lastIndex = 0;
  let commented = false;
  for (let match = mentions.exec(text); match; match = mentions.exec(text)) {
    if (!inLineComment(text, match.index)) return true;
    commented = true;
    // The rest of a comment line cannot hold a mention in code.
    const end = text.indexOf('\n', match.index);
    if (end < 0) break;
    mentions.lastIndex = end;
  }
  return llmLookingCall.test(text) && (commented || localImport.test(text));
}

/** Why a file is not analysed (too large, minified), or null. */
export function skipReason(text: string): string | null {
  if (
    text.length > maxFileBytes ||
    (text.length > maxFileBytes / 4 && Buffer.byteLength(text, 'utf8') > maxFileBytes)
  ) {
    return `larger than ${maxFileBytes / (1024 * 1024)} MB`;
  }
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > maxLineLength && !isDataLine(text, start, end))
      return `minified (a line longer than ${maxLineLength} characters)`;
    start = end + 1;
  }
  return null;
}

/** Code around the strings of a long line, at most: a line that is a long string with a little code is data. */
const maxCodeAroundData = 1_000;
const backslash = 0x5c;
const quotes = new Set([0x22, 0x27, 0x60]);

/**
 * A long line that is one string with little code around it (a base64 image in a vision test, an inline SVG,
 * a translated paragraph) is data in hand-written code, not minified code, whose long lines are mostly code.
 * Each quoted string counts as two characters of code; a string left open runs to the end of the line and counts
 * as code. One pass, stopping at the limit: a line of quotes that never close (`"\"\"\"…`) costs no more than
 * any other (a regular expression retried from each quote took 16 s on 200 KB of them).
 */
function isDataLine(text: string, start: number, end: number): boolean {
  let code = 0;
  let quote = 0;
  let opened = 0;
  for (let i = start; i < end && code <= maxCodeAroundData; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === backslash) i++;
      else if (c === quote) quote = 0;
    } else if (quotes.has(c)) {
      quote = c;
      opened = i;
      code += 2;
    } else {
      code++;
    }
  }
  if (quote !== 0) code += end - opened;
  return code <= maxCodeAroundData;
}

const testPath =
  /(^|[\\/])(tests?|__tests__|__mocks__|spec)[\\/]|(^|[\\/])test_[^\\/]*\.py$|_test\.py$|\.(test|spec)\.[cm]?[jt]sx?$|(^|[\\/])conftest\.py$/i;
const mockingText =
  /\b(MagicMock|AsyncMock|Mock\(|create_autospec|patch\(|patch\.object|@patch|monkeypatch|mocker\.|jest\.(mock|fn|spyOn)|vi\.(mock|fn|spyOn)|sinon\.|respx|nock\()/;

/** A record and what it was computed from (for reuse after edits). */
export interface AnalyzedCall<R extends CallRecord | null = CallRecord> {
  /** Null for a call that ends with a billable name but is not one (kept to notice when an edit makes it one). */
  record: R;
  range: TextRange;
  dependencies: Dependencies;
  /** The enclosing function's offsets; null at module level. */
  scope: TextRange | null;
  /** Where the record's model name is written in this file, if it is (see `modelSource`). */
  modelOffset?: number | null;
}

/** Whether the file is a test that mocks: then only clients it builds itself count. */
export function isMockingTest(text: string, file: string): boolean {
  return testPath.test(file) && mockingText.test(text);
}

export interface AnalyzeOptions {
  /** Only look in these offset ranges (re-analysis after an edit); the whole text otherwise. */
  within?: readonly TextRange[];
  /** Receives the calls that end with a billable name but are not calls (for re-analysis after edits). */
  rejected?: AnalyzedCall<null>[];
  /** The files around this one (other modules, `.env` and config files): cross-file resolution. */
  workspace?: Workspace | null;
  /** The file's absolute path in the workspace, where its imports and `.env` files are looked up from. */
  path?: string;
  /** A resolver the workspace already holds for this tree (the CLI analyses the workspace's own modules). */
  resolver?: Resolver;
}

/** Calls in an already parsed tree, with their dependencies. */
export function analyzeCalls(
  tree: Tree,
  text: string,
  languageId: LanguageId,
  file: string,
  options: AnalyzeOptions = {},
): AnalyzedCall[] {
  const { within, rejected } = options;
  // Dependencies matter only to the editor's re-analysis, which asks for rejected calls too.
  const resolver =
    options.resolver ??
    new Resolver(text, tree.rootNode, languageId === 'python', {
      trackDependencies: rejected !== undefined,
      file,
      path: options.path,
      workspace: options.workspace ?? null,
    });
  const mocking = isMockingTest(text, file);
  const onRejected = rejected
    ? (call: Node, dependencies: Dependencies) =>
        rejected.push({
          record: null,
          range: { start: call.startIndex, end: call.endIndex },
          dependencies,
          scope: null,
        })
    : undefined;
  const candidates = findCandidates(text, tree.rootNode, resolver, { mocking, within, onRejected });
  const calls: AnalyzedCall[] = [];
  for (const candidate of candidates) {
    if (mocking && candidate.object === null) continue;
    const frame = resolver.tracker.begin();
    const { record, modelOffset } = buildRecord(candidate, resolver, file);
    resolver.tracker.end(frame);
    if (candidate.dependencies) frame.addAll(candidate.dependencies);
    const scope = rejected ? enclosingFunction(candidate.call) : null;
    calls.push({
      record,
      range: record.range,
      dependencies: frame,
      scope: scope ? { start: scope.startIndex, end: scope.endIndex } : null,
      modelOffset,
    });
  }
  return calls;
}

/** Calls in an already parsed tree (the editor keeps one tree per document). Never throws on odd input. */
export function analyzeTree(
  tree: Tree,
  text: string,
  languageId: LanguageId,
  file: string,
  around?: { workspace: Workspace; path: string },
): CallRecord[] {
  return analyzeCalls(tree, text, languageId, file, { ...around }).map((c) => c.record);
}

/**
 * The analysis entry: skip rules, the SDK pre-check, a parse, the calls. The tree is freed before returning.
 * `file` is copied into each record as given.
 */
export async function analyze(
  text: string,
  languageId: LanguageId,
  file: string,
  host: ParserHost,
): Promise<AnalysisResult> {
  const reason = skipReason(text);
  if (reason) return { calls: [], skipped: { file, reason } };
  if (!mentionsLlmSdk(text)) return { calls: [] };
  const tree = await host.parse(text, languageId);
  try {
    return { calls: analyzeTree(tree, text, languageId, file) };
  } finally {
    tree.delete();
  }
}
