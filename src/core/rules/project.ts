/** What the project around a file says that a fix depends on (read from its `package.json`). */
export interface ProjectInfo {
  /** Major version of the Vercel AI SDK (`ai`) the project depends on; null when unknown. */
  vercelAiMajor: number | null;
}

export const unknownProject: Readonly<ProjectInfo> = { vercelAiMajor: null };

/** The project info in a `package.json` text; unknown fields when it does not parse or does not say. */
export function projectInfoFromPackageJson(text: string): ProjectInfo {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return { ...unknownProject };
  }
  if (!manifest || typeof manifest !== 'object') return { ...unknownProject };
  const sections = ['dependencies', 'devDependencies', 'peerDependencies'] as const;
  for (const section of sections) {
    const deps = (manifest as Record<string, unknown>)[section];
    const range = deps && typeof deps === 'object' ? (deps as Record<string, unknown>).ai : undefined;
    if (typeof range !== 'string') continue;
    // `^4.3.1`, `~5.0.0`, `>=4 <6`, `4.x`: the first major named.
    const major = /(\d+)(?:\.[\dx*]+)*/.exec(range);
    return { vercelAiMajor: major ? Number(major[1]) : null };
  }
  return { ...unknownProject };
}
