import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readArchivedDocument, readFrontMatterFast } from '../../src/archive/frontmatter-reader.js';
import { parseDocument, serializeDocument } from '../../src/document/frontmatter.js';
import type { ArticleDocument } from '../../src/types.js';
import { article } from './fixtures.js';

/** Strings with the characters that make YAML quote, escape or misread a value. */
const tricky = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      ' ',
      ':',
      '#',
      '-',
      "'",
      '"',
      '\\',
      '\n',
      '\t',
      '\u00a0',
      '\u2028',
      '[',
      '{',
      '*',
      '!',
      '|',
      '>',
      '%',
      '@',
      '`',
      '~',
      '.',
      '0',
      '1',
      'e',
      'x',
    ),
    maxLength: 10,
  }),
  fc.constantFrom(
    'null',
    'true',
    'Yes',
    '2018',
    '2018-11-20',
    '1e3',
    '0x1F',
    '.inf',
    '~',
    '---',
    '...',
    '- x',
    'a: b',
    '',
  ),
);
const field = fc.option(fc.oneof(tricky, fc.array(tricky, { maxLength: 3 })), { nil: undefined });

const documentArbitrary = fc
  .record({
    title: field,
    author: field,
    tags: field,
    site: field,
    description: field,
    body: tricky,
  })
  .map(({ body, ...fields }): ArticleDocument => {
    const metadata = Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== undefined),
    );
    return {
      metadata: { ...metadata, captured: '2026-11-25T10:00:00.000Z' },
      markdown: `${body}\n`,
      text: body,
    };
  });

describe('readArchivedDocument', () => {
  it('reads exactly what parseDocument reads, for any serialised document', () => {
    fc.assert(
      fc.property(documentArbitrary, (doc) => {
        const text = serializeDocument(doc);
        expect(readArchivedDocument(text)).toEqual(parseDocument(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a typical article without the YAML parser', () => {
    const text = serializeDocument(
      article(undefined, {
        author: ['South Front', 'Jane Roe'],
        title: 'He said "no": it\'s over',
      }),
    );
    const yaml = text.split('\n---\n')[0]?.slice('---\n'.length) ?? '';
    expect(readFrontMatterFast(yaml)).toEqual(parseDocument(text).metadata);
  });

  it('falls back for shapes it does not read, and treats broken front-matter as body', () => {
    expect(readFrontMatterFast('count: 12')).toBeUndefined();
    expect(readFrontMatterFast('title: "\\x41"')).toBeUndefined();
    expect(readArchivedDocument('---\ncount: 12\n---\n\nbody\n')).toEqual({
      metadata: { count: 12 },
      markdown: 'body\n',
    });
    expect(readArchivedDocument('---\ntitle: [unclosed\n---\n\nbody\n').metadata).toEqual({});
    expect(readArchivedDocument('no front-matter\n')).toEqual({
      metadata: {},
      markdown: 'no front-matter\n',
    });
  });
});
