import * as vscode from 'vscode';

/** The extension's one log: a LogOutputChannel with levels, created once in `activate` and owned there. */
let channel: vscode.LogOutputChannel | undefined;
let errors = 0;

/** The channel, with its `error` lines counted (bad input must not log an error per keystroke: the tests check). */
function counting(target: vscode.LogOutputChannel): vscode.LogOutputChannel {
  const error = (message: string | Error, ...args: unknown[]): void => {
    errors++;
    target.error(message, ...args);
  };
  return new Proxy(target, {
    get(object, property) {
      if (property === 'error') return error;
      const value: unknown = Reflect.get(object, property);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

export function createLog(): vscode.LogOutputChannel {
  channel ??= counting(vscode.window.createOutputChannel('LLM Cost Lens', { log: true }));
  return channel;
}

export function log(): vscode.LogOutputChannel {
  return createLog();
}

/** How many errors were logged since activation. */
export function errorsLogged(): number {
  return errors;
}
