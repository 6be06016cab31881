/** What the project around a file says that a fix depends on (read from its manifests). */
export interface ProjectInfo {
  /** Major version of the Vercel AI SDK (`ai`) the project depends on; null when unknown. */
  vercelAiMajor: number | null;
  /**
   * Whether every OpenAI SDK version the project's `package.json` allows takes `max_completion_tokens`
   * (openai-node 4.60.0, September 2024, with o1): older type definitions reject it, so TypeScript does not build.
   * Null when the manifest does not say.
   */
  openaiNodeCompletionTokens: boolean | null;
  /**
   * The same for Python (`requirements*.txt`, `pyproject.toml`): openai-python 1.0 to 1.44 raise a `TypeError` on
   * the keyword; 0.x sends it as given, and 1.45.0 (September 2024) takes it.
   */
  openaiPythonCompletionTokens: boolean | null;
}

export const unknownProject: Readonly<ProjectInfo> = {
  vercelAiMajor: null,
  openaiNodeCompletionTokens: null,
  openaiPythonCompletionTokens: null,
};

/** A version as numbers (`4.24.7` → [4, 24, 7]), missing parts 0. */
type Version = readonly [number, number, number];

function parseVersion(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

function atLeast(version: Version, floor: Version): boolean {
  for (let i = 0; i < 3; i++) {
    if (version[i] !== floor[i]) return (version[i] ?? 0) > (floor[i] ?? 0);
  }
  return true;
}

/**
 * The lowest version an npm range allows, as far as a plain reading goes (`^4.24.7`, `~4.60`, `>=4.23 <5`, `4.x`,
 * `4.24.7`); null for a range it cannot read (`*`, `latest`, a tag, a URL), which installs the newest.
 */
function npmFloor(range: string): Version | null {
  const first = range.split('||')[0]?.trim() ?? '';
  const match = /^(?:[\^~]|>=?|=)?\s*v?(\d+(?:\.(?:\d+|[xX*]))*)/.exec(first);
  return match?.[1] ? parseVersion(match[1].replace(/[xX*]/g, '0')) : null;
}

/** The project info in a `package.json` text; unknown fields when it does not parse or does not say. */
export function projectInfoFromPackageJson(text: string): ProjectInfo {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return { ...unknownProject };
  }
  if (!manifest || typeof manifest !== 'object') return { ...unknownProject };
  const info: ProjectInfo = { ...unknownProject };
  const sections = ['dependencies', 'devDependencies', 'peerDependencies'] as const;
  for (const section of sections) {
    const deps = (manifest as Record<string, unknown>)[section];
    if (!deps || typeof deps !== 'object') continue;
    const { ai, openai } = deps as Record<string, unknown>;
    if (typeof ai === 'string' && info.vercelAiMajor === null) {
      // `^4.3.1`, `~5.0.0`, `>=4 <6`, `4.x`: the first major named.
      const major = /(\d+)(?:\.[\dx*]+)*/.exec(ai);
      info.vercelAiMajor = major ? Number(major[1]) : null;
    }
    if (typeof openai === 'string' && info.openaiNodeCompletionTokens === null) {
      const floor = npmFloor(openai);
      info.openaiNodeCompletionTokens = floor ? atLeast(floor, [4, 60, 0]) : true;
    }
  }
  return info;
}

/**
 * What a Python manifest says of the `openai` package: `requirements.txt` lines (`openai==1.30.0`,
 * `openai>=1.3,<2`, `openai`) or `pyproject.toml` (`"openai>=1.30"`, Poetry's `openai = "^1.30"`); the fields it
 * does not say are unknown.
 */
export function projectInfoFromPythonManifest(text: string): ProjectInfo {
  const info: ProjectInfo = { ...unknownProject };
  const pep508 =
    /(?:^|["'\s,])openai\s*(?:\[[^\]]*\])?\s*(?:(===?|~=|>=?|<=?|!=)\s*(\d+(?:\.\d+)*)[^\n"'#;]*)?\s*(?=["'\n#;]|$)/m;
  const poetry = /^\s*openai\s*=\s*(?:["']|\{[^}\n]*version\s*=\s*["'])\s*([\^~]|>=|==)?\s*(\d+(?:\.\d+)*)/m;
  const fromPoetry = poetry.exec(text);
  const fromPep = fromPoetry ? null : pep508.exec(text);
  const operator = fromPoetry?.[1] ?? fromPep?.[1];
  const version = fromPoetry?.[2] ?? fromPep?.[2];
  if (!fromPoetry && !fromPep) return info;
  // Only an upper bound (`openai<1.40`) names no lowest version.
  if (version && operator && /^(<=?|!=)$/.test(operator)) return info;
  if (!version) {
    info.openaiPythonCompletionTokens = true;
    return info;
  }
  const floor = parseVersion(version);
  info.openaiPythonCompletionTokens = floor[0] === 0 || atLeast(floor, [1, 45, 0]);
  return info;
}

/** `near` with each field it does not know taken from `far` (a nearer manifest wins). */
export function mergeProjectInfo(near: ProjectInfo, far: ProjectInfo): ProjectInfo {
  return {
    vercelAiMajor: near.vercelAiMajor ?? far.vercelAiMajor,
    openaiNodeCompletionTokens: near.openaiNodeCompletionTokens ?? far.openaiNodeCompletionTokens,
    openaiPythonCompletionTokens: near.openaiPythonCompletionTokens ?? far.openaiPythonCompletionTokens,
  };
}

/** Whether every field is known: no manifest further up can add to it. */
export function projectInfoComplete(info: ProjectInfo): boolean {
  return Object.values(info).every((value) => value !== null);
}
