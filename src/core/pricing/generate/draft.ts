import type { ModelCapabilities, ModelMode, PriceSet, PriceTier, Provider } from '../types';

/** Capability flags as a source states them: only the ones it states. */
export type StatedCapabilities = Partial<Record<keyof ModelCapabilities, boolean>>;

/** A model as read from one source, before provider rules fill the gaps. */
export interface DraftModel {
  id: string;
  provider: Provider;
  mode: ModelMode;
  aliases: string[];
  prefixes: string[];
  prices: PriceSet;
  tiers: PriceTier[];
  contextWindow: number | null;
  maxOutputTokens: number | null;
  cacheMinTokens: number | null;
  supportsCaching: boolean | null;
  capabilities: StatedCapabilities;
}

/** Rounds away float noise (`2.5e-7 * 1e6`), keeping sub-cent prices such as DeepSeek's. */
export function roundUsd(value: number): number {
  return Number(value.toPrecision(6));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Names of models that are not text chat or embedding models (audio, images, realtime, fine-tunes, ...), and
 * LiteLLM's Together size buckets (`together-ai-4.1b-8b`: a price per model size, not a model).
 */
export const excludedName =
  /audio|realtime|tts|transcri|image|moderation|computer-use|^ft:|\.ft-|:free|:extended|search-preview|-search|dall-e|whisper|sora|^babbage|davinci|^curie|^ada$|live|veo|imagen|learnlm|gecko|^aqa|robotics|diffusion|ocr|container|-ca$|flux|^together-ai-/;
