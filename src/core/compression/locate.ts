import type { TextRange } from '../analysis/types';
import type { ParserHost } from '../parsing/host';
import { isLanguageId } from '../parsing/languages';
import { findStringLiteralAt } from './findLiteral';

/** The range of the string literal under `offset` in `text`, parsed fresh; undefined when there is none. */
export async function locateStringLiteral(
  host: ParserHost,
  text: string,
  languageId: string,
  offset: number,
): Promise<TextRange | undefined> {
  if (!isLanguageId(languageId)) return undefined;
  const tree = await host.parse(text, languageId);
  try {
    const node = findStringLiteralAt(tree.rootNode, offset);
    return node ? { start: node.startIndex, end: node.endIndex } : undefined;
  } finally {
    tree.delete();
  }
}
