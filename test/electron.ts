// Runs the in-host scenarios through @vscode/test-electron, for people with a desktop VS Code
// (it downloads VS Code, so it does not work offline; CI uses scripts/test-host.js instead).
//   npm run test:electron (builds and compiles the tests first)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

/** What VS Code opens for a scenario: its fixture's `.code-workspace` file if any (as scripts/vscode-host.js). */
function workspaceOf(fixture: string): string {
  const file = fs.readdirSync(fixture).find((name) => name.endsWith('.code-workspace'));
  return file ? path.join(fixture, file) : fixture;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const integrationDir = path.join(root, 'test', 'integration');
  const scenarios = fs
    .readdirSync(integrationDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  for (const scenario of scenarios) {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspaceOf(path.join(root, 'test', 'fixtures', scenario)), '--disable-extensions'],
      extensionTestsEnv: { LLM_COST_LENS_SCENARIO: scenario },
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
