import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithCorpus, PROJECT_ROOT, zytePages } from '../helpers/corpus.js';

const TRUTH_FILE = join(PROJECT_ROOT, 'bench', 'metadata-truth.json');
const MIN_PAGES = 40;

interface Row {
  url: string;
  author: unknown;
  date: unknown;
  section: unknown;
  note: unknown;
}

describeWithCorpus('bench/metadata-truth.json', () => {
  const table = JSON.parse(readFileSync(TRUTH_FILE, 'utf8')) as { pages: Record<string, Row> };

  it(`holds at least ${MIN_PAGES} zyte pages, each a real corpus page with its URL`, () => {
    const urls = new Map(zytePages().map((page) => [page.id, page.url]));
    expect(Object.keys(table.pages).length).toBeGreaterThanOrEqual(MIN_PAGES);
    for (const [id, row] of Object.entries(table.pages)) expect(row.url).toBe(urls.get(id));
  });

  it('gives every row an author, an ISO day, a section list (or null) and a note', () => {
    for (const row of Object.values(table.pages)) {
      expect(
        row.author === null || typeof row.author === 'string' || Array.isArray(row.author),
      ).toBe(true);
      expect(row.date === null || /^\d{4}-\d{2}-\d{2}$/.test(String(row.date))).toBe(true);
      expect(row.section === null || Array.isArray(row.section)).toBe(true);
      expect(typeof row.note).toBe('string');
    }
  });
});
