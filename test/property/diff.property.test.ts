// diff(a, a) is empty: comparing a revision with itself reports no inserted or deleted words,
// every paragraph equal, and no metadata change. The companion law keeps the first honest:
// appending a new word-bearing paragraph is always reported as an insertion.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffBodies, diffMetadata, flattenHunks } from '../../src/archive/diff.js';

const DIFF_RUNS = 500;

const word = fc.oneof(
  fc.constantFrom(
    'harbour',
    'wall',
    'Tuesday',
    '2018',
    '“quoted”',
    'don’t',
    '—',
    '**bold**',
    '#',
    '-',
    '|',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
);
const paragraph = fc.array(word, { minLength: 1, maxLength: 20 }).map((words) => words.join(' '));
const separator = fc.constantFrom('\n\n', '\n \n', '\n\n\n', '\n\u00a0\n');
const body = fc
  .tuple(fc.array(paragraph, { maxLength: 12 }), separator)
  .map(([paragraphs, sep]) => `${paragraphs.join(sep)}\n`);
const metadata = fc.dictionary(
  fc.constantFrom('title', 'author', 'date', 'tags', 'url', 'captured'),
  fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
);

describe('diff (property)', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(body, metadata, (markdown, fields) => {
        const diff = diffBodies(markdown, markdown);
        expect(diff.added).toBe(0);
        expect(diff.removed).toBe(0);
        expect(flattenHunks(diff.paragraphs).filter((h) => h.type !== 'equal')).toEqual([]);
        expect(diffMetadata(fields, fields)).toEqual([]);
      }),
      { numRuns: DIFF_RUNS },
    );
  });

  it('a paragraph appended to a is reported as inserted words', () => {
    fc.assert(
      fc.property(
        body,
        fc.constantFrom('Breaking update', 'A new closing line', 'Correction 2'),
        (markdown, extra) => {
          const diff = diffBodies(markdown, `${markdown}\n${extra}\n`);
          expect(diff.added).toBeGreaterThan(0);
          expect(diff.removed).toBe(0);
        },
      ),
      { numRuns: DIFF_RUNS },
    );
  });
});
