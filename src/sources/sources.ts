// The sources file (default archive/sources.yml): which pages, feeds and sitemaps `stet capture`
// visits. It is validated completely before any request, and every problem names its line, so a
// typo fails the run at once instead of after an hour of fetching.
//
//   urls:                        # pages, as strings or {url, robots}
//     - https://example.org/news/one
//   feeds:                       # RSS 2.0, Atom, JSON Feed; strings or {url, limit, robots}
//     - url: https://example.org/feed.xml
//       limit: 20
//   sitemaps:                    # sitemaps, sitemap indexes, news sitemaps; same shape as feeds
//     - url: https://example.org/sitemap.xml
//       limit: 50
//   delay: 1000                  # optional: milliseconds between requests to one host
//
// `robots: false` on an entry skips the robots.txt check for that entry's pages (for a site that
// has given permission, or the user's own site).
import { readFile } from 'node:fs/promises';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Pair,
  parseDocument,
  type YAMLMap,
  type Node as YamlNode,
} from 'yaml';
import { StetError } from '../errors.js';

export type SourceKind = 'url' | 'feed' | 'sitemap';

export interface Source {
  readonly kind: SourceKind;
  readonly url: string;
  /** For feeds and sitemaps: at most this many pages (the newest first). */
  readonly limit: number | undefined;
  /** false when the entry opts out of robots.txt. */
  readonly robots: boolean;
  /** 1-based line of the entry in the sources file. */
  readonly line: number;
}

export interface SourcesFile {
  readonly path: string;
  readonly sources: readonly Source[];
  /** Milliseconds between requests to one host, when the file sets it. */
  readonly delayMs: number | undefined;
}

export interface SourcesProblem {
  readonly line: number;
  readonly message: string;
}

/** A sources file that failed validation; `problems` lists every error with its line. */
export class SourcesError extends StetError {
  readonly problems: readonly SourcesProblem[];

  constructor(path: string, problems: readonly SourcesProblem[]) {
    super(
      'sources.invalid',
      path,
      problems.map((problem) => `line ${problem.line}: ${problem.message}`).join('; '),
    );
    this.problems = problems;
  }
}

/** Sitemaps can list tens of thousands of pages; without a limit a run takes this many. */
export const DEFAULT_SITEMAP_LIMIT = 100;
const MAX_LIMIT = 50_000;
/** A longer pause between two requests to one host would make a run take hours. */
const MAX_DELAY_MS = 60_000;
const DELAY_KEY = 'delay';

const SECTIONS: Readonly<Record<string, SourceKind>> = {
  urls: 'url',
  feeds: 'feed',
  sitemaps: 'sitemap',
};
const ENTRY_KEYS: Readonly<Record<SourceKind, readonly string[]>> = {
  url: ['url', 'robots'],
  feed: ['url', 'limit', 'robots'],
  sitemap: ['url', 'limit', 'robots'],
};

export async function loadSources(path: string): Promise<SourcesFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : error;
    throw new StetError('sources.invalid', path, `cannot read the sources file: ${reason}`, {
      cause: error,
    });
  }
  return parseSources(text, path);
}

/** Parses and validates a sources file; throws SourcesError listing every problem. */
export function parseSources(text: string, path: string): SourcesFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const problems: SourcesProblem[] = [];
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;

  for (const error of document.errors) {
    problems.push({
      line: error.linePos?.[0].line ?? lineCounter.linePos(error.pos[0]).line,
      message: error.message.split('\n')[0] ?? error.code,
    });
  }
  if (problems.length > 0) throw new SourcesError(path, problems);

  const root = document.contents;
  if (!isMap(root)) {
    throw new SourcesError(path, [
      {
        line: lineOf(root),
        message: 'expected a mapping with urls, feeds and/or sitemaps',
      },
    ]);
  }

  const sources: Source[] = [];
  let delayMs: number | undefined;
  for (const pair of root.items) {
    const key = scalarText(pair.key);
    const kind = key === undefined ? undefined : SECTIONS[key];
    const keyLine = lineOf(pair.key as YamlNode);
    if (key === DELAY_KEY) {
      delayMs = checkDelay(isScalar(pair.value) ? pair.value.value : pair.value, keyLine, problems);
      continue;
    }
    if (kind === undefined) {
      problems.push({
        line: keyLine,
        message: `unknown section "${key}" (expected urls, feeds, sitemaps or delay)`,
      });
      continue;
    }
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
    if (!isSeq(pair.value)) {
      problems.push({ line: keyLine, message: `${key} must be a list` });
      continue;
    }
    pair.value.items.forEach((item, index) => {
      const where = `${key}[${index}]`;
      const line = lineOf(item as YamlNode);
      const entry = readEntry(item, kind, where, line, lineOf, problems);
      if (entry !== undefined) sources.push(entry);
    });
  }

  if (problems.length === 0 && sources.length === 0) {
    problems.push({ line: lineOf(root), message: 'no urls, feeds or sitemaps are listed' });
  }
  if (problems.length > 0) {
    throw new SourcesError(
      path,
      [...problems].sort((a, b) => a.line - b.line),
    );
  }
  return { path, sources, delayMs };
}

