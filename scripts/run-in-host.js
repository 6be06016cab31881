#!/usr/bin/env node
// Runs extension tests inside a real VS Code extension host, without a desktop VS Code and without internet.
//
//   node scripts/run-in-host.js <extension-folder> <compiled-test-entry.js> <workspace-folder>
//
// The window comes from scripts/vscode-host.js (the VS Code server of the `code-server` npm package, VS Code
// 1.100.3, and Debian's Chromium). The test entry is a module exporting `run(): Promise<void>`, exactly as for
// @vscode/test-electron. The workbench reports the result through `codeAutomationExit` and forwards the
// extension host's console through `codeAutomationLog`.
//
// The workspace folder is copied to a temporary folder first: tests may edit and save files freely. A folder
// holding a `.code-workspace` file opens as that multi-root workspace.
// LLM_COST_LENS_UNTRUSTED_WORKSPACE=1 leaves workspace trust on, so the workspace opens in restricted mode.
//
// Exit code: the tests' (0 pass, non-zero fail), 124 when the run hangs past LLM_COST_LENS_TEST_TIMEOUT_MS
// (default 180000), 2 on bad arguments or a broken setup. A test asks for real input with `host-action:` lines
// (scripts/host-actions.js). Every process and temp folder made here is removed.
'use strict';
const path = require('node:path');
const { openHost, SetupError } = require('./vscode-host');
const { handleHostAction } = require('./host-actions');

const TIMEOUT_MS = Number(process.env.LLM_COST_LENS_TEST_TIMEOUT_MS || 180_000);

function usage(message) {
  console.error(`run-in-host: ${message}`);
  console.error('usage: node scripts/run-in-host.js <extension-folder> <compiled-test-entry.js> <workspace-folder>');
  process.exit(2);
}

async function main() {
  const [extArg, testArg, workspaceArg] = process.argv.slice(2);
  if (!extArg || !testArg || !workspaceArg) usage('three arguments are required');
  let host;
  const onSignal = () => {
    (host ? host.close() : Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let exitCode = 2;
  try {
    host = await openHost({
      extensionDir: path.resolve(extArg),
      testEntry: path.resolve(testArg),
      workspaceDir: path.resolve(workspaceArg),
      untrusted: process.env.LLM_COST_LENS_UNTRUSTED_WORKSPACE === '1',
      // Tests ask for real clicks and key presses (in webviews too) with `host-action:` lines.
      onLog: (type, text) => {
        if (host && handleHostAction(host.page, text)) return;
        (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
      },
    });
    let timer;
    const hung = new Promise((resolve) => {
      timer = setTimeout(() => resolve(124), TIMEOUT_MS);
    });
    exitCode = await Promise.race([host.finished, hung]);
    clearTimeout(timer);
    if (exitCode === 124) {
      console.error(`run-in-host: no result after ${TIMEOUT_MS} ms; server output follows`);
      console.error(host.serverLog());
    }
  } catch (error) {
    if (error instanceof SetupError) usage(error.message);
    console.error(`run-in-host: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 2;
  } finally {
    if (host) await host.close();
  }
  process.exit(exitCode);
}

main();
