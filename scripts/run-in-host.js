#!/usr/bin/env node
// Runs extension tests inside a real VS Code extension host, without a desktop VS Code and without internet.
//
//   node scripts/run-in-host.js <extension-folder> <compiled-test-entry.js> <workspace-folder>
//
// The VS Code server shipped in the `code-server` npm package (VS Code 1.100.3) hosts the extension; Debian's
// Chromium, driven by `playwright-core`, is the client window that makes the workbench start the extension
// host. The test entry is a module exporting `run(): Promise<void>`, exactly as for @vscode/test-electron.
// The workbench reports the result through `codeAutomationExit` and forwards the extension host's console
// through `codeAutomationLog`, both exposed on the page below.
//
// The workspace folder is copied to a temporary folder first: tests may edit and save files freely.
// LLM_COST_LENS_UNTRUSTED_WORKSPACE=1 leaves workspace trust on, so the workspace opens in restricted mode.
//
// Exit code: the tests' (0 pass, non-zero fail), 124 when the run hangs past LLM_COST_LENS_TEST_TIMEOUT_MS
// (default 180000), 2 on bad arguments or a broken setup. Every process and temp folder made here is removed.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const TIMEOUT_MS = Number(process.env.LLM_COST_LENS_TEST_TIMEOUT_MS || 180_000);
const SERVER_START_TIMEOUT_MS = 60_000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The workbench's own chatter on a machine without internet; it says nothing about the tests. */
const HARMLESS_NOISE = [
  /ENOTFOUND open-vsx\.org/,
  /\[Service Worker\]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
];

function usage(message) {
  console.error(`run-in-host: ${message}`);
  console.error('usage: node scripts/run-in-host.js <extension-folder> <compiled-test-entry.js> <workspace-folder>');
  process.exit(2);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `predicate` matches a line the child prints; rejects if the child exits first. */
function waitForOutput(child, predicate, timeoutMs) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk) => {
      buffered += chunk.toString();
      if (predicate(buffered)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready:\n${buffered}`));
    });
  });
}

function killTree(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      // The server runs in its own process group: this ends it, its extension host and any helpers.
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

async function main() {
  const [extArg, testArg, workspaceArg] = process.argv.slice(2);
  if (!extArg || !testArg || !workspaceArg) usage('three arguments are required');
  const extensionDir = path.resolve(extArg);
  const testEntry = path.resolve(testArg);
  const workspaceDir = path.resolve(workspaceArg);
  if (!fs.existsSync(path.join(extensionDir, 'package.json'))) usage(`no package.json in ${extensionDir}`);
  if (!fs.existsSync(testEntry)) usage(`test entry ${testEntry} does not exist (compile the tests first)`);
  if (!fs.statSync(workspaceDir, { throwIfNoEntry: false })?.isDirectory()) usage(`no folder ${workspaceDir}`);
  if (!fs.existsSync(CHROMIUM)) usage(`${CHROMIUM} not found: run \`npm run setup\` (installs Debian's chromium)`);

  let serverMain;
  try {
    serverMain = path.join(
      path.dirname(require.resolve('code-server/package.json')),
      'lib',
      'vscode',
      'out',
      'server-main.js',
    );
  } catch {
    usage('the code-server package is not installed: run `npm run setup`');
  }
  const { chromium } = require('playwright-core');

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-host-'));
  let server;
  let browser;
  let exitCode = 2;
  const cleanup = async () => {
    if (browser) await browser.close().catch(() => undefined);
    await killTree(server);
    fs.rmSync(tempDir, { recursive: true, force: true });
  };
  const onSignal = () => {
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // Tests edit documents and VS Code for the web saves them on its own: they work on a copy of the workspace,
    // so a fixture can never be changed by a run.
    const workspaceCopy = path.join(tempDir, 'workspace', path.basename(workspaceDir));
    fs.cpSync(workspaceDir, workspaceCopy, { recursive: true });
    const port = await freePort();
    const home = path.join(tempDir, 'home');
    for (const dir of ['home', 'sd', 'ud', 'exts', 'config', 'data']) fs.mkdirSync(path.join(tempDir, dir));
    server = spawn(
      process.execPath,
      [
        serverMain,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        // Without it, VS Code 1.100 ignores the test payload and the run hangs silently.
        '--enable-smoke-test-driver',
        '--disable-telemetry',
        // Workspaces are trusted unless a scenario tests restricted mode.
        ...(process.env.LLM_COST_LENS_UNTRUSTED_WORKSPACE === '1' ? [] : ['--disable-workspace-trust']),
        '--server-data-dir',
        path.join(tempDir, 'sd'),
        '--user-data-dir',
        path.join(tempDir, 'ud'),
        '--extensions-dir',
        path.join(tempDir, 'exts'),
      ],
      {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          HOME: home,
          XDG_CONFIG_HOME: path.join(tempDir, 'config'),
          XDG_DATA_HOME: path.join(tempDir, 'data'),
        },
      },
    );
    const serverLog = [];
    server.stdout.on('data', (chunk) => serverLog.push(chunk.toString()));
    server.stderr.on('data', (chunk) => serverLog.push(chunk.toString()));
    await waitForOutput(
      server,
      (text) => /Extension host agent listening|HTTP server listening/.test(text),
      SERVER_START_TIMEOUT_MS,
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const page = await browser.newPage();
    const finished = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The workbench forwards console calls with their format string first.
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (HARMLESS_NOISE.some((pattern) => pattern.test(text))) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    page.on('pageerror', (error) => process.stderr.write(`[page] ${error.message}\n`));

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['extensionTestsPath', remote(testEntry)],
      ['skipWelcome', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspaceCopy)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    let timer;
    const hung = new Promise((resolve) => {
      timer = setTimeout(() => resolve(124), TIMEOUT_MS);
    });
    await page.goto(url);
    exitCode = await Promise.race([finished, hung]);
    clearTimeout(timer);
    if (exitCode === 124) {
      console.error(`run-in-host: no result after ${TIMEOUT_MS} ms; server output follows`);
      console.error(serverLog.join(''));
    }
  } catch (error) {
    console.error(`run-in-host: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 2;
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}

main();
