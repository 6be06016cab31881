import { posix as path } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { skipReason } from '../analysis/analyze';
import { Resolver, type ImportTarget, type Workspace } from '../analysis/resolver';
import type { SkippedFile } from '../analysis/types';
import type { ParserHost } from '../parsing/host';
import { languageIdForPath, languageIds, type LanguageId } from '../parsing/languages';
import { configKind, configModule } from './configFiles';
import { exportedDefinition } from './exports';
import type { ProjectFiles } from './projectFiles';
import { jsModuleFile } from './jsModules';
import { pythonModuleFile, pythonSubmodule } from './pythonModules';
import { pathAliasesFor, type PathAliases } from './tsconfig';

export interface WorkspaceIndexOptions {
  files: ProjectFiles;
  /** Parses the modules; `prepare()` loads its grammars so that parsing can be synchronous. */
  host: ParserHost;
  /** Absolute folders of the workspace: imports and `.env` lookups never leave them. */
  roots: readonly string[];
  /**
   * What record paths are relative to (the scan root in the CLI); records of files outside it say `../x`.
   * Without it records give absolute paths.
   */
  root?: string;
  /** Or any other naming of files in records (the editor: relative to the file's workspace folder). */
  display?: (file: string) => string;
  /** Parsed modules kept between analyses (`trim()` frees the least recently used beyond it). */
  maxModules?: number;
  /** Characters of module text kept between analyses. */
  maxChars?: number;
}

interface Module {
  path: string;
  resolver: Resolver;
  tree: Tree;
  chars: number;
  used: number;
}

/** A top-level key of a config file read as a module (`const { model } = require('./config.json')`). */
function configEntry(module: Resolver, name: string): ImportTarget | null {
  const root = exportedDefinition(module, 'default', () => null);
  const object = root && 'definition' in root && root.definition.kind === 'value' ? root.definition.value : null;
  const value = object ? module.entries(object)?.get(name) : undefined;
  const key = value?.parent?.childForFieldName('key');
  return value && key ? { definition: { kind: 'value', name: key, value } } : null;
}

/** Import chains longer than this stop with a reason (a re-export chain 50 files deep, a cycle in disguise). */
export const maxImportChain = 16;

const envFiles = ['.env.local', '.env'];
const exampleEnvFiles = ['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults', 'example.env'];

/**
 * The workspace around the analysed files, for the core's resolver: other modules (parsed on demand, kept
 * within a budget), their exports, `.env` files and config files. It answers synchronously from a small
 * file-system interface, so the CLI (disk), the editor (open documents over the disk) and later reports share it.
 * It records who read which file: `invalidate(file)` drops that file and every module that read it, and names
 * the readers, so the editor re-analyses exactly the documents whose values a change can affect.
 */
export class WorkspaceIndex implements Workspace {
  private readonly modules = new Map<string, Module>();
  private readonly byTree = new Map<Tree, Module>();
  /** File → the files (modules or open documents) that read values from it. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly aliases = new Map<string, PathAliases | null>();
  /**
   * Module files found, by language, importing folder and specifier: the files of a folder import the same modules,
   * and each search probes the disk for many names. Forgotten with the aliases when any file changes.
   */
  private readonly moduleFiles = new Map<string, string | null>();
  /** Why files were not read or chains not followed; the CLI lists them with its skipped files. */
  readonly skipped = new Map<string, string>();
  private clock = 0;
  private chain = 0;
  private readonly roots: string[];

  constructor(private readonly options: WorkspaceIndexOptions) {
    this.roots = options.roots.map((r) => path.resolve(r));
  }

  /** Loads the grammars so that modules parse synchronously during resolution. */
  async prepare(): Promise<void> {
    await Promise.all(languageIds.map((id) => this.options.host.load(id)));
  }

  /** The record path of a file. */
  display(file: string): string {
    if (this.options.display) return this.options.display(file);
    const root = this.options.root;
    return root ? path.relative(root, file) || path.basename(file) : file;
  }

  /** The absolute path of a record path. */
  absolute(file: string): string {
    return path.resolve(this.options.root ?? '/', file);
  }

  /** A resolver for an analysed document that is not (or not yet) a module here: it reads the workspace. */
  resolverFor(tree: Tree, text: string, languageId: LanguageId, file: string, trackDependencies: boolean): Resolver {
    return new Resolver(text, tree.rootNode, languageId === 'python', {
      trackDependencies,
      file: this.display(file),
      path: file,
      workspace: this,
    });
  }

