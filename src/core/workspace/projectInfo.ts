import * as path from 'node:path';
import { projectInfoFromPackageJson, unknownProject, type ProjectInfo } from '../rules/project';
import { joinPath, type FileSystem } from './fileSystem';

/** A package.json larger than this is not a hand-written manifest. */
const maxManifestBytes = 1024 * 1024;
/** How far up from a file a manifest is looked for (a package in a monorepo, then its root). */
const maxLevels = 8;

/**
 * What the `package.json` files above a file say (the Vercel AI SDK version a fix's parameter name depends on):
 * the nearest one that names the dependency, else unknown. Read through a FileSystem, never run; remembered per
 * folder. Paths are the FileSystem's (absolute, `/`-separated).
 */
export class ProjectManifests {
  private readonly byFolder = new Map<string, Promise<ProjectInfo | null>>();

  constructor(private readonly fs: FileSystem) {}

  async infoFor(file: string): Promise<ProjectInfo> {
    let dir = path.posix.dirname(file);
    for (let level = 0; level < maxLevels; level++) {
      const found = await this.manifestIn(dir);
      if (found && found.vercelAiMajor !== null) return found;
      const parent = path.posix.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return { ...unknownProject };
  }

  private manifestIn(dir: string): Promise<ProjectInfo | null> {
    let known = this.byFolder.get(dir);
    if (!known) {
      known = this.read(joinPath(dir, 'package.json'));
      this.byFolder.set(dir, known);
    }
    return known;
  }

  private async read(manifest: string): Promise<ProjectInfo | null> {
    try {
      const stat = await this.fs.stat(manifest);
      if (stat?.kind !== 'file' || stat.size > maxManifestBytes) return null;
      return projectInfoFromPackageJson(new TextDecoder().decode(await this.fs.readFile(manifest, maxManifestBytes)));
    } catch {
      // Unreadable: as if absent.
      return null;
    }
  }
}
