import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/analysis/analyze';
import { mayHoldCandidates } from '../../../src/core/analysis/candidates';
import type { CallRecord } from '../../../src/core/analysis/types';
import type { ParserHost } from '../../../src/core/parsing/host';
import { isPythonLike, languageIdForPath } from '../../../src/core/parsing/languages';

/** One expected call of a fixture file (`expected.json` beside the sources, keyed by file). */
export interface ExpectedCall {
  line: number;
  sdk: string;
  api: string;
  model: string | null;
  modelVia: string;
  outputLimit: boolean;
  outputLimitValue: number | null;
  stream: boolean;
  inLoop: boolean;
  systemPrompt: string;
  batch?: boolean;
  baseUrl?: string;
  callsPerDay?: number;
  caching?: { explicit: boolean; ttl: string | null };
}

export interface FixtureScore {
  expected: number;
  reported: number;
  matched: number;
  negatives: number;
  /** Human-readable differences: missed calls, false calls, wrong fields. */
  problems: string[];
}

export const analysisFixtures = (fixturesDir: string): string => path.join(fixturesDir, 'analysis');

/** Compares what the analyser reports on every fixture with its expected records. */
export async function scoreFixtures(root: string, host: ParserHost): Promise<FixtureScore> {
  const score: FixtureScore = { expected: 0, reported: 0, matched: 0, negatives: 0, problems: [] };
  for (const dir of readdirSync(root).sort()) {
    const expectedFile = path.join(root, dir, 'expected.json');
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Record<
      string,
      { calls: ExpectedCall[]; negatives: number[] }
    >;
    for (const [file, spec] of Object.entries(expected)) {
      const full = path.join(root, dir, file);
      const languageId = languageIdForPath(full);
      if (!languageId) throw new Error(`${dir}/${file}: not a source file`);
      const text = readFileSync(full, 'utf8');
      const { calls } = await analyze(text, languageId, `${dir}/${file}`, host);
      // The workspace scan parses only what this gate lets through: a file with calls must pass it.
      if (calls.length > 0 && !mayHoldCandidates(text, isPythonLike(languageId)))
        score.problems.push(`${dir}/${file}: holds calls, but mayHoldCandidates says it cannot`);
      score.expected += spec.calls.length;
      score.reported += calls.length;
      score.negatives += spec.negatives.length;
      for (const want of spec.calls) {
        const got = calls.find((c) => c.line === want.line && c.sdk === want.sdk && c.api === want.api);
        if (!got) {
          score.problems.push(`missed ${dir}/${file}:${want.line} ${want.sdk} ${want.api}`);
          continue;
        }
        score.matched++;
        for (const difference of compare(want, got)) score.problems.push(`${dir}/${file}:${want.line} ${difference}`);
      }
      for (const got of calls) {
        if (!spec.calls.some((w) => w.line === got.line && w.sdk === got.sdk && w.api === got.api)) {
          const negative = spec.negatives.includes(got.line) ? ' (a listed look-alike)' : '';
          score.problems.push(`false call ${dir}/${file}:${got.line} ${got.sdk} ${got.api}${negative}`);
        }
      }
    }
  }
  return score;
}

function compare(want: ExpectedCall, got: CallRecord): string[] {
  const actual: ExpectedCall = {
    line: got.line,
    sdk: got.sdk,
    api: got.api,
    model: got.model,
    modelVia: got.modelVia,
    outputLimit: got.outputLimit,
    outputLimitValue: got.outputLimitValue,
    stream: got.stream,
    inLoop: got.inLoop,
    systemPrompt: got.systemPrompt.kind,
  };
  if (got.batch) actual.batch = true;
  if (got.baseUrl) actual.baseUrl = got.baseUrl;
  if (got.callsPerDay) actual.callsPerDay = got.callsPerDay;
  if (got.caching.explicit) actual.caching = { explicit: got.caching.explicit, ttl: got.caching.ttl };
  const differences: string[] = [];
  const keys = new Set([...Object.keys(want), ...Object.keys(actual)] as (keyof ExpectedCall)[]);
  for (const key of keys) {
    if (JSON.stringify(want[key]) !== JSON.stringify(actual[key])) {
      differences.push(`${key}: expected ${JSON.stringify(want[key])}, got ${JSON.stringify(actual[key])}`);
    }
  }
  return differences;
}
