import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { lineOfOffset, lineStarts } from './lines';

/**
 * Where a notebook cell's lines are in the `.ipynb` file itself, for reports that point into the file (SARIF):
 * nbformat writes a cell's source as one string per line, so line k of the cell is found by counting the line
 * ends of the strings before it; a source written as one string gives that string's line. Returns a function
 * of the cell (1-based among all cells) and the line within it (1-based) to the file's 1-based line, or null
 * when the file is not a notebook with that cell.
 */
export function notebookFileLines(json: string): (cell: number, line: number) => number | null {
  const tree = parseTree(json, [], { disallowComments: true });
  const starts = lineStarts(json);
  const lineOf = (offset: number): number => lineOfOffset(starts, offset);
  return (cell, line) => {
    const source: JsonNode | undefined = tree && findNodeAtLocation(tree, ['cells', cell - 1, 'source']);
    if (!source) return null;
    if (source.type === 'string') return lineOf(source.offset);
    if (source.type !== 'array' || !source.children || source.children.length === 0) return null;
    let before = 0;
    for (const part of source.children) {
      const text = typeof part.value === 'string' ? part.value : '';
      const ends = text.split('\n').length - 1;
      const last = line - 1 === before + ends && !text.endsWith('\n');
      if (line - 1 < before + ends || last) return lineOf(part.offset);
      before += ends;
    }
    return lineOf(source.children[source.children.length - 1]?.offset ?? source.offset);
  };
}
