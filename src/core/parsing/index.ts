import { ParserHost } from './host';

export { ParserHost } from './host';
export { DocumentTrees, type DocumentTree } from './documentTrees';
export { toTreeEdit, pointAt, type TextChange } from './edits';
export { syntaxErrorCount, syntaxErrorNodes } from './syntaxErrors';
export {
  languageIdForPath,
  grammarFor,
  isLanguageId,
  languageIds,
  type GrammarName,
  type LanguageId,
} from './languages';

/** A parser host loading its wasm files from `wasmDir` (the bundle's own directory, or `wasmDir` in tests). */
export function createParserHost(options: { wasmDir: string }): ParserHost {
  return new ParserHost(options.wasmDir);
}
