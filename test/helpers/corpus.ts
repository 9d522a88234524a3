// Access to the real pages in ../shared/corpus. Tests that need them skip, with a visible
// message, where ../shared is absent (a clone outside this workplace).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'vitest';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = resolve(PROJECT_ROOT, '../shared/corpus');
export const SEEDS_DIR = resolve(PROJECT_ROOT, '../shared/seeds');
export const HAS_CORPUS = existsSync(join(CORPUS_DIR, 'zyte', 'ground-truth.json'));
export const HAS_SEEDS = existsSync(join(SEEDS_DIR, '000_5ae754d5d40549f7.txt'));

/** `describe` when the corpus is present, otherwise a skipped block that says why. */
export function describeWithCorpus(name: string, body: () => void): void {
  if (HAS_CORPUS) {
    describe(name, body);
  } else {
    console.warn(`SKIPPED "${name}": ../shared/corpus not found at ${CORPUS_DIR}`);
    // vitest runs a skipped block's body while collecting, and these bodies read the corpus:
    // the skipped block gets one placeholder test in its stead.
    describe.skip(`${name} (skipped: ../shared/corpus is absent)`, () => {
      it('reads ../shared/corpus', () => {});
    });
  }
}

export interface ZytePage {
  readonly id: string;
  readonly url: string;
  readonly path: string;
  readonly articleBody: string;
}

/** The zyte pages, read once per test file: the ground truth is a 900 kB JSON file. */
let zyte: readonly ZytePage[] | undefined;

export function zytePages(): readonly ZytePage[] {
  zyte ??= readZytePages();
  return zyte;
}

function readZytePages(): ZytePage[] {
  const truth = JSON.parse(
    readFileSync(join(CORPUS_DIR, 'zyte', 'ground-truth.json'), 'utf8'),
  ) as Record<string, { url: string; articleBody: string }>;
  return Object.entries(truth)
    .map(([id, { url, articleBody }]) => ({
      id,
      url,
      articleBody,
      path: join(CORPUS_DIR, 'zyte', 'html', `${id}.html.gz`),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface ReadabilityPage {
  readonly name: string;
  readonly path: string;
  readonly expected: Record<string, unknown>;
}

const READABILITY_DIR = join(CORPUS_DIR, 'readability', 'pages');

export function readabilityPages(): ReadabilityPage[] {
  return readdirSync(READABILITY_DIR)
    .sort()
    .map((name) => ({
      name,
      path: readabilityPagePath(name),
      expected: JSON.parse(
        readFileSync(join(READABILITY_DIR, name, 'expected-metadata.json'), 'utf8'),
      ),
    }));
}

/** The gzipped source of the readability corpus page `name`. */
export function readabilityPagePath(name: string): string {
  return join(READABILITY_DIR, name, 'source.html.gz');
}

export function readGzip(path: string): Buffer {
  return gunzipSync(readFileSync(path));
}
