// Text formats of a comparison: terminal (colour or wdiff-style markers), Markdown, JSON.
// Terminal and Markdown show the changed paragraphs only, with a count of the unchanged ones
// between them; JSON carries the whole body as hunks.
import {
  type ArticleComparison,
  flattenHunks,
  type Hunk,
  hunksOf,
  type MetadataChange,
  type ParagraphChange,
  type RevisionRef,
} from './diff.js';
import { valueText } from './normalise.js';

export type DiffFormat = 'terminal' | 'markdown' | 'html' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['terminal', 'markdown', 'html', 'json'];

const SHORT_SHA_LENGTH = 7;
const EDGE_SPACES = /^(\s*)([\s\S]*?)(\s*)$/;
const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  strike: '\x1b[9m',
  underline: '\x1b[4m',
} as const;

/** How insertions and deletions are marked in a line of text. */
export interface Markers {
  readonly insert: (text: string) => string;
  readonly delete: (text: string) => string;
  readonly heading: (text: string) => string;
  readonly muted: (text: string) => string;
}

const PLAIN_MARKERS: Markers = {
  insert: (text) => `{+${text}+}`,
  delete: (text) => `[-${text}-]`,
  heading: (text) => text,
  muted: (text) => text,
};

const COLOUR_MARKERS: Markers = {
  insert: (text) => `${ANSI.green}${ANSI.underline}${text}${ANSI.reset}`,
  delete: (text) => `${ANSI.red}${ANSI.strike}${text}${ANSI.reset}`,
  heading: (text) => `${ANSI.bold}${text}${ANSI.reset}`,
  muted: (text) => `${ANSI.dim}${text}${ANSI.reset}`,
};

const MARKDOWN_MARKERS: Markers = {
  insert: (text) => `<ins>${text}</ins>`,
  delete: (text) => `<del>${text}</del>`,
  heading: (text) => text,
  muted: (text) => `_${text}_`,
};

/** One line per change, for a terminal; `colour` uses ANSI colours instead of markers. */
export function renderTerminal(comparison: ArticleComparison, colour: boolean): string {
  const markers = colour ? COLOUR_MARKERS : PLAIN_MARKERS;
  const lines = [
    markers.heading(`diff ${comparison.path}`),
    `from ${describeRevision(comparison.from)}`,
    `to   ${describeRevision(comparison.to)}`,
    summaryLine(comparison),
  ];
  if (comparison.metadata.length > 0) {
    lines.push('', markers.heading('metadata'));
    for (const change of comparison.metadata) lines.push(`  ${metadataLine(change, markers)}`);
  }
  lines.push('', ...bodyBlocks(comparison.body.paragraphs, markers));
  return `${lines.join('\n')}\n`;
}

/** A Markdown report, with <ins>/<del> marks (rendered by GitHub and most Markdown viewers). */
export function renderMarkdown(comparison: ArticleComparison): string {
  const lines = [
    `# Changes in ${escapeMarkdown(comparison.to.title ?? comparison.path)}`,
    '',
    `- file: \`${comparison.path}\``,
    `- from: ${describeRevision(comparison.from)}`,
    `- to: ${describeRevision(comparison.to)}`,
    `- ${summaryLine(comparison)}`,
  ];
  if (comparison.metadata.length > 0) {
    lines.push('', '## Metadata', '', '| field | before | after |', '| --- | --- | --- |');
    for (const change of comparison.metadata) {
      const cells = [change.field, valueText(change.from), valueText(change.to)].map(escapeCell);
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  lines.push('', '## Text', '');
  const markers: Markers = {
    ...MARKDOWN_MARKERS,
    insert: (text) => MARKDOWN_MARKERS.insert(escapeHtml(text)),
    delete: (text) => MARKDOWN_MARKERS.delete(escapeHtml(text)),
  };
  lines.push(...bodyBlocks(comparison.body.paragraphs, markers));
  return `${lines.join('\n')}\n`;
}

/** `{from, to, metadata, hunks, summary}`; concatenating hunks gives either revision's body. */
export function renderJson(comparison: ArticleComparison): string {
  const json = {
    path: comparison.path,
    from: comparison.from ?? null,
    to: comparison.to,
    metadata: comparison.metadata.map((change) => ({
      field: change.field,
      from: change.from ?? null,
      to: change.to ?? null,
    })),
    hunks: flattenHunks(comparison.body.paragraphs),
    summary: { added: comparison.body.added, removed: comparison.body.removed },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** "+12 words, −3 words; 2 paragraphs changed, 1 added, 0 removed" */
export function summaryLine(comparison: ArticleComparison): string {
  const counts = { change: 0, insert: 0, delete: 0 };
  for (const paragraph of comparison.body.paragraphs) {
    if (paragraph.kind !== 'equal') counts[paragraph.kind]++;
  }
  const words = `+${plural(comparison.body.added, 'word')}, -${plural(comparison.body.removed, 'word')}`;
  const paragraphs = `${plural(counts.change, 'paragraph')} changed, ${counts.insert} added, ${counts.delete} removed`;
  const fields = comparison.metadata.length;
  const metadata = fields === 0 ? '' : `; ${plural(fields, 'metadata field')} changed`;
  return `${words}; ${paragraphs}${metadata}`;
}

export function describeRevision(revision: RevisionRef | undefined): string {
  if (revision === undefined) return '(nothing: first revision)';
  return `${revision.commit.slice(0, SHORT_SHA_LENGTH)}  ${revision.captured}`;
}

function metadataLine(change: MetadataChange, markers: Markers): string {
  const parts: string[] = [];
  if (change.from !== undefined) parts.push(markers.delete(valueText(change.from)));
  if (change.to !== undefined) parts.push(markers.insert(valueText(change.to)));
  return `${change.field}: ${parts.join(' ')}`;
}

/** Changed paragraphs, with "… N unchanged paragraphs …" standing for the runs between them. */
function bodyBlocks(paragraphs: readonly ParagraphChange[], markers: Markers): string[] {
  const blocks: string[] = [];
  let unchanged = 0;
  const flushUnchanged = (): void => {
    if (unchanged > 0) {
      blocks.push(
        markers.muted(`… ${unchanged} unchanged paragraph${unchanged === 1 ? '' : 's'} …`),
        '',
      );
    }
    unchanged = 0;
  };
  for (const paragraph of paragraphs) {
    if (paragraph.kind === 'equal') {
      unchanged++;
      continue;
    }
    flushUnchanged();
    blocks.push(markHunks(hunksOf(paragraph), markers), '');
  }
  flushUnchanged();
  if (blocks.length === 0) blocks.push('(no change in the text)', '');
  return blocks.slice(0, -1);
}

/** Marks hunks, keeping the spaces around a change outside its markers. */
function markHunks(hunks: readonly Hunk[], markers: Markers): string {
  return hunks
    .map((hunk) => {
      if (hunk.type === 'equal') return hunk.text;
      const mark = hunk.type === 'insert' ? markers.insert : markers.delete;
      return markCore(hunk.text, mark);
    })
    .join('');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Applies `mark` to the text without its surrounding whitespace, which stays outside. */
export function markCore(text: string, mark: (core: string) => string): string {
  const [, before = '', core = '', after = ''] = EDGE_SPACES.exec(text) ?? [];
  return core === '' ? text : `${before}${mark(core)}${after}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#<>])/g, '\\$1');
}

function escapeCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
