/** Compressor defaults shared by the CLI and the editor settings (package.json repeats them as setting defaults). */
export const compressorDefaults = {
  baseUrl: 'https://api.openai.com/v1',
  /** Cheap, fast, and follows "reply with the text only" well. */
  model: 'gpt-4o-mini',
  timeoutSeconds: 30,
  targetRatio: 0.5,
} as const;
