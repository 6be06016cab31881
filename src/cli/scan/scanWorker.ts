import { parentPort, workerData } from 'node:worker_threads';
import { ParserHost } from '../../core/parsing/host';
import { hostAnalyzer } from '../../core/workspace/analyzer';
import type { WorkerReply, WorkerTask } from './workerMessages';

/**
 * A parsing thread of the scan's worker pool (bundled as dist/scanWorker.js): one parser host, tasks in, call
 * records out. Runs no code from the files it reads: they are only parsed.
 */
const port = parentPort;
if (port) {
  const { wasmDir } = workerData as { wasmDir: string };
  const analyzer = hostAnalyzer(new ParserHost(wasmDir));
  port.on('message', (task: WorkerTask) => {
    analyzer.analyze(task.text, task.languageId, task.file).then(
      (calls) => port.postMessage({ id: task.id, calls } satisfies WorkerReply),
      (error: unknown) =>
        port.postMessage({
          id: task.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies WorkerReply),
    );
  });
}