  /** The parsed module of a source or config file, or null when it cannot be read (the reason is kept). */
  module(file: string): Module | null {
    const known = this.modules.get(file);
    if (known) {
      known.used = ++this.clock;
      return known;
    }
    if (this.skipped.has(file)) return null;
    const read = this.options.files.read(file);
    if (!read) return null;
    if ('skipped' in read) return this.skip(file, read.skipped);
    const kind = configKind(file);
    const languageId = kind ? 'javascript' : languageIdForPath(file);
    if (!languageId) return null;
    // Before `prepare()` finishes nothing is parsed (and nothing remembered: a later analysis tries again).
    if (!this.options.host.isLoaded(languageId)) return null;
    let text = read.text;
    let lineOf: ((node: Node) => number) | undefined;
    if (kind) {
      const converted = configModule(kind, text);
      if ('skipped' in converted) return this.skip(file, converted.skipped);
      text = converted.text;
      const lines = converted.lines;
      lineOf = (node) => lines[node.startPosition.row] ?? node.startPosition.row + 1;
    } else {
      const reason = skipReason(text);
      if (reason) return this.skip(file, reason);
    }
    const tree = this.options.host.parseSync(text, languageId);
    const resolver = new Resolver(text, tree.rootNode, languageId === 'python', {
      trackDependencies: false,
      file: this.display(file),
      path: file,
      workspace: this,
      origin: kind ? 'config' : 'cross-file',
      lineOf,
    });
    const module: Module = { path: file, resolver, tree, chars: text.length, used: ++this.clock };
    this.modules.set(file, module);
    this.byTree.set(tree, module);
    return module;
  }

  resolverOf(tree: Tree): Resolver | null {
    return this.byTree.get(tree)?.resolver ?? null;
  }

  imported(from: Resolver, specifier: string, member: string | null): ImportTarget | null {
    if (!from.path || this.chain >= maxImportChain) {
      if (from.path)
        this.skipped.set(from.path, `import chain longer than ${maxImportChain} modules: not followed further`);
      return null;
    }
    const file = this.moduleFile(from, specifier);
    if (!file) return null;
    const module = this.module(file);
    if (!module) return null;
    this.read(file, from.path);
    if (member === null) return { module: module.resolver };
    this.chain++;
    try {
      return this.exported(module.resolver, member);
    } finally {
      this.chain--;
    }
  }

  exported(module: Resolver, name: string): ImportTarget | null {
    if (module.origin === 'config' && name !== 'default') return configEntry(module, name);
    const found = exportedDefinition(module, name, (m, specifier, member) => this.imported(m, specifier, member));
    if (found || !module.python) return found;
    // `from pkg import config`: a submodule of the package.
    const submodule = pythonSubmodule(this.options.files, module.path, name);
    const loaded = submodule ? this.module(submodule) : null;
    if (!loaded) return null;
    this.read(loaded.path, module.path);
    return { module: loaded.resolver };
  }

  environment(from: Resolver, name: string): { set: Node | null; example: Node | null } {
    let set: Node | null = null;
    let example: Node | null = null;
    for (const dir of this.foldersUp(from.path)) {
      set ??= this.firstValue(dir, envFiles, name, from.path);
      example ??= this.firstValue(dir, exampleEnvFiles, name, from.path);
      if (set) break;
    }
    return { set, example };
  }

  configFile(from: Resolver, file: string): Node | null {
    if (!configKind(file)) return null;
    const candidates = path.isAbsolute(file) ? [file] : this.foldersUp(from.path).map((dir) => path.join(dir, file));
    for (const candidate of candidates) {
      if (!this.inWorkspace(candidate) || !this.options.files.isFile(candidate)) continue;
      const module = this.module(candidate);
      if (!module) return null;
      this.read(candidate, from.path);
      const target = exportedDefinition(module.resolver, 'default', () => null);
      return target && 'definition' in target && target.definition.kind === 'value' ? target.definition.value : null;
    }
    return null;
  }

  gaveUp(from: Resolver, reason: string): void {
    if (from.path) this.skipped.set(from.path, reason);
  }

  /**
   * Forgets a file that changed or went away, and every module that read values from it (their answers may
   * change). Returns every reader, modules and documents alike, so that the editor re-analyses the open ones.
   */
  invalidate(file: string): Set<string> {
    const affected = this.invalidationSet(file);
    for (const path of affected) {
      this.drop(path);
      this.skipped.delete(path);
    }
    this.aliases.clear();
    this.moduleFiles.clear();
    return affected;
  }

  /**
   * The files whose values `reader` used, directly or through other modules: what a cached analysis of
   * `reader` depends on besides its own text (`scan --cache` checks their content too).
   */
  dependenciesOf(reader: string): string[] {
    const found = new Set<string>();
    const queue = [reader];
    while (queue.length > 0) {
      const current = queue.pop() as string;
      for (const [file, readers] of this.readers) {
        if (file !== reader && !found.has(file) && readers.has(current)) {
          found.add(file);
          queue.push(file);
        }
      }
    }
    return [...found].sort();
  }

