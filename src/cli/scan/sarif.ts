import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { maxFileBytes } from '../../core/analysis/analyze';
import { lineOfOffset, lineStarts } from '../../core/analysis/lines';
import { maxNotebookBytes } from '../../core/analysis/notebook';
import { notebookFileLines } from '../../core/analysis/notebookFileLines';
import { rules, ruleDocUrl, type Finding, type RuleSettings, type Severity } from '../../core/rules';
import { decodeSource } from '../../core/workspace/decode';
import { nodeFileSystem } from '../../core/workspace/nodeFileSystem';
import { safeJson } from '../output/terminalText';
import type { JsonLayout } from '../output/jsonLayout';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const levels: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset: number;
  charLength: number;
}

/** 1-based lines and columns (UTF-16 code units, as the run's columnKind says) of offsets in a text. */
function regionMaker(text: string): (start: number, end: number) => Region {
  const starts = lineStarts(text);
  const position = (offset: number): { line: number; column: number } => {
    const line = lineOfOffset(starts, offset);
    return { line, column: offset - (starts[line - 1] as number) + 1 };
  };
  return (start, end) => {
    const a = position(start);
    const b = position(end);
    return {
      startLine: a.line,
      startColumn: a.column,
      endLine: b.line,
      endColumn: b.column,
      charOffset: start,
      charLength: end - start,
    };
  };
}

const ruleName = (code: string): string =>
  code
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** A relative path as a URI reference (segments percent-encoded, `/` kept). */
const uriOf = (file: string): string => file.split('/').map(encodeURIComponent).join('/');

/**
 * The findings as SARIF 2.1.0 (GitHub code scanning and other viewers): every rule with its help text and
 * documentation page, every finding with its location relative to the scan root (`%SRCROOT%`), its fixes as
 * SARIF fixes, and the monthly saving as a property.
 */
export async function findingsSarif(
  findings: readonly Finding[],
  root: string,
  version: string,
  layout: JsonLayout,
  settings?: RuleSettings,
): Promise<string> {
  // Each file is read once; one read since the scan that fails (gone, not text) leaves its findings without lines.
  const readOnce = <T>(maxBytes: number, make: (text: string) => T): ((file: string) => Promise<T | null>) => {
    const made = new Map<string, T | null>();
    return async (file) => {
      if (!made.has(file)) {
        let value: T | null = null;
        try {
          const decoded = decodeSource(await nodeFileSystem.readFile(path.resolve(root, file), maxBytes));
          if (!('problem' in decoded)) value = make(decoded.text);
        } catch {
          // Read a moment ago by the scan; gone now.
        }
        made.set(file, value);
      }
      return made.get(file) ?? null;
    };
  };
  const regionsOf = readOnce(maxFileBytes, regionMaker);
  const notebookLinesOf = readOnce(maxNotebookBytes, notebookFileLines);
  const ruleIndex = new Map(rules.map((rule, i) => [rule.code, i]));
  const results = [];
  for (const finding of findings) {
    const artifactLocation = { uri: uriOf(finding.file), uriBaseId: '%SRCROOT%' };
    if (finding.cell !== undefined) {
      // A notebook: the location is the line of the file's JSON that holds the cell's line, and the fixes (edits
      // of the cell's text, not of the file) are left to the editor.
      const fileLine = (await notebookLinesOf(finding.file))?.(finding.cell, finding.line) ?? null;
      results.push({
        ruleId: finding.code,
        ruleIndex: ruleIndex.get(finding.code),
        level: levels[finding.severity],
        message: { text: `${finding.message} (cell ${finding.cell}, line ${finding.line})` },
        locations: [
          { physicalLocation: { artifactLocation, ...(fileLine ? { region: { startLine: fileLine } } : {}) } },
        ],
        properties: {
          cell: finding.cell,
          lineInCell: finding.line,
          ...(finding.monthlySavingUsd !== undefined ? { monthlySavingUsd: finding.monthlySavingUsd } : {}),
        },
      });
      continue;
    }
    const regions = await regionsOf(finding.file);
    const region = regions
      ? regions(finding.range.start, finding.range.end)
      : { startLine: finding.line, startColumn: finding.column };
    const result: Record<string, unknown> = {
      ruleId: finding.code,
      ruleIndex: ruleIndex.get(finding.code),
      level: levels[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation, region } }],
    };
    if (regions && finding.fixes.length > 0) {
      result.fixes = finding.fixes.map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation,
            replacements: fix.edits.map((edit) => ({
              deletedRegion: regions(edit.start, edit.end),
              insertedContent: { text: edit.newText },
            })),
          },
        ],
      }));
    }
    if (finding.monthlySavingUsd !== undefined) result.properties = { monthlySavingUsd: finding.monthlySavingUsd };
    results.push(result);
  }
  const driverRules = rules.map((rule) => {
    const configured = settings?.severity[rule.code];
    const level: SarifLevel = configured === 'off' ? 'none' : levels[configured ?? rule.defaultSeverity];
    return {
      id: rule.code,
      name: ruleName(rule.code),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.help },
      help: {
        text: `${rule.help}\n\n${ruleDocUrl(rule.code)}`,
        markdown: `${rule.help}\n\n[${rule.code}](${ruleDocUrl(rule.code)})`,
      },
      helpUri: ruleDocUrl(rule.code),
      defaultConfiguration: { level, enabled: configured !== 'off' },
      properties: { fixable: rule.fixable, tags: ['cost', 'llm'] },
    };
  });
  const rootUri = pathToFileURL(root.endsWith(path.sep) ? root : `${root}${path.sep}`).href;
  return safeJson(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'llm-cost-lens',
              semanticVersion: version,
              informationUri: 'https://github.com/llm-cost-lens/llm-cost-lens',
              rules: driverRules,
            },
          },
          originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    },
    layout,
  );
}
