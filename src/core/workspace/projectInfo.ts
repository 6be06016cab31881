import * as path from 'node:path';
import {
  mergeProjectInfo,
  projectInfoComplete,
  projectInfoFromPackageJson,
  projectInfoFromPythonManifest,
  unknownProject,
  type ProjectInfo,
} from '../rules/project';
import { joinPath, type FileSystem } from './fileSystem';

/** A manifest larger than this is not a hand-written one. */
const maxManifestBytes = 1024 * 1024;
/** How far up from a file a manifest is looked for (a package in a monorepo, then its root). */
const maxLevels = 8;

/** The manifests a folder may hold, and how each is read. */
const manifests: readonly { name: string; read: (text: string) => ProjectInfo }[] = [
  { name: 'package.json', read: projectInfoFromPackageJson },
  { name: 'requirements.txt', read: projectInfoFromPythonManifest },
  { name: 'pyproject.toml', read: projectInfoFromPythonManifest },
];

/** The manifest files ProjectManifests reads, for a watcher (`**\/{package.json,...}`). */
export const manifestNames: readonly string[] = manifests.map((m) => m.name);

/**
 * What the manifests above a file say (the Vercel AI SDK's version, whether the OpenAI SDK takes
 * `max_completion_tokens`: what a fix's parameter name depends on): for each, the nearest folder that says it,
 * else unknown. Read through a FileSystem, never run; remembered per folder. Paths are the FileSystem's
 * (absolute, `/`-separated).
 */
export class ProjectManifests {
  private readonly byFolder = new Map<string, Promise<ProjectInfo>>();

  constructor(private readonly fs: FileSystem) {}

  async infoFor(file: string): Promise<ProjectInfo> {
    let info: ProjectInfo = { ...unknownProject };
    let dir = path.posix.dirname(file);
    for (let level = 0; level < maxLevels; level++) {
      info = mergeProjectInfo(info, await this.folder(dir));
      if (projectInfoComplete(info)) break;
      const parent = path.posix.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return info;
  }

  private folder(dir: string): Promise<ProjectInfo> {
    let known = this.byFolder.get(dir);
    if (!known) {
      known = this.readFolder(dir);
      this.byFolder.set(dir, known);
    }
    return known;
  }

  private async readFolder(dir: string): Promise<ProjectInfo> {
    let info: ProjectInfo = { ...unknownProject };
    for (const manifest of manifests) {
      const found = await this.read(joinPath(dir, manifest.name), manifest.read);
      if (found) info = mergeProjectInfo(info, found);
    }
    return info;
  }

  private async read(file: string, parse: (text: string) => ProjectInfo): Promise<ProjectInfo | null> {
    try {
      const stat = await this.fs.stat(file);
      if (stat?.kind !== 'file' || stat.size > maxManifestBytes) return null;
      return parse(new TextDecoder().decode(await this.fs.readFile(file, maxManifestBytes)));
    } catch {
      // Unreadable: as if absent.
      return null;
    }
  }
}
