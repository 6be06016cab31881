import * as vscode from 'vscode';

/** The extension's one log: a LogOutputChannel with levels, created once in `activate` and owned there. */
let channel: vscode.LogOutputChannel | undefined;

export function createLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('LLM Cost Lens', { log: true });
  return channel;
}

export function log(): vscode.LogOutputChannel {
  return createLog();
}
