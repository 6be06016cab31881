import * as vscode from 'vscode';
import { logLine } from './logText';

/** The extension's one log: a LogOutputChannel with levels, created once in `activate` and owned there. */
let channel: vscode.LogOutputChannel | undefined;
let errors = 0;
/** Values the log never shows (the compressor's API key), whatever message carries them. */
const secrets = new Set<string>();

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';
const levels: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error'];

/**
 * The channel as the extension writes to it: every message and argument made safe in one place (`logLine`:
 * secrets hidden, control characters escaped), and the `error` lines counted (bad input must not log an error per
 * keystroke: the tests check).
 */
function guarded(target: vscode.LogOutputChannel): vscode.LogOutputChannel {
  const write =
    (level: Level) =>
    (message: string | Error, ...args: unknown[]): void => {
      if (level === 'error') errors++;
      target[level](logLine(message, args, secrets));
    };
  const writers = new Map<string | symbol, unknown>([
    ...levels.map((level) => [level, write(level)] as const),
    ['append', (value: string) => target.append(logLine(value, [], secrets))],
    ['appendLine', (value: string) => target.appendLine(logLine(value, [], secrets))],
    ['replace', (value: string) => target.replace(logLine(value, [], secrets))],
  ]);
  return new Proxy(target, {
    get(object, property) {
      if (writers.has(property)) return writers.get(property);
      const value: unknown = Reflect.get(object, property);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

export function createLog(): vscode.LogOutputChannel {
  channel ??= guarded(vscode.window.createOutputChannel('LLM Cost Lens', { log: true }));
  return channel;
}

export function log(): vscode.LogOutputChannel {
  return createLog();
}

/** A value the log must never show (an API key read or stored): from now on it is written as `***`. */
export function hideInLog(secret: string): void {
  secrets.add(secret);
}

/** How many errors were logged since activation. */
export function errorsLogged(): number {
  return errors;
}