  /** Whether `reader`'s values came (directly or not) from `file`. */
  readsFrom(reader: string, file: string): boolean {
    return this.invalidationSet(file).has(reader);
  }

  /** Frees the least recently used modules beyond the budget. Call between analyses, never during one. */
  trim(): void {
    const maxModules = this.options.maxModules ?? 256;
    const maxChars = this.options.maxChars ?? 8_000_000;
    let chars = 0;
    for (const module of this.modules.values()) chars += module.chars;
    if (this.modules.size <= maxModules && chars <= maxChars) return;
    const byAge = [...this.modules.values()].sort((a, b) => a.used - b.used);
    for (const module of byAge) {
      if (this.modules.size <= maxModules / 2 && chars <= maxChars / 2) break;
      // Readers may hold nodes of the module in their memos: they go too.
      for (const dropped of this.invalidationSet(module.path)) {
        const gone = this.modules.get(dropped);
        if (gone) chars -= gone.chars;
        this.drop(dropped);
      }
    }
  }

  /** The files not read or chains not followed, with record paths. */
  skippedFiles(): SkippedFile[] {
    return [...this.skipped].map(([file, reason]) => ({ file: this.display(file), reason }));
  }

  /** How many modules are parsed now (for tests and benchmarks of the budget). */
  get size(): number {
    return this.modules.size;
  }

  dispose(): void {
    for (const path of [...this.modules.keys()]) this.drop(path);
    this.readers.clear();
  }

  private invalidationSet(file: string): Set<string> {
    const affected = new Set<string>([file]);
    const queue = [file];
    while (queue.length > 0) {
      for (const reader of this.readers.get(queue.pop() as string) ?? []) {
        if (!affected.has(reader)) {
          affected.add(reader);
          queue.push(reader);
        }
      }
    }
    return affected;
  }

  private drop(file: string): void {
    const module = this.modules.get(file);
    if (!module) return;
    this.modules.delete(file);
    this.byTree.delete(module.tree);
    module.tree.delete();
  }

  private skip(file: string, reason: string): null {
    this.skipped.set(file, reason);
    return null;
  }

  private read(file: string, reader: string): void {
    if (!reader || reader === file) return;
    let set = this.readers.get(file);
    if (!set) this.readers.set(file, (set = new Set()));
    set.add(reader);
  }

  private moduleFile(from: Resolver, specifier: string): string | null {
    const key = `${from.python ? 'py' : 'js'}\0${path.dirname(from.path)}\0${specifier}`;
    let file = this.moduleFiles.get(key);
    if (file === undefined) {
      file = this.findModuleFile(from, specifier);
      this.moduleFiles.set(key, file);
    }
    return file;
  }

  private findModuleFile(from: Resolver, specifier: string): string | null {
    const fs = this.options.files;
    if (from.python) return pythonModuleFile(fs, from.path, specifier, this.roots);
    const dir = path.dirname(from.path);
    let aliases = this.aliases.get(dir);
    if (aliases === undefined) {
      aliases = pathAliasesFor(fs, dir, this.rootOf(from.path) ?? dir);
      this.aliases.set(dir, aliases);
    }
    const file = jsModuleFile(fs, from.path, specifier, aliases);
    return file && this.inWorkspace(file) ? file : null;
  }

  /** The value of `name` in the first of `names` found in `dir`. */
  private firstValue(dir: string, names: readonly string[], name: string, reader: string): Node | null {
    for (const fileName of names) {
      const file = path.join(dir, fileName);
      if (!this.options.files.isFile(file)) continue;
      const module = this.module(file);
      if (!module) continue;
      this.read(file, reader);
      const target = exportedDefinition(module.resolver, 'default', () => null);
      const object =
        target && 'definition' in target && target.definition.kind === 'value' ? target.definition.value : null;
      const entry = object ? module.resolver.entries(object)?.get(name) : undefined;
      if (entry) return entry;
    }
    return null;
  }

  /** The file's folder and each one above it, up to its workspace root. */
  private foldersUp(file: string): string[] {
    const root = this.rootOf(file);
    if (!root) return [];
    const folders: string[] = [];
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      folders.push(dir);
      if (dir === root || path.dirname(dir) === dir) break;
    }
    return folders;
  }

  private rootOf(file: string): string | null {
    return (
      this.roots.filter((r) => file === r || file.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0] ??
      null
    );
  }

  private inWorkspace(file: string): boolean {
    return this.rootOf(file) !== null;
  }
}
