// Real input for in-host tests: a test prints `host-action: {"selector": "...", "click": true}` (or
// `"press": "Enter"`, or `"type": "some text"`) on the extension host's console, and the runner performs it with the mouse or keyboard in
// the window — in whichever frame holds the element, webviews included. The test then polls for the effect
// (an editor opened, a figure changed); a failed action is printed on stderr.
'use strict';

const ACTION_TIMEOUT_MS = 20_000;

/** The first frame of the page (webview frames included) that has an element matching `selector`. */
async function frameWith(page, selector, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        if ((await frame.locator(selector).count()) > 0) return frame;
      } catch {
        // A frame navigated away meanwhile.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no frame has an element matching ${selector} after ${timeoutMs} ms`);
}

/** Actions run one after the other, in the order the test asked for them. */
let queue = Promise.resolve();

/** Queues one action; returns true when `text` was an action line. */
function handleHostAction(page, text) {
  const match = /^host-action: (.*)$/.exec(text);
  if (!match) return false;
  const run = async () => {
    const action = JSON.parse(match[1]);
    const frame = await frameWith(page, action.selector, ACTION_TIMEOUT_MS);
    const target = frame.locator(action.selector).first();
    if (action.click) await target.click();
    if (action.type) await target.pressSequentially(action.type);
    if (action.press) {
      await target.focus();
      await target.press(action.press);
    }
  };
  queue = queue.then(run).catch((error) => process.stderr.write(`host-action failed: ${error.message}\n`));
  return true;
}

module.exports = { handleHostAction };
