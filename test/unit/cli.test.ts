import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../src/cli/run';
import { captureIo } from './helpers/io';

test('cli: no command prints help and exits 2', async () => {
  const io = captureIo();
  const code = await runCli([], io);
  assert.equal(code, 2);
  assert.match(io.out(), /Usage: llm-cost-lens <command>/);
});

test('cli: unknown command exits 2 with a message', async () => {
  const io = captureIo();
  const code = await runCli(['frobnicate'], io);
  assert.equal(code, 2);
  assert.match(io.err(), /unknown command 'frobnicate'/);
});

test('cli: <command> --help prints that command usage and exits 0', async () => {
  const io = captureIo();
  const code = await runCli(['estimate', '--help'], io);
  assert.equal(code, 0);
  assert.match(io.out(), /Usage: llm-cost-lens estimate/);
  assert.equal(io.err(), '');
});
