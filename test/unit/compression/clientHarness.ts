import assert from 'node:assert/strict';
import { after } from 'node:test';
import { CompressionError, type ClientSettings } from '../../../src/core/compression/client';
import { startFakeOpenAi, type FakeServer, type ScriptedReply } from '../../support/fakeOpenAi';

/**
 * What the client tests share: scripted servers closed after the file, settings with the test's key, and a
 * `failure` that returns the CompressionError of a call expected to fail, checking its message hides the key.
 * Call at the top level of a test file.
 */
export function clientHarness(key: string, defaults: Omit<ClientSettings, 'apiKey' | 'baseURL'>) {
  const servers: FakeServer[] = [];
  after(async () => Promise.all(servers.map((s) => s.close())));
  return {
    async serve(script: (index: number) => ScriptedReply): Promise<FakeServer> {
      const server = await startFakeOpenAi((_req, i) => script(i));
      servers.push(server);
      return server;
    },
    settings(server: { baseURL: string }, extra: Partial<ClientSettings> = {}): ClientSettings {
      return { apiKey: key, baseURL: server.baseURL, ...defaults, ...extra };
    },
    async failure(promise: Promise<unknown>): Promise<CompressionError> {
      try {
        await promise;
      } catch (error) {
        assert.ok(error instanceof CompressionError, `expected CompressionError, got ${String(error)}`);
        assert.ok(!error.message.includes(key) && !error.message.includes('SECRET'), error.message);
        return error;
      }
      assert.fail('the call succeeded');
    },
  };
}