function readEntry(
  item: unknown,
  kind: SourceKind,
  where: string,
  line: number,
  lineOf: (node: YamlNode | null | undefined) => number,
  problems: SourcesProblem[],
): Source | undefined {
  if (isScalar(item)) {
    const url = checkUrl(item.value, where, line, problems);
    return url === undefined
      ? undefined
      : { kind, url, limit: defaultLimit(kind), robots: true, line };
  }
  if (!isMap(item)) {
    problems.push({ line, message: `${where} must be a URL or a mapping with url:` });
    return undefined;
  }
  const fields = readFields(item as YAMLMap, kind, where, lineOf, problems);
  const urlLine = fields.url?.line ?? line;
  if (fields.url === undefined) {
    problems.push({ line, message: `${where} has no url` });
    return undefined;
  }
  const url = checkUrl(fields.url.value, `${where}.url`, urlLine, problems);
  const limit =
    fields.limit === undefined ? defaultLimit(kind) : checkLimit(fields.limit, where, problems);
  const robots = fields.robots === undefined ? true : checkBoolean(fields.robots, where, problems);
  if (url === undefined || limit === null || robots === undefined) return undefined;
  return { kind, url, limit, robots, line };
}

interface Field {
  readonly value: unknown;
  readonly line: number;
}

function readFields(
  map: YAMLMap,
  kind: SourceKind,
  where: string,
  lineOf: (node: YamlNode | null | undefined) => number,
  problems: SourcesProblem[],
): Partial<Record<'url' | 'limit' | 'robots', Field>> {
  const fields: Partial<Record<'url' | 'limit' | 'robots', Field>> = {};
  for (const pair of map.items as Pair<unknown, unknown>[]) {
    const name = scalarText(pair.key);
    const line = lineOf(pair.key as YamlNode);
    if (name === undefined || !ENTRY_KEYS[kind].includes(name)) {
      problems.push({
        line,
        message: `${where}: unknown key "${name}" (expected ${ENTRY_KEYS[kind].join(', ')})`,
      });
      continue;
    }
    const value = isScalar(pair.value) ? pair.value.value : pair.value;
    fields[name as 'url' | 'limit' | 'robots'] = { value, line: lineOf(pair.value as YamlNode) };
  }
  return fields;
}

function checkUrl(
  value: unknown,
  where: string,
  line: number,
  problems: SourcesProblem[],
): string | undefined {
  if (typeof value === 'string') {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // Reported below, with the value.
    }
  }
  problems.push({ line, message: `${where} must be an http(s) URL, got ${JSON.stringify(value)}` });
  return undefined;
}

/** A whole number from 1 to MAX_LIMIT; null when invalid (undefined means "no limit"). */
function checkLimit(field: Field, where: string, problems: SourcesProblem[]): number | null {
  const { value, line } = field;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LIMIT) {
    return value;
  }
  problems.push({
    line,
    message: `${where}.limit must be a whole number from 1 to ${MAX_LIMIT}, got ${JSON.stringify(value)}`,
  });
  return null;
}

function checkBoolean(
  field: Field,
  where: string,
  problems: SourcesProblem[],
): boolean | undefined {
  if (typeof field.value === 'boolean') return field.value;
  problems.push({
    line: field.line,
    message: `${where}.robots must be true or false, got ${JSON.stringify(field.value)}`,
  });
  return undefined;
}

function checkDelay(value: unknown, line: number, problems: SourcesProblem[]): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DELAY_MS) {
    return value;
  }
  problems.push({
    line,
    message: `delay must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, got ${JSON.stringify(value)}`,
  });
  return undefined;
}

function defaultLimit(kind: SourceKind): number | undefined {
  return kind === 'sitemap' ? DEFAULT_SITEMAP_LIMIT : undefined;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
