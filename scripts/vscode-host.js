// A real VS Code window without a desktop VS Code and without internet: the VS Code server inside the
// `code-server` npm package (VS Code 1.100.3) hosts the extension, and Debian's Chromium, driven by
// `playwright-core`, is the window that makes the workbench start the extension host. Used by
// scripts/run-in-host.js (tests) and scripts/screenshots.js (pictures from the real window).
//
// openHost() copies the workspace folder to a temporary folder (VS Code for the web saves edited files on its
// own, so a fixture is never changed), starts the server, opens the window on the copy with a test entry
// loaded into the extension host (a folder holding a `.code-workspace` file opens as that multi-root workspace),
// and returns the page, a promise of the test entry's exit code, and close(), which removes every process and
// temporary folder it made.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

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

/** Thrown for a setup problem (missing chromium, code-server, arguments): exit code 2 for the scripts. */
class SetupError extends Error {}

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

function serverMainPath() {
  try {
    return path.join(
      path.dirname(require.resolve('code-server/package.json')),
      'lib',
      'vscode',
      'out',
      'server-main.js',
    );
  } catch {
    throw new SetupError('the code-server package is not installed: run `npm run setup`');
  }
}

/**
 * What the window opens: a `.code-workspace` file at the top of the folder (a multi-root workspace, its folders
 * given relative to it), else the folder itself.
 */
function workspaceQuery(dir) {
  const file = fs.readdirSync(dir).find((name) => name.endsWith('.code-workspace'));
  return file ? `workspace=${encodeURIComponent(path.join(dir, file))}` : `folder=${encodeURIComponent(dir)}`;
}

/**
 * Opens a VS Code window on a copy of `workspaceDir` with the extension at `extensionDir` and the test entry
 * `testEntry` (a module exporting `run(): Promise<void>`) in its extension host.
 * Options: `untrusted` (restricted mode), `viewport` ({width, height}), `deviceScaleFactor`,
 * `onLog(type, text)` for the extension host's console output (default: printed), `env` for the server.
 */
async function openHost({
  extensionDir,
  testEntry,
  workspaceDir,
  untrusted = false,
  viewport,
  deviceScaleFactor,
  onLog,
  env,
}) {
  if (!fs.existsSync(path.join(extensionDir, 'package.json')))
    throw new SetupError(`no package.json in ${extensionDir}`);
  if (!fs.existsSync(testEntry))
    throw new SetupError(`test entry ${testEntry} does not exist (compile the tests first)`);
  if (!fs.statSync(workspaceDir, { throwIfNoEntry: false })?.isDirectory())
    throw new SetupError(`no folder ${workspaceDir}`);
  if (!fs.existsSync(CHROMIUM))
    throw new SetupError(`${CHROMIUM} not found: run \`npm run setup\` (installs Debian's chromium)`);
  const serverMain = serverMainPath();
  const { chromium } = require('playwright-core');

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-host-'));
  let server;
  let browser;
  const serverLog = [];
  const close = async () => {
    if (browser) await browser.close().catch(() => undefined);
    await killTree(server);
    fs.rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    const workspaceCopy = path.join(tempDir, 'workspace', path.basename(workspaceDir));
    fs.cpSync(workspaceDir, workspaceCopy, { recursive: true });
    const port = await freePort();
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
        ...(untrusted ? [] : ['--disable-workspace-trust']),
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
          ...env,
          HOME: path.join(tempDir, 'home'),
          XDG_CONFIG_HOME: path.join(tempDir, 'config'),
          XDG_DATA_HOME: path.join(tempDir, 'data'),
        },
      },
    );
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
    const page = await browser.newPage(viewport ? { viewport, deviceScaleFactor } : {});
    const finished = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The workbench forwards console calls with their format string first.
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (HARMLESS_NOISE.some((pattern) => pattern.test(text))) return;
      if (onLog) onLog(type, text);
      else (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    page.on('pageerror', (error) => process.stderr.write(`[page] ${error.message}\n`));

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['extensionTestsPath', remote(testEntry)],
      ['skipWelcome', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?${workspaceQuery(workspaceCopy)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    return { page, finished, close, serverLog: () => serverLog.join('') };
  } catch (error) {
    await close();
    throw error;
  }
}

module.exports = { openHost, SetupError };
