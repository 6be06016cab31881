/**
 * Kinds of model the price table leaves out on purpose: they are billed by audio tokens or minutes, per image or
 * per second of video, not by text tokens (the generator drops them: `generate/draft.ts`). A call naming one is
 * told so, not offered a text model whose name happens to be close (`gpt-4o-audio-preview` is no typo of
 * `gpt-4-vision-preview`).
 */
const kinds: readonly [pattern: RegExp, kind: string][] = [
  [/audio|realtime|tts|transcri|whisper|(^|[-/])live([-/]|$)/i, 'an audio or realtime model'],
  [/image|dall-e|imagen|flux|diffusion/i, 'an image model'],
  [/(^|[-/])(sora|veo)/i, 'a video model'],
  [/moderation/i, 'a moderation model'],
];

/** What kind of unpriced model `name` is (`an audio or realtime model`), or null for a name of a text model. */
export function unpricedKind(name: string): string | null {
  return kinds.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}
