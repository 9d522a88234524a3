// Golden test: the bundled reference page (examples/), built from the seed's text, archives to
// exactly the seed's article — from the italic lead through "…45 more are besieged inside the
// base.", the paragraph the page split around an ad joined. expected.md is the exact archived
// file: its body was written by hand from ../shared/seeds/000_5ae754d5d40549f7.txt and its
// front-matter checked field by field against the seed; it is never regenerated from our output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '../../src/document/frontmatter.js';
import { savedPage } from '../../src/fetch/input.js';
import { extractPage } from '../../src/pipeline.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';
import { REFERENCE_FRONT_MATTER, REFERENCE_PAGE } from '../helpers/reference-page.js';

const CASE_DIR = join(PROJECT_ROOT, 'test/golden/globalresearch');

describe('golden: Global Research reference page', () => {
  const extraction = extractPage(
    savedPage(
      REFERENCE_PAGE,
      undefined,
      readFileSync(REFERENCE_PAGE),
      new Date('2026-01-01T00:00:00Z'),
    ),
  );
  const expected = readFileSync(join(CASE_DIR, 'expected.md'), 'utf8');

  const expectedBody = parseDocument(expected).markdown;

  it('archives exactly the seed article as the Markdown body', () => {
    expect(extraction.document.markdown).toBe(expectedBody);
    expect(expectedBody).toMatch(/^\*On November 17<sup>th<\/sup>, the Syrian Army/);
    expect(expectedBody).toContain('said that the SAA and its allies are preparing');
    expect(expectedBody.trimEnd()).toMatch(/45 more are besieged inside the base\.$/);
  });

  it('writes exactly the expected archive file', () => {
    expect(serializeDocument(extraction.document)).toBe(expected);
  });

  it("keeps the page's taxonomy, byline and source as front-matter", () => {
    const { metadata } = parseDocument(expected);
    expect(metadata).toMatchObject({ ...REFERENCE_FRONT_MATTER, captured: '2026-01-01T00:00:00Z' });
    expect(metadata.tags).toContain('SYRIA');
  });

  it('logs what it stripped, by rule', () => {
    const ruleIds = new Set(extraction.removals.map((removal) => removal.ruleId));
    for (const ruleId of ['share-prompt', 'advertisement-label', 'separator']) {
      expect(ruleIds).toContain(ruleId);
    }
  });
});
