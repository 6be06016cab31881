import type { CallRecord } from '../analysis/types';
import { providerFromHint } from '../pricing/names';
import { isEmbeddingApi } from '../sdk';
import { isHost, type ModelEntry, type PriceTable } from '../pricing/types';
import { isCurrentGeneralPurpose } from './alternatives';

/**
 * Whether a model can serve the call: the provider the call goes to (Bedrock serves Claude at Anthropic's prices
 * too), or any maker's own model when the SDK can reach several (a host's copies of open models would list the
 * same model again and again), and the same kind (chat or embedding).
 */
export function modelFitsCall(call: CallRecord, entry: ModelEntry): boolean {
  const provider = providerFromHint(call.sdk, call.baseUrl, call.modelProvider);
  const mode = isEmbeddingApi(call.api) ? 'embedding' : 'chat';
  const reaches =
    provider === null
      ? !isHost(entry.provider)
      : entry.provider === provider || (provider === 'bedrock' && entry.provider === 'anthropic');
  return entry.mode === mode && reaches;
}

/**
 * The table's models a person could choose for a call, by provider: current general-purpose names first, then
 * dated snapshots, retired, preview and special-purpose ones (the choose-a-model pick; typing finds any of them).
 */
export function modelChoices(call: CallRecord, table: PriceTable): { group: string; entries: ModelEntry[] }[] {
  const groups = new Map<string, ModelEntry[]>();
  const fitting = table.models
    .filter((entry) => modelFitsCall(call, entry))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
  for (const current of [true, false]) {
    for (const entry of fitting) {
      if (isCurrentGeneralPurpose(entry, table) !== current) continue;
      const group = `Price table: ${entry.provider}${current ? '' : ', older and special-purpose'}`;
      groups.set(group, [...(groups.get(group) ?? []), entry]);
    }
  }
  return [...groups].map(([group, entries]) => ({ group, entries }));
}
