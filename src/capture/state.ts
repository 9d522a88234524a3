// Conditional-GET state: the ETag and Last-Modified of each captured URL, kept in the archive
// (.stet/state.json, or .stet/state-K-of-N.json for a shard, so parallel shards never edit the
// same file and their rebases never conflict). It holds no timestamps of its own, so it only
// changes when a server's validators change, and it is committed only together with articles:
// the state file never causes a commit by itself.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Shard } from './shard.js';

export const STATE_DIR = '.stet';
const STATE_VERSION = 1;

export interface UrlState {
  readonly etag?: string;
  readonly lastModified?: string;
  /** Archive path (relative to the archive) of the capture these validators belong to. */
  readonly path: string;
}

interface StateFileContent {
  readonly version: number;
  readonly urls: Readonly<Record<string, UrlState>>;
}

export class CaptureState {
  /** Path of this run's state file, relative to the archive. */
  readonly relativePath: string;
  readonly #archiveDir: string;
  /** Entries read from other shards' files: consulted, never written. */
  readonly #others: ReadonlyMap<string, UrlState>;
  readonly #own: Map<string, UrlState>;
  readonly #savedText: string | undefined;

  private constructor(
    archiveDir: string,
    relativePath: string,
    own: Map<string, UrlState>,
    others: ReadonlyMap<string, UrlState>,
    savedText: string | undefined,
  ) {
    this.#archiveDir = archiveDir;
    this.relativePath = relativePath;
    this.#own = own;
    this.#others = others;
    this.#savedText = savedText;
  }

  static async load(archiveDir: string, shard: Shard): Promise<CaptureState> {
    const relativePath = stateFileName(shard);
    const directory = join(archiveDir, STATE_DIR);
    const names = (await readdir(directory).catch(() => [] as string[])).filter((name) =>
      /^state(-\d+-of-\d+)?\.json$/.test(name),
    );
    const others = new Map<string, UrlState>();
    let own = new Map<string, UrlState>();
    let savedText: string | undefined;
    for (const name of names.sort()) {
      const text = await readFile(join(directory, name), 'utf8');
      const entries = parseState(text);
      if (join(STATE_DIR, name) === relativePath) {
        own = entries;
        savedText = text;
      } else {
        for (const [url, entry] of entries) others.set(url, entry);
      }
    }
    return new CaptureState(archiveDir, relativePath, own, others, savedText);
  }

  get(url: string): UrlState | undefined {
    return this.#own.get(url) ?? this.#others.get(url);
  }

  set(url: string, entry: UrlState): void {
    this.#own.set(url, entry);
  }

  delete(url: string): void {
    this.#own.delete(url);
  }

  /** Writes the file (atomically) when its content changed; returns whether it did. */
  async save(): Promise<boolean> {
    const text = this.serialize();
    if (text === this.#savedText) return false;
    const path = join(this.#archiveDir, this.relativePath);
    await mkdir(join(this.#archiveDir, STATE_DIR), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, path);
    return true;
  }

  /** Sorted keys and no timestamps: the same validators always give the same bytes. */
  serialize(): string {
    const urls: Record<string, UrlState> = {};
    for (const url of [...this.#own.keys()].sort()) {
      const entry = this.#own.get(url) as UrlState;
      urls[url] = {
        ...(entry.etag !== undefined && { etag: entry.etag }),
        ...(entry.lastModified !== undefined && { lastModified: entry.lastModified }),
        path: entry.path,
      };
    }
    const content: StateFileContent = { version: STATE_VERSION, urls };
    return `${JSON.stringify(content, null, 2)}\n`;
  }
}

function stateFileName(shard: Shard): string {
  return shard.count === 1
    ? join(STATE_DIR, 'state.json')
    : join(STATE_DIR, `state-${shard.index}-of-${shard.count}.json`);
}

/** A damaged or foreign state file costs full GETs, never a failed run. */
function parseState(text: string): Map<string, UrlState> {
  const entries = new Map<string, UrlState>();
  let content: Partial<StateFileContent>;
  try {
    content = JSON.parse(text) as Partial<StateFileContent>;
  } catch {
    return entries;
  }
  if (content.version !== STATE_VERSION || typeof content.urls !== 'object') return entries;
  for (const [url, entry] of Object.entries(content.urls ?? {})) {
    if (typeof entry?.path === 'string') entries.set(url, entry);
  }
  return entries;
}
