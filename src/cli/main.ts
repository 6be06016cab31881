import { runCli } from './run';

/**
 * Output into a closed pipe (`llm-cost-lens scan | head`) fails with EPIPE: every later write to that stream is
 * dropped, quietly, and the command still ends with its own exit code. Handled here, once, for every command.
 */
function writerTo(stream: NodeJS.WriteStream): (chunk: string | Uint8Array) => void {
  let closed = false;
  stream.on('error', () => {
    // EPIPE, or any other failure of the stream: nobody reads it any more, and there is nowhere to say so.
    closed = true;
  });
  return (chunk) => {
    if (!closed && !stream.destroyed) stream.write(chunk);
  };
}

const stdout = writerTo(process.stdout);
runCli(process.argv.slice(2), {
  stdout,
  stdoutBytes: stdout,
  stdoutIsTerminal: process.stdout.isTTY === true,
  stderr: writerTo(process.stderr),
  cwd: process.cwd(),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
