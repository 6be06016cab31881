import type { TextRange } from '../analysis/types';
import type { ParserHost } from '../parsing/host';
import { isLanguageId } from '../parsing/languages';
import { findStringLiteralAt, templateTag } from './findLiteral';

export interface LocatedLiteral {
  range: TextRange;
  /** A template tagged `String.raw`: its backslashes are text, not escapes. */
  rawTemplate: boolean;
}

/** The string literal under `offset` in `text`, parsed fresh; undefined when there is none. */
export async function locateStringLiteral(
  host: ParserHost,
  text: string,
  languageId: string,
  offset: number,
): Promise<LocatedLiteral | undefined> {
  if (!isLanguageId(languageId)) return undefined;
  const tree = await host.parse(text, languageId);
  try {
    const node = findStringLiteralAt(tree.rootNode, offset);
    if (!node) return undefined;
    return { range: { start: node.startIndex, end: node.endIndex }, rawTemplate: templateTag(node) === 'String.raw' };
  } finally {
    tree.delete();
  }
}
