import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mentionsLlmSdk } from '../../src/core/analysis/analyze';
import { pythonFile, typescriptFile } from './generate';

/** What the generated tree holds, by kind of file. */
export interface WorkspaceTree {
  /** Every source file the scan should read, in the order written. */
  files: string[];
  /** Files with LLM calls (two each). */
  withCalls: number;
  /** Files that name an SDK (an import of its types, a word in a comment) and make no call. */
  mentionOnly: number;
  /** Config modules holding a model constant other packages' calls import. */
  configModules: number;
}

/** Ordinary Python: local imports, a repository class, words like `create` and `parse` that SDKs use too. */
function plainPython(i: number): string {
  const lines = [
    'from __future__ import annotations',
    '',
    'import json',
    'import logging',
    'from dataclasses import dataclass, field',
    '',
    'from ..db import session',
    `from .models${i % 7} import Row, Status`,
    '',
    'log = logging.getLogger(__name__)',
    '',
  ];
  for (let k = 0; lines.length < 112; k++) {
    lines.push(
      '@dataclass',
      `class Record${k}:`,
      '    id: int',
      '    name: str',
      '    tags: list[str] = field(default_factory=list)',
      '',
      `class Repository${k}:`,
      `    """Stores records of kind ${k} (module ${i})."""`,
      '',
      '    def __init__(self, table: str = "records"):',
      '        self.table = table',
      '        self.cache: dict[int, Row] = {}',
      '',
      '    def create(self, payload: str) -> Row:',
      '        data = json.loads(payload)',
      '        row = Row(id=data["id"], status=Status.NEW)',
      '        session.add(row)',
      `        log.debug("created %s in %s", row.id, self.table)`,
      '        return row',
      '',
      '    def parse(self, text: str) -> list[int]:',
      '        return [int(part) for part in text.split(",") if part.strip()]',
      '',
      '    def find(self, ids: list[int]) -> list[Row]:',
      '        missing = [i for i in ids if i not in self.cache]',
      '        for row in session.query(Row).filter(Row.id.in_(missing)):',
      '            self.cache[row.id] = row',
      '        return [self.cache[i] for i in ids if i in self.cache]',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Ordinary TypeScript: local and package imports, a service class, `JSON.parse`, `fetch`. */
function plainTypescript(i: number): string {
  const lines = [
    "import { z } from 'zod';",
    "import { db } from '../db';",
    `import { formatDate } from './format${i % 7}';`,
    '',
    'const schema = z.object({ id: z.number(), name: z.string(), tags: z.array(z.string()) });',
    'type Item = z.infer<typeof schema>;',
    '',
  ];
  for (let k = 0; lines.length < 112; k++) {
    lines.push(
      `export class ItemService${k} {`,
      '  private readonly cache = new Map<number, Item>();',
      `  constructor(private readonly table = 'items${k}') {}`,
      '',
      '  async create(payload: string): Promise<Item> {',
      '    const item = schema.parse(JSON.parse(payload));',
      '    await db.insert(this.table, item);',
      '    this.cache.set(item.id, item);',
      '    return item;',
      '  }',
      '',
      '  async load(ids: number[]): Promise<Item[]> {',
      '    const missing = ids.filter((id) => !this.cache.has(id));',
      `    const response = await fetch(\`/api/${'${this.table}'}?ids=${'${missing.join(",")}'}\`);`,
      '    for (const item of (await response.json()) as Item[]) this.cache.set(item.id, item);',
      '    return ids.flatMap((id) => this.cache.get(id) ?? []);',
      '  }',
      '',
      '  describe(item: Item): string {',
      "    return `${item.name} (${item.tags.join(', ')}) on ${formatDate(new Date())}`;",
      '  }',
      '}',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Files that name an SDK and make no call: a message builder typed with the SDK's types (Python: no word a call
 * could end with; TypeScript: `JSON.parse`), and plain code whose comment says `together` (an OpenAI-compatible
 * provider's name) next to `stream`.
 */
function mentionOnly(i: number, ext: 'py' | 'ts', kind: 0 | 1): string {
  if (ext === 'py') {
    const head =
      kind === 0
        ? ['from openai.types.chat import ChatCompletionMessageParam', '']
        : ['# Rows are grouped together here, then stream out to the writer in one pass.', ''];
    const body = plainPython(i).split('\n');
    const builder = [
      'def build_messages(system: str, question: str) -> list[ChatCompletionMessageParam]:',
      '    return [{"role": "system", "content": system}, {"role": "user", "content": question}]',
      '',
    ];
    return [...head, ...(kind === 0 ? builder : []), ...body].join('\n');
  }
  const head =
    kind === 0
      ? ["import type { ChatCompletionMessageParam } from 'openai/resources/chat';", '']
      : ['// Items are grouped together here, then stream out to the client in one response.', ''];
  const builder = [
    'export function buildMessages(system: string, question: string): ChatCompletionMessageParam[] {',
    "  return [{ role: 'system', content: system }, { role: 'user', content: question }];",
    '}',
    '',
  ];
  return [...head, ...(kind === 0 ? builder : []), ...plainTypescript(i).split('\n')].join('\n');
}

/** A call file whose model comes from its package's config module (`from ..config import MODEL`). */
function crossFile(text: string, ext: 'py' | 'ts'): string {
  return ext === 'py'
    ? text.replace(/^MODEL = .*$/m, 'from ..config import MODEL')
    : text.replace(/^const MODEL = .*$/m, "import { MODEL } from '../config';");
}

/**
 * A monorepo-like tree for the scan bench: `files` Python and TypeScript modules of about 120 lines in
 * packages/<n>/src/<m>/: one in twenty with LLM calls (two each; in half the packages the model comes from the
 * package's config module), one in fifty naming an SDK without a call, the rest ordinary code that never names
 * one; plus a package manifest per package, a .gitignore, and a node_modules folder the walk must skip.
 */
export function writeWorkspaceTree(root: string, files: number): WorkspaceTree {
  const calls = { py: pythonFile(120), ts: typescriptFile(120) };
  const packages = 50;
  const tree: WorkspaceTree = { files: [], withCalls: 0, mentionOnly: 0, configModules: 0 };
  const write = (file: string, text: string): void => {
    writeFileSync(file, text);
    tree.files.push(file);
  };
  for (let p = 0; p < packages; p++) {
    const src = path.join(root, 'packages', `pkg${p}`, 'src');
    mkdirSync(src, { recursive: true });
    writeFileSync(path.join(root, 'packages', `pkg${p}`, 'package.json'), `{ "name": "pkg${p}", "private": true }\n`);
    if (p % 2 === 0) {
      write(path.join(src, 'config.py'), `MODEL = "gpt-4o-mini"  # package ${p}\n`);
      write(path.join(src, 'config.ts'), `export const MODEL = 'gpt-4.1-mini'; // package ${p}\n`);
      tree.configModules += 2;
    }
  }
  for (let i = tree.files.length; tree.files.length < files; i++) {
    const p = i % packages;
    const dir = path.join(root, 'packages', `pkg${p}`, 'src', `area${Math.floor(i / packages) % 8}`);
    mkdirSync(dir, { recursive: true });
    // Every twentieth file has calls and every fiftieth (from the seventh) names an SDK: each kind takes turns
    // at Python and TypeScript by its own count, since `i % 2` alone would make all of one kind one language.
    let ext: 'py' | 'ts' = i % 2 === 0 ? 'py' : 'ts';
    let body: string;
    if (i % 20 === 0) {
      ext = (i / 20) % 2 === 0 ? 'py' : 'ts';
      body = p % 2 === 0 ? crossFile(calls[ext], ext) : calls[ext];
      tree.withCalls++;
    } else if (i % 50 === 7) {
      const turn = Math.floor(i / 50);
      ext = turn % 2 === 0 ? 'py' : 'ts';
      body = mentionOnly(i, ext, Math.floor(turn / 2) % 2 === 0 ? 0 : 1);
      tree.mentionOnly++;
    } else {
      body = ext === 'py' ? plainPython(i) : plainTypescript(i);
      if (mentionsLlmSdk(body)) throw new Error('bench tree: an ordinary module must not name an SDK');
    }
    // A line of its own makes every file's content (and so its hash) different.
    write(path.join(dir, `module${i}.${ext}`), `${body}${ext === 'py' ? '#' : '//'} module ${i}\n`);
  }
  writeFileSync(path.join(root, '.gitignore'), 'generated/\n*.log\n');
  mkdirSync(path.join(root, 'node_modules', 'openai'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'openai', 'index.js'), calls.ts);
  return tree;
}
