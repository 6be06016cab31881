import * as vscode from 'vscode';
import { hideInLog } from '../log';

/** The compressor's API key lives only in VS Code's SecretStorage: never in settings, never in the log. */
const secretKey = 'llmCostLens.compressor.apiKey';

export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    const key = await this.secrets.get(secretKey);
    if (key) hideInLog(key);
    return key;
  }

  /** Asks for the key (or takes it from a command argument) and stores it; returns whether one was stored. */
  async promptAndStore(given?: unknown): Promise<boolean> {
    const key =
      typeof given === 'string'
        ? given
        : await vscode.window.showInputBox({
            title: 'LLM Cost Lens: API key for the prompt compressor',
            prompt:
              'Stored in VS Code Secret Storage and sent only to the compressor base URL when you compress a prompt.',
            password: true,
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() === '' ? 'The key cannot be empty.' : undefined),
          });
    if (!key || key.trim() === '') return false;
    hideInLog(key.trim());
    await this.secrets.store(secretKey, key.trim());
    return true;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(secretKey);
  }
}
