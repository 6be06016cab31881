#!/usr/bin/env node
// npm run screenshots: pictures from the real VS Code window (scripts/vscode-host.js) for the README — lenses
// over a Python file, a hover, the status bar with its tooltip, and the choose-a-model Quick Pick — saved to
// media/screenshots/ (outside the VSIX). The extension host runs test/screenshots/director.ts, which puts the
// window in each state and asks for a picture with a `screenshot-request:` line; this script waits until the
// window shows what the request names, crops, and writes the PNG, which tells the director to go on.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { openHost, SetupError } = require('./vscode-host');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'media', 'screenshots');
const TIMEOUT_MS = 180_000;
const viewport = { width: 1280, height: 860 };

/** The part of the window a request asks for: the union of its visible elements' boxes, with a margin. */
async function cropOf(page, selectors, margin = 0) {
  const boxes = [];
  for (const selector of selectors) {
    for (const element of await page.locator(selector).all()) {
      if (!(await element.isVisible())) continue;
      const box = await element.boundingBox();
      if (box && box.width > 0 && box.height > 0) boxes.push(box);
    }
  }
  if (boxes.length === 0) return undefined;
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
  return { x, y, width: right - x, height: bottom - y };
}

/** `{selector, text}`, or a list of them, each looked for inside the one before (text: contained, or /exact/). */
function locate(page, target) {
  let found = page;
  for (const { selector, text, exact } of Array.isArray(target) ? target : [target]) {
    const all = found.locator(selector);
    found = (text ? all.filter({ hasText: exact ? new RegExp(`^${text}$`) : text }) : all).first();
  }
  return found;
}

/** Rests the mouse on a target: its middle, or `fromRight` pixels from its right end (a word in a token run). */
async function hoverOn(page, target) {
  const last = Array.isArray(target) ? target[target.length - 1] : target;
  const element = locate(page, target);
  if (last.fromRight === undefined) return element.hover();
  await element.waitFor({ state: 'visible', timeout: 30_000 });
  const box = await element.boundingBox();
  await page.mouse.move(box.x + box.width - last.fromRight, box.y + box.height / 2, { steps: 5 });
}

/** Drags the lowest horizontal edge of a resizable widget down by `by` pixels. */
async function grow(page, { selector, by }) {
  const edges = [];
  for (const sash of await page.locator(`${selector} .monaco-sash.horizontal`).all()) {
    const box = (await sash.isVisible()) ? await sash.boundingBox() : null;
    if (box) edges.push(box);
  }
  const lowest = edges.sort((a, b) => b.y - a.y)[0];
  if (!lowest) throw new Error(`no resizable edge in ${selector}`);
  const widget = await page.locator(selector).first().boundingBox();
  const x = lowest.x + lowest.width / 2;
  const y = lowest.y + lowest.height / 2;
  // Onto the widget first (a hover stays while the mouse is on it), then onto its edge.
  if (widget) await page.mouse.move(widget.x + widget.width / 2, widget.y + widget.height / 2, { steps: 5 });
  await page.mouse.move(x, y, { steps: 5 });
  await page.mouse.down();
  await page.mouse.move(x, y + by, { steps: 10 });
  await page.mouse.up();
  // Back onto the widget, which closes when the mouse leaves it.
  const grown = await page.locator(selector).first().boundingBox();
  if (grown) await page.mouse.move(grown.x + grown.width / 2, grown.y + grown.height / 2, { steps: 5 });
}

async function take(page, request, dir) {
  if (request.hover) await hoverOn(page, request.hover);
  await locate(page, request.waitFor).waitFor({ state: 'visible', timeout: 30_000 });
  // A notification that closes on its own (a finished progress) must be gone from the picture.
  if (request.gone) await page.locator(request.gone).first().waitFor({ state: 'hidden', timeout: 30_000 });
  if (request.grow) await grow(page, request.grow);
  // Widgets fade in: the picture is taken once no animation runs.
  // eslint-disable-next-line no-undef -- runs in the page
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
    timeout: 10_000,
  });
  const clip = await cropOf(page, request.crop, request.margin);
  await page.screenshot({ path: path.join(dir, `${request.name}.png`), clip });
  // A tooltip opened by the mouse would stay in the next picture.
  if (request.hover) await page.mouse.move(viewport.width / 2, 2);
  console.log(`screenshots: ${request.name}.png`);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-cost-lens-shots-'));
  let host;
  let failed;
  let queue = Promise.resolve();
  try {
    host = await openHost({
      extensionDir: root,
      testEntry: path.join(root, 'out', 'test', 'screenshots', 'director.js'),
      workspaceDir: path.join(root, 'test', 'fixtures', 'screenshots'),
      viewport,
      // Sharp on high-density screens, where most READMEs are read.
      deviceScaleFactor: 2,
      env: { LLM_COST_LENS_SCREENSHOT_DIR: dir },
      onLog: (type, text) => {
        const request = /^screenshot-request: (.*)$/.exec(text);
        if (!request) {
          (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
          return;
        }
        queue = queue.then(() =>
          take(host.page, JSON.parse(request[1]), dir).catch((error) => {
            failed = error;
          }),
        );
      },
    });
    let timer;
    const hung = new Promise((resolve) => {
      timer = setTimeout(() => resolve(124), TIMEOUT_MS);
    });
    const code = await Promise.race([host.finished, hung]);
    clearTimeout(timer);
    await queue;
    if (failed) throw failed;
    if (code !== 0)
      throw new Error(code === 124 ? 'the window did not finish in time' : `the director failed (${code})`);
    fs.mkdirSync(outDir, { recursive: true });
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.png'))) {
      fs.copyFileSync(path.join(dir, file), path.join(outDir, file));
    }
    console.log(`screenshots: saved in ${path.relative(root, outDir)}/`);
  } catch (error) {
    console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof SetupError ? 2 : 1;
  } finally {
    if (host) await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
