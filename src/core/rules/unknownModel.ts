import { editDistance } from '../pricing/suggest';
import { unpricedKind } from '../pricing/unpricedKinds';
import { replaceStringText } from './edits';
import type { CallContext, Fix, Rule, RuleResult } from './types';

/** How many closest names are offered as fixes. */
const offered = 3;

export const unknownModel: Rule = {
  code: 'unknown-model',
  defaultSeverity: 'warning',
  title: 'Model not in the price table',
  help: 'The model name is not in the price table, so its cost is not shown (never guessed as $0). A typo, a retired name, or a private deployment: the fixes offer the closest known names; a private deployment can be priced with the llmCostLens.pricing.overrides setting.',
  fixable: 'suggestion',
  check(context: CallContext): RuleResult | null {
    const { call, cost } = context;
    if (call.model === null || context.entry !== null || !cost.unknown) return null;
    const site = call.sites.model;
    const literal = site ? (site.literal ?? site.value) : null;
    const range = site?.where === 'call' ? site.value : (literal ?? undefined);
    const kind = unpricedKind(call.model);
    if (kind) {
      return {
        message: `Model '${call.model}' is ${kind}: the price table prices text and embedding models, so its cost is not shown; price it with the llmCostLens.pricing.overrides setting`,
        severity: 'info',
        range,
        fixes: [],
      };
    }
    // Only names close enough to be what was meant (a typo, a dated or dotted spelling) become fixes.
    const bare = call.model.slice(call.model.lastIndexOf('/') + 1).toLowerCase();
    const near = cost.unknown.suggestions.filter(
      (name) => editDistance(bare, lastSegment(name).toLowerCase()) <= Math.max(2, Math.floor(bare.length / 4)),
    );
    // A gateway or cloud prefix (`openrouter/`, `azure/`) stays: only the model part is replaced. A table name
    // that has the org part itself (`Qwen/Qwen3-…`) takes it from the prefix, not twice.
    const slash = call.model.lastIndexOf('/');
    const prefix = slash >= 0 ? call.model.slice(0, slash + 1) : '';
    const suggestions = near.slice(0, offered).map((name) => {
      const org = name.slice(0, name.lastIndexOf('/') + 1);
      return (org && prefix.endsWith(org) ? prefix.slice(0, prefix.length - org.length) : prefix) + name;
    });
    const fixes: Fix[] = [];
    for (const name of suggestions) {
      const edit = literal ? replaceStringText(context.text, literal, name) : null;
      if (edit) fixes.push({ title: `Change the model to '${name}'`, edits: [edit], safe: false });
    }
    const closest =
      suggestions.length > 0
        ? ` (did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?)`
        : '; a private deployment can be priced with the llmCostLens.pricing.overrides setting';
    return {
      message: `Unknown model '${call.model}': not in the price table, so its cost is not shown${closest}`,
      // A likely typo fails at run time; a name the table lacks only goes unpriced.
      severity: suggestions.length > 0 ? 'warning' : 'info',
      range,
      fixes,
    };
  },
};

function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
