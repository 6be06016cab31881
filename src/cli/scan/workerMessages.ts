import type { CallRecord, LanguageId, SkippedFile } from '../../core/analysis/types';

/** What a thread needs to follow values into the other files of the workspace. */
export interface WorkerWorkspace {
  /** What record paths are relative to. */
  root: string;
  roots: string[];
}

/** One file for a parsing thread. */
export interface WorkerTask {
  id: number;
  text: string;
  languageId: LanguageId;
  file: string;
}

/** Its answer: the calls, or why the analysis failed. */
export type WorkerReply =
  | { id: number; calls: CallRecord[]; dependsOn?: readonly string[]; skipped?: SkippedFile[] }
  | { id: number; error: string; skipped?: SkippedFile[] };
