import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diffBodies,
  diffMetadata,
  flattenHunks,
  type Hunk,
  splitParagraphs,
} from '../../src/archive/diff.js';
import { PARAGRAPHS, withParagraph } from './fixtures.js';

const body = (paragraphs: readonly string[]): string => `${paragraphs.join('\n\n')}\n`;

function sides(hunks: readonly Hunk[]): { old: string; new: string } {
  return {
    old: hunks
      .filter((hunk) => hunk.type !== 'insert')
      .map((hunk) => hunk.text)
      .join(''),
    new: hunks
      .filter((hunk) => hunk.type !== 'delete')
      .map((hunk) => hunk.text)
      .join(''),
  };
}

describe('diffBodies', () => {
  it('marks a changed number inside its paragraph and nowhere else', () => {
    const changed = withParagraph(1, PARAGRAPHS[1]?.replace('20 militants', '21 militants') ?? '');
    const diff = diffBodies(body(PARAGRAPHS), body(changed));
    expect(diff.paragraphs.map((paragraph) => paragraph.kind)).toEqual([
      'equal',
      'change',
      'equal',
      'equal',
      'equal',
    ]);
    const changedParagraph = diff.paragraphs[1];
    expect(changedParagraph?.kind === 'change' && changedParagraph.hunks).toEqual([
      { type: 'equal', text: expect.stringMatching(/killed$/) },
      { type: 'delete', text: ' 20' },
      { type: 'insert', text: ' 21' },
      { type: 'equal', text: expect.stringMatching(/^ militants during the attack\.$/) },
    ]);
    expect(diff).toMatchObject({ added: 1, removed: 1 });
  });

  it('keeps inserted and removed paragraphs whole instead of smearing words across them', () => {
    const inserted = [
      ...PARAGRAPHS.slice(0, 2),
      'A wholly new paragraph about talks in Geneva.',
      ...PARAGRAPHS.slice(2, 4),
    ];
    const diff = diffBodies(body(PARAGRAPHS), body(inserted));
    expect(diff.paragraphs.map((paragraph) => paragraph.kind)).toEqual([
      'equal',
      'equal',
      'insert',
      'equal',
      'equal',
      'delete',
    ]);
    expect(diff.added).toBe(8);
    expect(diff.removed).toBe(7);
  });

  it('treats quote style and spacing inside a paragraph as no change', () => {
    const curly = withParagraph(0, `\u201c${PARAGRAPHS[0]}\u201d`.replace(/ /g, '\u00a0'));
    const straight = withParagraph(0, `"${PARAGRAPHS[0]}"`);
    const diff = diffBodies(body(straight), body(curly));
    expect(diff.paragraphs.every((paragraph) => paragraph.kind === 'equal')).toBe(true);
  });

  const paragraph = fc
    .array(
      fc.constantFrom('army', 'town', 'river', 'the', 'a', '20', '"quoted"', 'don\u2019t', 'x'),
      {
        minLength: 1,
        maxLength: 12,
      },
    )
    .map((words) => words.join(' '));
  const paragraphs = fc.array(paragraph, { maxLength: 8 });

  it('finds no change between a body and itself', () => {
    fc.assert(
      fc.property(paragraphs, (list) => {
        const diff = diffBodies(body(list), body(list));
        expect(diff.added + diff.removed).toBe(0);
        expect(diff.paragraphs.every((item) => item.kind === 'equal')).toBe(true);
      }),
    );
  });

  it('yields hunks from which both revisions can be rebuilt', () => {
    fc.assert(
      fc.property(paragraphs, paragraphs, (before, after) => {
        const rebuilt = sides(flattenHunks(diffBodies(body(before), body(after)).paragraphs));
        expect(rebuilt.old).toBe(splitParagraphs(body(before)).join('\n\n'));
        expect(rebuilt.new).toBe(splitParagraphs(body(after)).join('\n\n'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('diffMetadata', () => {
  it('lists changed fields apart and ignores the capture time', () => {
    const changes = diffMetadata(
      {
        title: 'Old title',
        author: 'South Front',
        tags: ['SYRIA'],
        captured: '2026-01-01T00:00:00Z',
      },
      {
        title: 'New title',
        author: 'South Front',
        tags: ['SYRIA', 'ISIS'],
        captured: '2026-02-01T00:00:00Z',
      },
    );
    expect(changes).toEqual([
      { field: 'title', from: 'Old title', to: 'New title' },
      { field: 'tags', from: ['SYRIA'], to: ['SYRIA', 'ISIS'] },
    ]);
  });
});
