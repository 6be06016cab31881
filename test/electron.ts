// Runs the in-host scenarios through @vscode/test-electron, for people with a desktop VS Code
// (it downloads VS Code, so it does not work offline; CI uses scripts/test-host.js instead).
//   npm run compile-tests && npm run test:electron
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

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
      launchArgs: [path.join(root, 'test', 'fixtures', scenario), '--disable-extensions'],
      extensionTestsEnv: { LLM_COST_LENS_SCENARIO: scenario },
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
