// What "the same revision" means: two captures are equal when they differ only in ways a
// reader cannot see — the capture time, whitespace, non-breaking spaces, curly vs straight
// quotes, soft hyphens, zero-width characters, trailing spaces.
import { FRONT_MATTER_KEYS } from '../document/frontmatter.js';

/** The one front-matter key that changes on every capture and never makes a revision. */
export const CAPTURE_TIME_KEY = 'captured';

/** A blank line (possibly holding spaces) between Markdown blocks. */
export const PARAGRAPH_BREAK = /\n[ \t\u00a0]*\n\s*/;
const INVISIBLE = /\u00ad|\u200b|\u200c|\u200d|\u2060|\ufeff/g;
const SPACE_RUN = /[\s\u00a0\u2007\u202f]+/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;
const WORD = /[\p{L}\p{N}]/u;
/**
 * Printable ASCII with single inner spaces is already normal; checking that first keeps
 * normalising (called for every paragraph and word of every revision `stet log` compares) cheap.
 */
const NEEDS_NORMALISING = /[^\x21-\x7e ]|^ | {2}| $/;

/** One stretch of text with cosmetic differences removed (used for both body and metadata). */
export function normaliseText(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text;
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(SPACE_RUN, ' ')
    .trim();
}

/** The body's paragraphs (blocks separated by blank lines), each normalised; empty ones dropped. */
export function paragraphsOf(markdown: string): string[] {
  return markdown
    .split(PARAGRAPH_BREAK)
    .map(normaliseText)
    .filter((paragraph) => paragraph !== '');
}

/**
 * The front-matter as comparable `key: value` lines, in the written key order, without the
 * capture time. Lists are joined with " | " so a changed list item shows as a changed word.
 */
export function metadataLines(metadata: Readonly<Record<string, unknown>>): string[] {
  const lines: string[] = [];
  for (const key of FRONT_MATTER_KEYS) {
    if (key === CAPTURE_TIME_KEY) continue;
    const value = metadataValue(metadata[key]);
    if (value !== undefined) lines.push(`${key}: ${value}`);
  }
  return lines;
}

/** A front-matter value as one normalised string, or undefined when absent. */
export function metadataValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => normaliseText(String(item))).join(' | ');
  if (value instanceof Date) return value.toISOString();
  return normaliseText(String(value));
}

/** A front-matter value as one normalised string; '' when absent. */
export function valueText(value: unknown): string {
  return metadataValue(value) ?? '';
}

/** The comparable form of a whole revision: front-matter lines, then the body's paragraphs. */
export function comparableRevision(revision: {
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly markdown: string;
}): string {
  return [...metadataLines(revision.metadata), '', ...paragraphsOf(revision.markdown)].join('\n');
}

/** Words of a text: whitespace-separated tokens with at least one letter or digit. */
export function wordsOf(text: string): string[] {
  return text.split(SPACE_RUN).filter((token) => WORD.test(token));
}

export function countWords(text: string): number {
  return wordsOf(text).length;
}
