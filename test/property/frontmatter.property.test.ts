// Front-matter round trip: any unicode string in any field, and any Markdown body, comes back
// exactly from serializeDocument → parseDocument. A second, independent reading with the `yaml`
// library proves the file is ordinary YAML that other tools can read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDocument, serializeDocument } from '../../src/document/frontmatter.js';
import type { ArticleDocument } from '../../src/types.js';

const FRONT_MATTER_RUNS = 1000;

/**
 * Strings biased towards what breaks YAML and front-matter: fences, `: `, `#`, quotes, braces,
 * YAML 1.1 booleans and dates, line breaks of every kind (CR, NEL, LS, PS), BOM, NUL, tabs,
 * leading/trailing spaces; mixed with arbitrary code points (any plane, no lone surrogates,
 * since a page decoded by TextDecoder never contains one).
 */
const TRICKY_PIECES = [
  '---',
  '...',
  ': ',
  ' #',
  '#',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  '&a',
  '*a',
  '!tag',
  '%',
  '@',
  '`',
  '|',
  '>',
  '- ',
  '? ',
  'yes',
  'No',
  'null',
  '~',
  '2018-11-20',
  '0x1F',
  '1e3',
  '.inf',
  '\n',
  '\r\n',
  '\r',
  '\u0085',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\u0000',
  '\t',
  ' ',
  '\\',
  '\u00A0',
  'é',
  '𝔘',
  '👩🏽‍💻',
  'ك',
];

const trickyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.oneof(fc.constantFrom(...TRICKY_PIECES), fc.string({ unit: 'binary', maxLength: 4 })),
      {
        maxLength: 12,
      },
    )
    .map((parts) => parts.join('')),
);

const stringOrList = fc.oneof(trickyString, fc.array(trickyString, { minLength: 1, maxLength: 4 }));

const metadata = fc.record(
  {
    title: trickyString,
    author: stringOrList,
    date: trickyString,
    modified: trickyString,
    region: stringOrList,
    theme: stringOrList,
    tags: fc.array(trickyString, { maxLength: 5 }),
    site: trickyString,
    url: trickyString,
    source_url: trickyString,
    language: trickyString,
    description: trickyString,
    original_source: trickyString,
    license: trickyString,
  },
  { requiredKeys: [] },
);

/** A body as toMarkdown makes it: anything, ending with exactly one newline. */
const markdownBody = fc
  .array(fc.oneof(trickyString, fc.constantFrom('---', '', '# heading', '```')), { maxLength: 8 })
  .map((lines) => `${lines.join('\n').replace(/\n+$/, '')}\n`);

const document = fc.record({
  metadata: fc.tuple(metadata, trickyString).map(([fields, captured]) => ({ ...fields, captured })),
  markdown: markdownBody,
  text: fc.constant(''),
}) as fc.Arbitrary<ArticleDocument>;

/** The metadata as plain data: what a YAML reader can give back (absent keys dropped). */
function expectedMetadata(doc: ArticleDocument): Record<string, unknown> {
  return JSON.parse(JSON.stringify(doc.metadata));
}

describe('front-matter round trip (property)', () => {
  it('returns every field and the body unchanged', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const text = serializeDocument(doc);
        const back = parseDocument(text);
        expect(back.metadata).toEqual(expectedMetadata(doc));
        expect(back.markdown).toBe(doc.markdown);
      }),
      { numRuns: FRONT_MATTER_RUNS },
    );
  });

  it('writes plain YAML that an independent reader parses to the same values', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const text = serializeDocument(doc);
        const lines = text.split('\n');
        expect(lines[0]).toBe('---');
        const end = lines.indexOf('---', 1);
        expect(end).toBeGreaterThan(0);
        expect(parse(lines.slice(1, end).join('\n')) ?? {}).toEqual(expectedMetadata(doc));
      }),
      { numRuns: FRONT_MATTER_RUNS },
    );
  });
});
