import { perCallAndMonth } from './money';
import type { CallContext, Rule, RuleResult } from './types';

/** Anthropic allows this many cache_control breakpoints in one request (the automatic one included). */
export const maxBreakpoints = 4;

export const tooManyCacheBreakpoints: Rule = {
  code: 'too-many-cache-breakpoints',
  defaultSeverity: 'error',
  title: 'More than 4 cache_control breakpoints in one request',
  help: 'Anthropic accepts at most 4 cache_control breakpoints per request (tools, system and messages together, the automatic one included) and answers HTTP 400 to more. Keep the marker on the last block of each prefix you reuse and drop the others; one marker at the end of a static prefix caches everything before it.',
  fixable: 'none',
  check(context: CallContext): RuleResult | null {
    const { call, cost } = context;
    const markers = call.caching.markers;
    if (markers.length <= maxBreakpoints || (call.sdk !== 'anthropic' && context.entry?.provider !== 'anthropic'))
      return null;
    const money = perCallAndMonth(cost, 'expected');
    return {
      message: `${markers.length} cache_control breakpoints in one request (Anthropic allows ${maxBreakpoints}): the API answers HTTP 400 and every call fails${money ? ` (${money} once it runs)` : ''}`,
      range: markers[maxBreakpoints],
    };
  },
};
