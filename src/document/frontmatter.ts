// The archived file format: YAML front-matter between `---` lines, then the Markdown body.
// One module writes and reads it, with the `yaml` library doing all quoting, so any string
// (colons, quotes, `---`, newlines, unicode) survives the round trip.
import { parse, stringify } from 'yaml';
import type { ArticleDocument } from '../types.js';

/** The front-matter keys, in the order they are written (ArticleMetadata, then `captured`). */
export const FRONT_MATTER_KEYS = [
  'title',
  'author',
  'date',
  'modified',
  'region',
  'theme',
  'tags',
  'site',
  'url',
  'source_url',
  'language',
  'description',
  'original_source',
  'license',
  'captured',
] as const;

export type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];

const FENCE = '---';
const DOCUMENT_END = '...';

const YAML_OPTIONS = {
  // 0 = never fold long lines.
  lineWidth: 0,
  // Block scalars (`|`) lose a whitespace-only first line on reading back (yaml 2.9), so a
  // multi-line value is written double-quoted with \n escapes: every value is one line.
  blockQuote: false,
  // Plain YAML 1.2 core schema: "2018-11-20" stays a string, "yes" is not a boolean.
  schema: 'core',
  version: '1.2',
} as const;

/** Front-matter then the Markdown body, separated by one blank line. */
export function serializeDocument(doc: ArticleDocument): string {
  const ordered: Record<string, unknown> = {};
  for (const key of FRONT_MATTER_KEYS) {
    const value = doc.metadata[key];
    if (value !== undefined) ordered[key] = value;
  }
  const yaml = stringify(ordered, YAML_OPTIONS);
  return `${FENCE}\n${yaml}${FENCE}\n\n${doc.markdown}`;
}

/**
 * Reads a file written by serializeDocument. A text without front-matter is all body.
 * Throws (a plain Error, which callers wrap with the file's name) when the front-matter is
 * not closed or is not a YAML mapping.
 */
export function parseDocument(text: string): {
  metadata: Record<string, unknown>;
  markdown: string;
} {
  const lines = text.split('\n');
  if (lines[0] !== FENCE) return { metadata: {}, markdown: text };
  // The library never writes an unindented `---` or `...` inside a value, so the first such
  // line closes the front-matter.
  const end = lines.findIndex(
    (line, index) => index > 0 && (line === FENCE || line === DOCUMENT_END),
  );
  if (end === -1) throw new Error('front-matter is not closed by a "---" line');
  const yaml = lines.slice(1, end).join('\n');
  const parsed: unknown = yaml.trim() === '' ? {} : parse(yaml, YAML_OPTIONS);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('front-matter is not a YAML mapping');
  }
  let body = lines.slice(end + 1);
  if (body[0] === '') body = body.slice(1);
  return { metadata: parsed as Record<string, unknown>, markdown: body.join('\n') };
}
