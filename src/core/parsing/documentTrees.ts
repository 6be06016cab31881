import type { Tree } from 'web-tree-sitter';
import type { ParserHost } from './host';
import type { LanguageId } from './languages';
import { toTreeEdit, type TextChange } from './edits';

export interface DocumentTree {
  tree: Tree;
  text: string;
  version: number;
  languageId: LanguageId;
  /**
   * After an incremental re-parse: the ranges (offsets in `text`) whose syntax changed, which can reach beyond
   * the edited text (error recovery). Undefined after a full parse.
   */
  changedRanges?: { start: number; end: number }[];
}

/**
 * One tree per open document, re-parsed incrementally on edits; `close` frees it (the wasm heap never shrinks,
 * so a tree kept for a closed document is memory lost for the session).
 *
 * `update(uri, text, version, languageId, changes?)`: with `changes` (in the order VS Code reports them, each in
 * offsets of the text after the previous ones) the old tree is edited and re-parsed incrementally; the text the
 * changes produce must equal `text`, otherwise (or without changes) it is a full parse.
 */
export class DocumentTrees {
  private readonly documents = new Map<string, DocumentTree>();

  constructor(private readonly host: ParserHost) {}

  get(uri: string): DocumentTree | undefined {
    return this.documents.get(uri);
  }

  async update(
    uri: string,
    text: string,
    version: number,
    languageId: LanguageId,
    changes?: readonly TextChange[],
  ): Promise<DocumentTree> {
    await this.host.load(languageId);
    return this.updateSync(uri, text, version, languageId, changes);
  }

  /** As `update`, once `host.load(languageId)` has finished. */
  updateSync(
    uri: string,
    text: string,
    version: number,
    languageId: LanguageId,
    changes?: readonly TextChange[],
  ): DocumentTree {
    const previous = this.documents.get(uri);
    if (previous && previous.version === version && previous.text === text && previous.languageId === languageId) {
      return previous;
    }
    let oldTree: Tree | undefined;
    if (previous && changes && changes.length > 0 && previous.languageId === languageId) {
      let current = previous.text;
      for (const change of changes) {
        const { edit, text: next } = toTreeEdit(current, change);
        previous.tree.edit(edit);
        current = next;
      }
      if (current === text) oldTree = previous.tree;
    }
    const tree = this.host.parseSync(text, languageId, oldTree);
    const changedRanges = oldTree?.getChangedRanges(tree).map((r) => ({ start: r.startIndex, end: r.endIndex }));
    previous?.tree.delete();
    const entry: DocumentTree = { tree, text, version, languageId, changedRanges };
    this.documents.set(uri, entry);
    return entry;
  }

  close(uri: string): void {
    this.documents.get(uri)?.tree.delete();
    this.documents.delete(uri);
  }

  dispose(): void {
    for (const entry of this.documents.values()) entry.tree.delete();
    this.documents.clear();
  }
}
