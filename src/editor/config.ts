import * as vscode from 'vscode';

export const configSection = 'llmCostLens';

/**
 * Settings that a workspace could use to send the user's API key elsewhere. In an untrusted workspace their
 * workspace values are ignored (they are also declared in `capabilities.untrustedWorkspaces`).
 */
export const restrictedSettings = ['compressor.baseUrl', 'compressor.model'] as const;

/**
 * Reads one setting of the `llmCostLens` section. For restricted settings in an untrusted workspace only the
 * user's own (global) value or the default counts, whatever the workspace files say.
 */
export function readSetting<T>(key: string, scope?: vscode.ConfigurationScope): T | undefined {
  const config = vscode.workspace.getConfiguration(configSection, scope);
  if (!vscode.workspace.isTrusted && (restrictedSettings as readonly string[]).includes(key)) {
    const inspected = config.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue;
  }
  return config.get<T>(key);
}

/** Fires `listener` when any of `keys` (relative to the section) changes; the returned disposable stops it. */
export function onSettingsChanged(keys: readonly string[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (keys.some((key) => event.affectsConfiguration(`${configSection}.${key}`))) listener();
  });
}

/** Whether the user (or the workspace) set `key`, rather than leaving its default: shown as a figure's origin. */
export function isSetByUser(key: string, scope?: vscode.ConfigurationScope): boolean {
  const inspected = vscode.workspace.getConfiguration(configSection, scope).inspect(key);
  if (!inspected) return false;
  return [
    inspected.globalValue,
    inspected.workspaceValue,
    inspected.workspaceFolderValue,
    inspected.globalLanguageValue,
    inspected.workspaceLanguageValue,
    inspected.workspaceFolderLanguageValue,
  ].some((value) => value !== undefined);
}

/** The surfaces a user can turn off, each with its `llmCostLens.<surface>.enabled` setting. */
export type Surface = 'codeLens' | 'hover' | 'statusBar' | 'diagnostics';

export function surfaceEnabled(surface: Surface, scope?: vscode.ConfigurationScope): boolean {
  return readSetting<unknown>(`${surface}.enabled`, scope) !== false;
}
