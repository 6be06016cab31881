import { isLanguageId } from '../../core/parsing';
import { findIssues, type Finding } from '../../core/rules';
import type { DocumentState, StateSlot } from '../documentModel';
import { log } from '../log';
import type { ProjectInfoService } from './projectInfo';
import { readRuleSettings } from './ruleSettings';

/** The rules' findings of a document state, computed once per state from its records and costs. */
export function findingsSlot(projects: ProjectInfoService): StateSlot<Finding[]> {
  const failed = new Set<string>();
  return {
    name: 'findings',
    compute(state: DocumentState): Finding[] {
      if (!isLanguageId(state.languageId) || state.calls.length === 0) return [];
      try {
        return findIssues({
          text: state.text,
          languageId: state.languageId,
          calls: state.calls,
          costs: state.costs,
          table: state.table,
          costSettings: state.context.settings,
          settings: readRuleSettings(state.uri),
          project: projects.infoFor(state.uri),
          count: state.context.count,
          onRuleError: (code, call, error) =>
            log().error(
              `Rule ${code} failed on ${state.uri.toString()}:${call.line}; the other rules carry on:`,
              error,
            ),
        });
      } catch (error) {
        // A bug in a rule must not take the other surfaces down: log it once per document, show no findings.
        const key = state.uri.toString();
        if (!failed.has(key)) log().error(`The cost rules failed on ${key}:`, error);
        failed.add(key);
        return [];
      }
    },
  };
}
