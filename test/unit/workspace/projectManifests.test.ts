import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProjectManifests } from '../../../src/core/workspace/projectInfo';
import { MemoryFileSystem } from '../../support/memoryFileSystem';

describe("the manifests above a file (what a fix's parameter name depends on)", () => {
  it('takes each field from the nearest folder that says it: package.json, requirements.txt, pyproject.toml', async () => {
    const fs = new MemoryFileSystem({
      '/repo/package.json': JSON.stringify({ dependencies: { ai: '^4.3.0' } }),
      '/repo/web/package.json': JSON.stringify({ dependencies: { openai: '^4.23.0' } }),
      '/repo/web/app/route.ts': '',
      '/repo/server/requirements.txt': 'fastapi\nopenai==1.30.1\n',
      '/repo/server/pyproject.toml': '[project]\ndependencies = ["openai>=1.50"]\n',
      '/repo/server/app/main.py': '',
      '/repo/tools/pyproject.toml': '[tool.poetry.dependencies]\nopenai = "^1.50.0"\n',
      '/repo/tools/run.py': '',
    });
    const manifests = new ProjectManifests(fs);
    assert.deepEqual(await manifests.infoFor('/repo/web/app/route.ts'), {
      vercelAiMajor: 4,
      openaiNodeCompletionTokens: false,
      openaiPythonCompletionTokens: null,
    });
    // requirements.txt is read before pyproject.toml in the same folder.
    assert.equal((await manifests.infoFor('/repo/server/app/main.py')).openaiPythonCompletionTokens, false);
    assert.equal((await manifests.infoFor('/repo/tools/run.py')).openaiPythonCompletionTokens, true);
    assert.deepEqual(await new ProjectManifests(new MemoryFileSystem({ '/x/a.py': '' })).infoFor('/x/a.py'), {
      vercelAiMajor: null,
      openaiNodeCompletionTokens: null,
      openaiPythonCompletionTokens: null,
    });
  });
});
