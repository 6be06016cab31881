import * as vscode from 'vscode';
import type { CallRecord, TextRange } from '../core/analysis/types';
import type { DocumentState } from './documentModel';

const identifierChar = /[\w$]/;

/** Offsets of the call's final method-name token (`create` in `.create(`, `generateText`). */
export function methodName(state: DocumentState, call: CallRecord): TextRange {
  const start = state.offsetAt(call.line - 1, call.column - 1);
  let end = start;
  while (end < state.text.length && identifierChar.test(state.text[end])) end++;
  return { start, end };
}

/** The call whose method name or model argument holds `offset`, by index into `state.calls`. */
export function callAt(state: DocumentState, offset: number): number {
  const within = (range: TextRange | undefined): boolean =>
    range !== undefined && range.start <= offset && offset <= range.end;
  return state.calls.findIndex((call) => within(methodName(state, call)) || within(call.argumentRanges.model));
}

/** Where a surface points at a call: enough to find it again after edits (its start, then its line). */
export interface CallRef {
  uri: string;
  start: number;
  line: number;
}

export function callRef(state: DocumentState, call: CallRecord): CallRef {
  return { uri: state.uri.toString(), start: call.range.start, line: call.line };
}

/** The call a reference points at in a (possibly newer) state: same start, else the nearest on the same line. */
export function findCall(state: DocumentState, ref: CallRef): number {
  const exact = state.calls.findIndex((call) => call.range.start === ref.start);
  if (exact >= 0) return exact;
  return state.calls.findIndex((call) => call.line === ref.line);
}

export function toRange(state: DocumentState, range: TextRange): vscode.Range {
  return new vscode.Range(state.positionAt(range.start), state.positionAt(range.end));
}

/** Opens the document with the cursor on the call's method name (where its hover shows). */
export async function revealCall(state: DocumentState, call: CallRecord): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(state.uri, { preserveFocus: false });
  const name = toRange(state, methodName(state, call));
  editor.selection = new vscode.Selection(name.start, name.start);
  editor.revealRange(name, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
