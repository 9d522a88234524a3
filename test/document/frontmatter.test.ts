import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FRONT_MATTER_KEYS,
  parseDocument,
  serializeDocument,
} from '../../src/document/frontmatter.js';
import type { ArticleDocument } from '../../src/types.js';

const SEED_DOCUMENT: ArticleDocument = {
  metadata: {
    title: 'Video: Government Forces Crushed ISIS-held Pocket in Southern Syria',
    author: 'South Front',
    date: '2018-11-20',
    region: 'Middle East & North Africa',
    theme: 'US NATO War Agenda',
    tags: ['SYRIA'],
    site: 'Global Research',
    url: 'https://www.globalresearch.ca/video-government-forces-crushed-isis-held-pocket-in-southern-syria/5660564',
    original_source: 'South Front',
    captured: '2026-11-25T14:00:00.000Z',
  },
  markdown: '*On November 17th, the Syrian Army…*\n',
  text: 'On November 17th, the Syrian Army…',
};

// Strings that YAML would misread if written bare, plus arbitrary unicode and control text.
const TRICKY = [
  '',
  ' ',
  '---',
  '...',
  '--- \n---\n...',
  'a: b',
  '- item',
  '#comment',
  'x # y',
  '{a: 1}',
  '[1, 2]',
  '"quoted"',
  "it's",
  'yes',
  'null',
  '~',
  '123',
  '0x1F',
  '1e3',
  '2018-11-20',
  '@handle',
  '`tick`',
  '!tag',
  '&anchor',
  '*alias',
  '|',
  '>',
  '%YAML',
  ' leading and trailing ',
  'line\nbreak',
  'trailing newline\n',
  '\n\nleading newlines',
  'tab\there',
  'crlf\r\nline',
  'zero\u0000width\u200b',
  '\ufeffbom',
  'Ünïcödé — “quotes” 中文 עברית 🎉',
];

const anyString = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary-ascii' }),
  fc.string({
    unit: fc.constantFrom('-', ':', '#', '"', "'", '\n', ' ', '{', '}', '[', ']', 'a', '.'),
  }),
);

const stringFields = FRONT_MATTER_KEYS.filter((key) => key !== 'tags');

function roundTrip(doc: ArticleDocument) {
  return parseDocument(serializeDocument(doc));
}

describe('serializeDocument', () => {
  it('writes the keys in the documented order, omitting absent ones, then the body', () => {
    const text = serializeDocument(SEED_DOCUMENT);
    expect(text).toBe(
      [
        '---',
        'title: "Video: Government Forces Crushed ISIS-held Pocket in Southern Syria"',
        'author: South Front',
        'date: 2018-11-20',
        'region: Middle East & North Africa',
        'theme: US NATO War Agenda',
        'tags:',
        '  - SYRIA',
        'site: Global Research',
        'url: https://www.globalresearch.ca/video-government-forces-crushed-isis-held-pocket-in-southern-syria/5660564',
        'original_source: South Front',
        'captured: 2026-11-25T14:00:00.000Z',
        '---',
        '',
        '*On November 17th, the Syrian Army…*',
        '',
      ].join('\n'),
    );
  });

  it('orders keys by FRONT_MATTER_KEYS whatever order the object was built in', () => {
    const reversed = Object.fromEntries(Object.entries(SEED_DOCUMENT.metadata).reverse());
    const text = serializeDocument({
      ...SEED_DOCUMENT,
      metadata: reversed as ArticleDocument['metadata'],
    });
    expect(text).toBe(serializeDocument(SEED_DOCUMENT));
  });

  it('never folds a long value onto several lines', () => {
    const title = 'word '.repeat(100).trim();
    const text = serializeDocument({
      ...SEED_DOCUMENT,
      metadata: { ...SEED_DOCUMENT.metadata, title },
    });
    expect(text.split('\n')).toContain(`title: ${title}`);
  });

  it('writes a list author as a YAML sequence', () => {
    const text = serializeDocument({
      ...SEED_DOCUMENT,
      metadata: { ...SEED_DOCUMENT.metadata, author: ['Jane Roe', 'John Doe'] },
    });
    expect(text).toContain('author:\n  - Jane Roe\n  - John Doe\n');
  });
});

describe('parseDocument', () => {
  it('reads back the seed document', () => {
    const { metadata, markdown } = roundTrip(SEED_DOCUMENT);
    expect(metadata).toEqual(SEED_DOCUMENT.metadata);
    expect(markdown).toBe(SEED_DOCUMENT.markdown);
  });

  it('keeps dates and numbers-looking values as strings', () => {
    const { metadata } = parseDocument('---\ndate: 2018-11-20\ntitle: 1984\n---\n\nbody\n');
    expect(metadata).toEqual({ date: '2018-11-20', title: 1984 });
    expect(typeof metadata.date).toBe('string');
  });

  it('treats a text without front-matter as all body', () => {
    expect(parseDocument('# Hello\n')).toEqual({ metadata: {}, markdown: '# Hello\n' });
  });

  it('rejects unclosed front-matter and a non-mapping', () => {
    expect(() => parseDocument('---\ntitle: x\n')).toThrow(/not closed/);
    expect(() => parseDocument('---\n- a\n---\n\nbody\n')).toThrow(/mapping/);
  });
});

describe('front-matter round trip (property)', () => {
  it('any string in every field survives', () => {
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(stringFields.map((key) => [key, anyString])) as Record<
            string,
            fc.Arbitrary<string>
          >,
        ),
        fc.array(anyString, { maxLength: 4 }),
        anyString,
        (fields, tags, markdown) => {
          const doc = {
            metadata: { ...fields, tags } as unknown as ArticleDocument['metadata'],
            markdown,
            text: '',
          };
          const parsed = roundTrip(doc);
          expect(parsed.metadata).toEqual({ ...fields, tags });
          expect(parsed.markdown).toBe(markdown);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a list author and list theme/region survive, in order', () => {
    fc.assert(
      fc.property(
        fc.array(anyString, { minLength: 1, maxLength: 5 }),
        fc.array(anyString, { maxLength: 3 }),
        (authors, themes) => {
          const metadata = { author: authors, theme: themes, region: themes, captured: 'x' };
          const parsed = roundTrip({ metadata, markdown: 'body\n', text: 'body' });
          expect(parsed.metadata).toEqual(metadata);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('any subset of fields keeps the documented key order', () => {
    fc.assert(
      fc.property(fc.subarray([...FRONT_MATTER_KEYS]), (keys) => {
        const metadata = Object.fromEntries(
          [...keys].reverse().map((key) => [key, `${key} value`]),
        );
        const parsed = roundTrip({
          metadata: metadata as unknown as ArticleDocument['metadata'],
          markdown: '',
          text: '',
        });
        expect(Object.keys(parsed.metadata)).toEqual(keys);
      }),
    );
  });
});
