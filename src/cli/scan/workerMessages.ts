import type { CallRecord, LanguageId } from '../../core/analysis/types';

/** One file for a parsing thread. */
export interface WorkerTask {
  id: number;
  text: string;
  languageId: LanguageId;
  file: string;
}

/** Its answer: the calls, or why the analysis failed. */
export type WorkerReply = { id: number; calls: CallRecord[] } | { id: number; error: string };
