import * as path from 'node:path';
import { runBundle } from './codeCache';

// The `llm-cost-lens` command (dist/cli.js): a small file that runs the CLI bundle beside it (dist/cliMain.js, built
// from ./main.ts) from V8's code cache, so that the bundle is not compiled at every start.
runBundle(path.join(__dirname, 'cliMain.js'));
