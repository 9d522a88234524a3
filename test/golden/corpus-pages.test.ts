// Golden test: real corpus pages archive to exactly the committed file. Each folder
// test/golden/<name>/ holds case.json (which corpus page, its URL, its kind and language) and
// expected.md, the exact file stet writes for it with a fixed capture time.
//
// To accept a change in output: `UPDATE_GOLDEN=1 npm test` rewrites every expected.md, then
// `git diff test/golden` is the review. Without UPDATE_GOLDEN a missing expected.md fails.
//
// The case list comes from the committed folders; the corpus is read only inside the tests,
// so a clone without ../shared collects this file without touching it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../src/document/frontmatter.js';
import { savedPage } from '../../src/fetch/input.js';
import { extractPage } from '../../src/pipeline.js';
import {
  CORPUS_DIR,
  describeWithCorpus,
  PROJECT_ROOT,
  readabilityPagePath,
  readGzip,
} from '../helpers/corpus.js';

interface GoldenCase {
  readonly name: string;
  readonly corpus: 'zyte' | 'readability';
  readonly id: string;
  readonly url: string;
  readonly kind: string;
  readonly language: string;
}

const GOLDEN_DIR = join(PROJECT_ROOT, 'test/golden');
const CAPTURED_AT = new Date('2026-01-01T00:00:00Z');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function goldenCases(): GoldenCase[] {
  return readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(GOLDEN_DIR, entry.name, 'case.json')))
    .map((entry) => ({
      name: entry.name,
      ...(JSON.parse(readFileSync(join(GOLDEN_DIR, entry.name, 'case.json'), 'utf8')) as Omit<
        GoldenCase,
        'name'
      >),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function sourcePath(golden: GoldenCase): string {
  return golden.corpus === 'zyte'
    ? join(CORPUS_DIR, 'zyte', 'html', `${golden.id}.html.gz`)
    : readabilityPagePath(golden.id);
}

/** The archived file's text, as src/archive/store.ts writes it. */
function archivedText(golden: GoldenCase): string {
  const path = sourcePath(golden);
  const extraction = extractPage(savedPage(path, golden.url, readGzip(path), CAPTURED_AT), {
    url: golden.url,
  });
  return serializeDocument(extraction.document);
}

const CASES = goldenCases();

describe('golden corpus cases', () => {
  it('cover at least 25 pages of both corpora, each fully described', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((golden) => golden.corpus))).toEqual(new Set(['zyte', 'readability']));
    for (const golden of CASES) {
      expect(golden.id, golden.name).toMatch(/\S/);
      expect(golden.url, golden.name).toMatch(/^https?:\/\//);
      expect(golden.kind, golden.name).toMatch(/\S/);
      expect(golden.language, golden.name).toMatch(/\S/);
    }
  });
});

describeWithCorpus('golden: real corpus pages archive to exactly expected.md', () => {
  for (const golden of CASES) {
    it(`${golden.name} (${golden.corpus}, ${golden.kind}, ${golden.language})`, () => {
      const expectedPath = join(GOLDEN_DIR, golden.name, 'expected.md');
      const actual = archivedText(golden);
      if (UPDATE) {
        writeFileSync(expectedPath, actual);
        expect(readFileSync(expectedPath, 'utf8')).toBe(actual);
        return;
      }
      if (!existsSync(expectedPath)) {
        throw new Error(`${expectedPath} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
      }
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
