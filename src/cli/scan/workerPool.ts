import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CallRecord, LanguageId, SkippedFile } from '../../core/analysis/types';
import type { FileAnalyzer } from '../../core/workspace/scan';
import type { WorkerReply, WorkerTask, WorkerWorkspace } from './workerMessages';

interface Pending {
  task: WorkerTask;
  resolve: (calls: CallRecord[]) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The thread's answers come on this port: `hasRoom()` can take them in while the main thread is busy. */
  replies: MessagePort;
  pending: Map<number, Pending>;
  /** Characters handed to this thread and not yet answered: tasks go to the least loaded thread. */
  load: number;
  alive: boolean;
}

/** The worker script beside this module: dist/scanWorker.js in the bundle, out/src/cli/scan/scanWorker.js in tests. */
export function workerScript(): string | null {
  const script = path.join(__dirname, 'scanWorker.js');
  return existsSync(script) ? script : null;
}

/** The default number of worker threads never exceeds this: past it, reading the files is the limit. */
export const maxThreads = 4;

/**
 * Worker threads for parsing: one per core besides the main thread's, at most `maxThreads`. The main thread
 * parses too whenever the workers have enough queued, so one worker per core would leave a core's worth of
 * threads competing for the cores (and each worker costs its own start and JIT warm-up).
 */
export function defaultThreadCount(): number {
  return Math.max(0, Math.min(maxThreads, os.availableParallelism() - 1));
}

/**
 * Characters queued on one thread past which the caller parses the next file itself: about a third of a second of
 * parsing, so that a thread stays busy through the main thread's pauses (garbage collection, a tokenizer table
 * loading, a large file of its own), short enough that the threads' backlog at the end of a scan stays small.
 * On the 20,000-file bench tree (two cores) 64 KB left the thread idle for a tenth of the scan; 320 KB to 768 KB
 * did about equally well.
 */
export const queuedCharsPerThread = 512 * 1024;

/** The least a thread may have queued: enough to keep it busy through a pause of the main thread. */
export const minQueuedChars = 64 * 1024;

/**
 * Spreads parsing over worker threads, each with its own parser host. A thread that dies hands its files to
 * `fallback` (the main thread), so a crash loses no result.
 */
export class WorkerPool implements FileAnalyzer {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  /** Files the threads' workspace indexes did not read, by path (settings files too large, chains too long). */
  private readonly notes = new Map<string, string>();
  /** Per analysed file, the other files its records took values from (as its thread reported). */
  private readonly dependencies = new Map<string, readonly string[]>();

  constructor(
    size: number,
    script: string,
    wasmDir: string,
    private readonly fallback: FileAnalyzer,
    workspace?: WorkerWorkspace,
  ) {
    for (let i = 0; i < size; i++) {
      const { port1: replies, port2 } = new MessageChannel();
      const worker = new Worker(script, { workerData: { wasmDir, workspace, replies: port2 }, transferList: [port2] });
      const thread: Thread = { worker, replies, pending: new Map(), load: 0, alive: true };
      replies.on('message', (reply: WorkerReply) => this.answer(thread, reply));
      worker.on('error', () => this.lose(thread));
      worker.on('exit', () => this.lose(thread));
      this.threads.push(thread);
    }
  }

  /**
   * Whether a live thread has less than `limit` characters waiting (else the main thread can take a file).
   * The answers that have arrived are taken in first: a main thread that reads and parses without pause never
   * returns to the event loop, where they would otherwise wait.
   */
  hasRoom(limit = queuedCharsPerThread): boolean {
    for (const thread of this.threads) {
      for (let reply = receiveMessageOnPort(thread.replies); reply; reply = receiveMessageOnPort(thread.replies)) {
        this.answer(thread, reply.message as WorkerReply);
      }
    }
    return this.threads.some((t) => t.alive && t.load < limit);
  }

  analyze(text: string, languageId: LanguageId, file: string): Promise<CallRecord[]> {
    let thread: Thread | undefined;
    for (const candidate of this.threads) {
      if (candidate.alive && (!thread || candidate.load < thread.load)) thread = candidate;
    }
    if (!thread) return this.fallback.analyze(text, languageId, file);
    const task: WorkerTask = { id: this.nextId++, text, languageId, file };
    const chosen = thread;
    return new Promise((resolve, reject) => {
      chosen.pending.set(task.id, { task, resolve, reject });
      chosen.load += text.length;
      chosen.worker.postMessage(task);
    });
  }

  /** Stops every thread (tasks still pending are finished on the main thread). */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    for (const thread of this.threads) thread.replies.close();
  }

  dependenciesOf(file: string): readonly string[] {
    return this.dependencies.get(file) ?? this.fallback.dependenciesOf?.(file) ?? [];
  }

  /** What the threads' workspace indexes could not read. */
  skippedElsewhere(): SkippedFile[] {
    return [...this.notes].map(([file, reason]) => ({ file, reason }));
  }

  private answer(thread: Thread, reply: WorkerReply): void {
    for (const note of reply.skipped ?? []) this.notes.set(note.file, note.reason);
    const pending = thread.pending.get(reply.id);
    if (!pending) return;
    thread.pending.delete(reply.id);
    thread.load -= pending.task.text.length;
    if ('error' in reply) pending.reject(new Error(reply.error));
    else {
      this.dependencies.set(pending.task.file, reply.dependsOn ?? []);
      pending.resolve(reply.calls);
    }
  }

  private lose(thread: Thread): void {
    if (!thread.alive) return;
    thread.alive = false;
    const orphans = [...thread.pending.values()];
    thread.pending.clear();
    for (const { task, resolve, reject } of orphans) {
      this.fallback.analyze(task.text, task.languageId, task.file).then(resolve, reject);
    }
  }
}
