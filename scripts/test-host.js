#!/usr/bin/env node
// Runs every in-host test scenario: for each folder test/integration/<scenario>/, the compiled tests of that
// folder run inside a real VS Code extension host (scripts/run-in-host.js) on the workspace
// test/fixtures/<scenario>/ (or the multi-root workspace of the `.code-workspace` file at its top). Exits
// non-zero when any scenario fails.
//   node scripts/test-host.js [scenario ...]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const sourceDir = path.join(root, 'test', 'integration');
const requested = process.argv.slice(2);
const scenarios = fs
  .readdirSync(sourceDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && (requested.length === 0 || requested.includes(entry.name)))
  .map((entry) => entry.name)
  .sort();

if (scenarios.length === 0) {
  console.error('test-host: no scenario folders under test/integration/');
  process.exit(2);
}

let passed = 0;
let failed = 0;
let testsPassed = 0;
let testsFailed = 0;
for (const scenario of scenarios) {
  const workspace = path.join(root, 'test', 'fixtures', scenario);
  console.log(`\n=== in-host scenario: ${scenario} ===`);
  const result = spawnSync(
    process.execPath,
    [
      path.join(__dirname, 'run-in-host.js'),
      root,
      path.join(root, 'out', 'test', 'integration', 'index.js'),
      workspace,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        LLM_COST_LENS_SCENARIO: scenario,
        // Scenarios named untrusted-* open their workspace in restricted mode.
        LLM_COST_LENS_UNTRUSTED_WORKSPACE: scenario.startsWith('untrusted') ? '1' : '0',
      },
    },
  );
  process.stdout.write(result.stdout ?? '');
  // The test entry prints one "in-host: N passed, M failed" line per scenario.
  const counts = /^in-host: (\d+) passed, (\d+) failed$/m.exec(result.stdout ?? '');
  if (counts) {
    testsPassed += Number(counts[1]);
    testsFailed += Number(counts[2]);
  }
  if (result.status === 0) passed++;
  else {
    // A scenario that failed without a failing test (a hang, a crash) counts as one failure.
    if (!counts || counts[2] === '0') testsFailed++;
    failed++;
    console.error(`test-host: scenario ${scenario} failed (exit ${result.status ?? result.signal})`);
  }
}
console.log(`\nin-host scenarios: ${passed} of ${passed + failed} passed`);
console.log(`host: ${testsPassed} passed, ${testsFailed} failed`);
process.exit(failed === 0 ? 0 : 1);
