import type { LanguageId } from '../analysis/types';

export type { LanguageId };

/** The grammar file each language is parsed with (`.jsx` goes through the javascript grammar). */
export type GrammarName = 'python' | 'typescript' | 'tsx' | 'javascript';

export const languageIds: readonly LanguageId[] = [
  'python',
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
];

const grammarOf: Record<LanguageId, GrammarName> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  javascript: 'javascript',
  javascriptreact: 'javascript',
};

const byExtension: Record<string, LanguageId> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
};

export function grammarFor(languageId: LanguageId): GrammarName {
  return grammarOf[languageId];
}

export function isLanguageId(value: string): value is LanguageId {
  return Object.prototype.hasOwnProperty.call(grammarOf, value);
}

/**
 * The language of a file from its name (`.d.ts` declaration files hold no calls and map to nothing). Only the
 * extension is lowercased: a walk asks this of 20,000 long paths.
 */
export function languageIdForPath(filePath: string): LanguageId | undefined {
  const dot = filePath.lastIndexOf('.');
  if (dot < 0) return undefined;
  const languageId = byExtension[filePath.slice(dot).toLowerCase()];
  if (languageId === 'typescript' && filePath.slice(dot - 2, dot).toLowerCase() === '.d') return undefined;
  return languageId;
}

export function isPythonLike(languageId: LanguageId): boolean {
  return languageId === 'python';
}
