import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { grammarFor, type GrammarName, type LanguageId } from './languages';

/**
 * The parser host: loads the tree-sitter runtime and grammars on first need (never at activation) from one
 * directory holding `web-tree-sitter.wasm` and `tree-sitter-{python,typescript,tsx,javascript}.wasm`.
 * The extension and the CLI pass their bundle's own directory (`__dirname` of dist/); tests pass `wasmDir`.
 *
 * Units: every index web-tree-sitter reports for a tree parsed from a JS string (`startIndex`, `endIndex`,
 * `Point.column`) is in UTF-16 code units, the same units as JS string offsets and VS Code's `offsetAt`.
 * (Checked: in `x = "é😀"; create(1)` the token `create` has startIndex 11 and column 11, not 14 bytes.)
 *
 * Usage:
 * ```ts
 * const host = new ParserHost(wasmDir);
 * const tree = await host.parse(text, 'python'); // caller owns the tree: tree.delete() when done
 * const parser = await host.parser('typescript'); // shared per grammar: do not delete() it
 * ```
 * After `await host.load(languageId)`, `host.parseSync(text, languageId)` parses without awaiting.
 */
export class ParserHost {
  private init: Promise<void> | undefined;
  private readonly languages = new Map<GrammarName, Promise<Language>>();
  private readonly parsers = new Map<GrammarName, Parser>();

  constructor(private readonly wasmDir: string) {}

  /** Loads the runtime and the grammar of `languageId` (once; later calls return at once). */
  async load(languageId: LanguageId): Promise<Language> {
    const language = await this.loadLanguage(languageId);
    this.parserFor(grammarFor(languageId), language);
    return language;
  }

  private async loadLanguage(languageId: LanguageId): Promise<Language> {
    const grammar = grammarFor(languageId);
    this.init ??= Parser.init({ locateFile: () => path.join(this.wasmDir, 'web-tree-sitter.wasm') });
    await this.init;
    let language = this.languages.get(grammar);
    if (!language) {
      // Read here, not by web-tree-sitter: given a path, it loads Node's `fs` with `import()`, which the CLI's bundle,
      // run from V8's code cache (src/cli/codeCache.ts), cannot do.
      language = readFile(path.join(this.wasmDir, `tree-sitter-${grammar}.wasm`)).then((bytes) => Language.load(bytes));
      this.languages.set(grammar, language);
      language.catch(() => this.languages.delete(grammar));
    }
    return language;
  }

  /** The shared parser for a language, loading it first if needed. Owned by the host: never delete() it. */
  async parser(languageId: LanguageId): Promise<Parser> {
    const language = await this.load(languageId);
    return this.parserFor(grammarFor(languageId), language);
  }

  /** True once `load(languageId)` has finished, so `parseSync` can be used. */
  isLoaded(languageId: LanguageId): boolean {
    return this.parsers.has(grammarFor(languageId));
  }

  /** Parses `text`; with `oldTree` (already edited with `tree.edit`) re-parses incrementally. Caller owns the result. */
  async parse(text: string, languageId: LanguageId, oldTree?: Tree): Promise<Tree> {
    await this.parser(languageId);
    return this.parseSync(text, languageId, oldTree);
  }

  /** As `parse`, once the language is loaded (throws otherwise). */
  parseSync(text: string, languageId: LanguageId, oldTree?: Tree): Tree {
    const parser = this.parsers.get(grammarFor(languageId));
    if (!parser) throw new Error(`grammar for ${languageId} not loaded: await load() first`);
    const tree = parser.parse(text, oldTree ?? null);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${languageId}`);
    return tree;
  }

  /** Frees the parsers (grammars stay in the wasm heap, which never shrinks). */
  dispose(): void {
    for (const parser of this.parsers.values()) parser.delete();
    this.parsers.clear();
  }

  private parserFor(grammar: GrammarName, language: Language): Parser {
    let parser = this.parsers.get(grammar);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(language);
      this.parsers.set(grammar, parser);
    }
    return parser;
  }
}
