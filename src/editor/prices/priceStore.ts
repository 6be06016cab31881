import * as vscode from 'vscode';

/** A fetched price map as kept in the extension's global storage. */
export interface StoredMap {
  text: string;
  /** The UTC date it was fetched (what its prices are dated). */
  fetchedOn: string;
  /** When it was fetched, ISO 8601: the weekly update counts from it. */
  fetchedAt: string;
  url: string;
}

const mapName = 'litellm-prices.json';
const metaName = 'litellm-prices.meta.json';

/** The last good price map in the extension's global storage (per machine, not per workspace). */
export class PriceStore {
  constructor(private readonly folder: vscode.Uri) {}

  private uri(name: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, name);
  }

  /** The stored map, or null when there is none or its record is unreadable. */
  async read(): Promise<StoredMap | null> {
    try {
      const decoder = new TextDecoder();
      const meta = JSON.parse(
        decoder.decode(await vscode.workspace.fs.readFile(this.uri(metaName))),
      ) as Partial<StoredMap>;
      if (typeof meta.fetchedOn !== 'string' || typeof meta.fetchedAt !== 'string' || typeof meta.url !== 'string') {
        return null;
      }
      const text = decoder.decode(await vscode.workspace.fs.readFile(this.uri(mapName)));
      return { text, fetchedOn: meta.fetchedOn, fetchedAt: meta.fetchedAt, url: meta.url };
    } catch {
      return null;
    }
  }

  /** When the stored map was fetched, without reading the map itself. */
  async fetchedAt(): Promise<Date | null> {
    try {
      const meta = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.uri(metaName)))) as {
        fetchedAt?: unknown;
      };
      const at = typeof meta.fetchedAt === 'string' ? new Date(meta.fetchedAt) : null;
      return at && !Number.isNaN(at.getTime()) ? at : null;
    } catch {
      return null;
    }
  }

  /** Keeps a validated map: each file written beside its place first, then moved over it. */
  async write(map: StoredMap): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.folder);
    const encoder = new TextEncoder();
    const put = async (name: string, text: string): Promise<void> => {
      const temporary = this.uri(`.${name}.tmp`);
      await vscode.workspace.fs.writeFile(temporary, encoder.encode(text));
      await vscode.workspace.fs.rename(temporary, this.uri(name), { overwrite: true });
    };
    await put(mapName, map.text);
    const { fetchedOn, fetchedAt, url } = map;
    await put(metaName, `${JSON.stringify({ fetchedOn, fetchedAt, url })}\n`);
  }
}
