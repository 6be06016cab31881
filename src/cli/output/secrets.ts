/** The environment variables that hold a key the CLI sends; their values never reach any output. */
export const apiKeyVariables = ['LLM_COST_LENS_API_KEY', 'OPENAI_API_KEY'] as const;

/** The API key of the environment, as the compressor reads it. */
export function apiKeyFrom(env: NodeJS.ProcessEnv): string | undefined {
  return env.LLM_COST_LENS_API_KEY || env.OPENAI_API_KEY || undefined;
}

// Shorter values are not keys, and hiding them could garble ordinary text.
const minSecretLength = 8;

function secretsIn(env: NodeJS.ProcessEnv): string[] {
  return apiKeyVariables
    .map((name) => env[name]?.trim())
    .filter((value): value is string => value !== undefined && value.length >= minSecretLength);
}

/** Whether UTF-8 `bytes` hold one of the environment's API keys (which `secretRedactor` would hide). */
export function containsSecret(env: NodeJS.ProcessEnv, bytes: Buffer): boolean {
  return secretsIn(env).some((secret) => bytes.includes(secret, 0, 'utf8'));
}

/** Replaces every occurrence of the environment's API keys with `***`: a last guard on everything printed. */
export function secretRedactor(env: NodeJS.ProcessEnv): (text: string) => string {
  const secrets = secretsIn(env);
  if (secrets.length === 0) return (text) => text;
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}
