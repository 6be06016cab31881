import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { projectInfoFromPackageJson, unknownProject, type ProjectInfo } from '../../core/rules';

/** A package.json larger than this is not a hand-written manifest. */
const maxManifestBytes = 1024 * 1024;
/** How far up from a file a manifest is looked for (a package in a monorepo, then its root). */
const maxLevels = 8;

/**
 * What the `package.json` files above a file say (the Vercel AI SDK version): the nearest one that names the
 * dependency, else unknown. Only read, never run; remembered per directory.
 */
export class ProjectInfoReader {
  private readonly byDirectory = new Map<string, ProjectInfo | null>();

  infoFor(file: string): ProjectInfo {
    let dir = path.dirname(path.resolve(file));
    for (let level = 0; level < maxLevels; level++) {
      const found = this.manifestIn(dir);
      if (found && found.vercelAiMajor !== null) return found;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return { ...unknownProject };
  }

  private manifestIn(dir: string): ProjectInfo | null {
    const known = this.byDirectory.get(dir);
    if (known !== undefined) return known;
    let info: ProjectInfo | null = null;
    const manifest = path.join(dir, 'package.json');
    try {
      const stat = statSync(manifest, { throwIfNoEntry: false });
      if (stat?.isFile() && stat.size <= maxManifestBytes)
        info = projectInfoFromPackageJson(readFileSync(manifest, 'utf8'));
    } catch {
      // Unreadable: as if absent.
    }
    this.byDirectory.set(dir, info);
    return info;
  }
}
