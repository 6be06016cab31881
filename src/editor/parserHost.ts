import * as vscode from 'vscode';
import { createParserHost, type ParserHost } from '../core/parsing';

/**
 * The extension's one parser host. Creating it costs nothing: the tree-sitter runtime and grammars load on the
 * first parse. The WASM files sit beside the bundle in dist/.
 */
export function lazyParserHost(context: vscode.ExtensionContext): () => ParserHost {
  let host: ParserHost | undefined;
  context.subscriptions.push({ dispose: () => host?.dispose() });
  return () => (host ??= createParserHost({ wasmDir: vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath }));
}
