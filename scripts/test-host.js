#!/usr/bin/env node
// Runs every in-host test scenario: for each folder test/integration/<scenario>/, the compiled tests of that
// folder run inside a real VS Code extension host (scripts/run-in-host.js) on the workspace
// test/fixtures/<scenario>/. Exits non-zero when any scenario fails.
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
      stdio: 'inherit',
      env: {
        ...process.env,
        LLM_COST_LENS_SCENARIO: scenario,
        // Scenarios named untrusted-* open their workspace in restricted mode.
        LLM_COST_LENS_UNTRUSTED_WORKSPACE: scenario.startsWith('untrusted') ? '1' : '0',
      },
    },
  );
  if (result.status === 0) passed++;
  else {
    failed++;
    console.error(`test-host: scenario ${scenario} failed (exit ${result.status ?? result.signal})`);
  }
}
console.log(`\nin-host scenarios: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
