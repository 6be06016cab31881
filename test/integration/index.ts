import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? testFiles(path.join(dir, entry.name))
        : entry.name.endsWith('.test.js')
          ? [path.join(dir, entry.name)]
          : [],
    )
    .sort();
}

/**
 * The test entry the extension host loads. It runs the compiled `*.test.js` files of one scenario folder
 * (`LLM_COST_LENS_SCENARIO`, set by scripts/test-host.js; every folder when unset) with mocha.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const scenario = process.env.LLM_COST_LENS_SCENARIO;
  const root = scenario ? path.join(__dirname, scenario) : __dirname;
  const files = testFiles(root);
  if (files.length === 0) throw new Error(`no compiled tests under ${root}`);
  for (const file of files) mocha.addFile(file);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  // Node's runner reads this plain line, whatever the reporter prints.
  const total = mocha.suite.total();
  console.log(`in-host: ${total - failures} passed, ${failures} failed`);
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed`);
}
