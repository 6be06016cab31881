import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A price map fetched by `--update-prices`, as kept between runs. */
export interface CachedMap {
  text: string;
  fetchedOn: string;
  url: string;
}

const mapFile = 'litellm-prices.json';
const metaFile = 'litellm-prices.meta.json';

/**
 * Where `--update-prices` keeps the last good map: `$LLM_COST_LENS_CACHE_DIR`, else `$XDG_CACHE_HOME/llm-cost-lens`,
 * else `%LOCALAPPDATA%\llm-cost-lens` on Windows, else `~/.cache/llm-cost-lens`.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv): string {
  if (env.LLM_COST_LENS_CACHE_DIR) return path.resolve(env.LLM_COST_LENS_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'llm-cost-lens');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'llm-cost-lens');
  return path.join(env.HOME || os.homedir(), '.cache', 'llm-cost-lens');
}

/** The last good map, or null when there is none (or its record is unreadable). */
export function readCachedMap(dir: string): CachedMap | null {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, metaFile), 'utf8')) as Partial<CachedMap>;
    if (typeof meta.fetchedOn !== 'string' || typeof meta.url !== 'string') return null;
    return { text: fs.readFileSync(path.join(dir, mapFile), 'utf8'), fetchedOn: meta.fetchedOn, url: meta.url };
  } catch {
    return null;
  }
}

/** Keeps a validated map; written to temporary files first so a crash never leaves half a map. */
export function writeCachedMap(dir: string, map: CachedMap): void {
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, text: string): void => {
    const temporary = path.join(dir, `.${name}.${process.pid}.tmp`);
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, path.join(dir, name));
  };
  write(mapFile, map.text);
  write(metaFile, `${JSON.stringify({ fetchedOn: map.fetchedOn, url: map.url })}\n`);
}
