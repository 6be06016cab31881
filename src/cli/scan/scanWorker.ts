import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { ParserHost } from '../../core/parsing/host';
import { hostAnalyzer } from '../../core/workspace/analyzer';
import { diskFiles } from '../../core/project/projectFiles';
import { WorkspaceIndex } from '../../core/project/workspaceIndex';
import type { WorkerReply, WorkerTask, WorkerWorkspace } from './workerMessages';

/**
 * A parsing thread of the scan's worker pool (bundled as dist/scanWorker.js): one parser host, tasks in, call
 * records out (on the `replies` port, which the pool can read without waiting for its event loop). Runs no code
 * from the files it reads: they are only parsed.
 */
const port = parentPort;
if (port) {
  const { wasmDir, workspace, replies } = workerData as {
    wasmDir: string;
    workspace?: WorkerWorkspace;
    replies: MessagePort;
  };
  const host = new ParserHost(wasmDir);
  const index = workspace ? new WorkspaceIndex({ files: diskFiles(), host, ...workspace }) : undefined;
  const analyzer = hostAnalyzer(host, index);
  port.on('message', (task: WorkerTask) => {
    analyzer.analyze(task.text, task.languageId, task.file).then(
      (calls) =>
        replies.postMessage({
          id: task.id,
          calls,
          dependsOn: analyzer.dependenciesOf?.(task.file),
          skipped: index?.skippedFiles(),
        } satisfies WorkerReply),
      (error: unknown) =>
        replies.postMessage({
          id: task.id,
          error: error instanceof Error ? error.message : String(error),
          skipped: index?.skippedFiles(),
        } satisfies WorkerReply),
    );
  });
}
