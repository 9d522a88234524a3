// Word-level difference between two revisions of an article, never smeared across paragraphs:
// paragraphs are aligned first (jsdiff's diffArrays, comparing normalised text), a removed
// paragraph is paired with an added one when they share most of their words, and only paired
// paragraphs are diffed word by word. Metadata changes are listed apart from the body.
import { diffArrays } from 'diff';
import { FRONT_MATTER_KEYS } from '../document/frontmatter.js';
import {
  CAPTURE_TIME_KEY,
  metadataValue,
  normaliseText,
  PARAGRAPH_BREAK,
  wordsOf,
} from './normalise.js';

export type HunkType = 'equal' | 'insert' | 'delete';

export interface Hunk {
  readonly type: HunkType;
  readonly text: string;
}

/** One paragraph of the aligned body: kept, added, removed, or changed word by word. */
export type ParagraphChange =
  | { readonly kind: 'equal' | 'insert' | 'delete'; readonly text: string }
  | { readonly kind: 'change'; readonly hunks: readonly Hunk[] };

export interface BodyDiff {
  readonly paragraphs: readonly ParagraphChange[];
  /** Words in inserted text. */
  readonly added: number;
  /** Words in deleted text. */
  readonly removed: number;
}

export interface MetadataChange {
  readonly field: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

/** Two paragraphs are one edited paragraph when at least this share of their words is common. */
const PAIRING_SIMILARITY = 0.4;
const PARAGRAPH_SEPARATOR = '\n\n';
const WORD_SEPARATOR = ' ';
const TOKEN = /\S+/g;

/** Paragraphs of a Markdown body as written (whitespace inside collapsed), empty ones dropped. */
export function splitParagraphs(markdown: string): string[] {
  return markdown
    .split(PARAGRAPH_BREAK)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => normaliseText(paragraph) !== '');
}

/** A body split into paragraphs and normalised once, for comparing with several others. */
export interface PreparedBody {
  readonly paragraphs: readonly string[];
  readonly keys: readonly string[];
}

/**
 * `cache` maps paragraphs to their normalised form across calls: revisions of one article share
 * almost all their paragraphs, so `stet log` normalises each distinct paragraph once.
 */
export function prepareBody(markdown: string, cache = new Map<string, string>()): PreparedBody {
  const paragraphs = splitParagraphs(markdown);
  const keys = paragraphs.map((paragraph) => {
    let key = cache.get(paragraph);
    if (key === undefined) {
      key = normaliseText(paragraph);
      cache.set(paragraph, key);
    }
    return key;
  });
  return { paragraphs, keys };
}

export function diffBodies(
  oldBody: string | PreparedBody,
  newBody: string | PreparedBody,
): BodyDiff {
  const before = typeof oldBody === 'string' ? prepareBody(oldBody) : oldBody;
  const after = typeof newBody === 'string' ? prepareBody(newBody) : newBody;
  const paragraphs = alignParagraphs(before, after);
  let added = 0;
  let removed = 0;
  for (const hunk of paragraphs.flatMap(hunksOf)) {
    if (hunk.type === 'insert') added += wordsOf(hunk.text).length;
    if (hunk.type === 'delete') removed += wordsOf(hunk.text).length;
  }
  return { paragraphs, added, removed };
}

/** Front-matter fields whose value changed (the capture time is not a change). */
export function diffMetadata(
  oldMetadata: Readonly<Record<string, unknown>>,
  newMetadata: Readonly<Record<string, unknown>>,
): MetadataChange[] {
  const changes: MetadataChange[] = [];
  for (const field of FRONT_MATTER_KEYS) {
    if (field === CAPTURE_TIME_KEY) continue;
    const from = oldMetadata[field];
    const to = newMetadata[field];
    if (metadataValue(from) === metadataValue(to)) continue;
    changes.push({ field, ...(from !== undefined && { from }), ...(to !== undefined && { to }) });
  }
  return changes;
}

/**
 * The whole body as one stream of hunks: concatenating equal+delete texts gives the old body
 * (paragraphs joined by a blank line), equal+insert the new one.
 */
export function flattenHunks(paragraphs: readonly ParagraphChange[]): Hunk[] {
  return joinUnits(paragraphs.map(hunksOf), PARAGRAPH_SEPARATOR);
}

export function hunksOf(paragraph: ParagraphChange): readonly Hunk[] {
  return paragraph.kind === 'change'
    ? paragraph.hunks
    : [{ type: paragraph.kind, text: paragraph.text }];
}

function alignParagraphs(before: PreparedBody, after: PreparedBody): ParagraphChange[] {
  const result: ParagraphChange[] = [];
  let removedRun: readonly string[] = [];
  const flushRemoved = (): void => {
    result.push(...removedRun.map((text) => ({ kind: 'delete' as const, text })));
    removedRun = [];
  };
  for (const segment of alignItems(before.paragraphs, after.paragraphs, before.keys, after.keys)) {
    if (segment.type === 'delete') {
      removedRun = [...removedRun, ...segment.items];
    } else if (segment.type === 'insert') {
      result.push(...pairParagraphs(removedRun, segment.items));
      removedRun = [];
    } else {
      flushRemoved();
      result.push(...segment.items.map((text) => ({ kind: 'equal' as const, text })));
    }
  }
  flushRemoved();
  return result;
}

interface Segment {
  readonly type: HunkType;
  /** Items as written; an equal run takes the new revision's. */
  readonly items: readonly string[];
}

/**
 * jsdiff's diffArrays over normalised items (each normalised once, not once per comparison),
 * mapped back to the items as written. jsdiff lists a removal before the insertion it pairs with.
 */
function alignItems(
  oldItems: readonly string[],
  newItems: readonly string[],
  oldKeys: readonly string[] = oldItems.map(normaliseText),
  newKeys: readonly string[] = newItems.map(normaliseText),
): Segment[] {
  const changes = diffArrays([...oldKeys], [...newKeys]);
  const segments: Segment[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  for (const change of changes) {
    const count = change.value.length;
    if (change.removed) {
      segments.push({ type: 'delete', items: oldItems.slice(oldIndex, oldIndex + count) });
      oldIndex += count;
    } else if (change.added) {
      segments.push({ type: 'insert', items: newItems.slice(newIndex, newIndex + count) });
      newIndex += count;
    } else {
      segments.push({ type: 'equal', items: newItems.slice(newIndex, newIndex + count) });
      oldIndex += count;
      newIndex += count;
    }
  }
  return segments;
}

/** Pairs removed and added paragraphs in order when they look like one edited paragraph. */
function pairParagraphs(removed: readonly string[], added: readonly string[]): ParagraphChange[] {
  const result: ParagraphChange[] = [];
  let i = 0;
  let j = 0;
  while (i < removed.length && j < added.length) {
    const oldText = removed[i] as string;
    const newText = added[j] as string;
    if (similarity(oldText, newText) >= PAIRING_SIMILARITY) {
      result.push({ kind: 'change', hunks: diffWordsWithin(oldText, newText) });
      i++;
      j++;
    } else if (
      j + 1 < added.length &&
      similarity(oldText, added[j + 1] as string) >= PAIRING_SIMILARITY
    ) {
      result.push({ kind: 'insert', text: newText });
      j++;
    } else {
      result.push({ kind: 'delete', text: oldText });
      i++;
    }
  }
  for (const text of removed.slice(i)) result.push({ kind: 'delete', text });
  for (const text of added.slice(j)) result.push({ kind: 'insert', text });
  return result;
}

/** Word diff of one paragraph; tokens compare after normalisation (quotes, invisible marks). */
function diffWordsWithin(oldText: string, newText: string): Hunk[] {
  const units: Hunk[][] = [];
  for (const segment of alignItems(oldText.match(TOKEN) ?? [], newText.match(TOKEN) ?? [])) {
    for (const token of segment.items) units.push([{ type: segment.type, text: token }]);
  }
  return joinUnits(units, WORD_SEPARATOR);
}

/**
 * Joins units (a word, or a paragraph made of hunks) with a separator that belongs to the
 * versions on both sides of it: shared by both → equal, old only → delete, new only → insert.
 * Adjacent hunks of one type are merged.
 */
function joinUnits(units: readonly (readonly Hunk[])[], separator: string): Hunk[] {
  const hunks: Hunk[] = [];
  let oldStarted = false;
  let newStarted = false;
  for (const unit of units) {
    const inOld = unit.some((hunk) => hunk.type !== 'insert');
    const inNew = unit.some((hunk) => hunk.type !== 'delete');
    const oldSeparator = inOld && oldStarted;
    const newSeparator = inNew && newStarted;
    if (oldSeparator || newSeparator) {
      const type: HunkType =
        oldSeparator && newSeparator ? 'equal' : oldSeparator ? 'delete' : 'insert';
      append(hunks, { type, text: separator });
    }
    for (const hunk of unit) append(hunks, hunk);
    oldStarted ||= inOld;
    newStarted ||= inNew;
  }
  return hunks;
}

function append(hunks: Hunk[], hunk: Hunk): void {
  const last = hunks[hunks.length - 1];
  if (last !== undefined && last.type === hunk.type) {
    hunks[hunks.length - 1] = { type: last.type, text: last.text + hunk.text };
  } else if (hunk.text !== '') {
    hunks.push(hunk);
  }
}

/** Share of common words (as a multiset) in the longer of two paragraphs. */
function similarity(left: string, right: string): number {
  const leftWords = wordsOf(normaliseText(left).toLowerCase());
  const rightWords = wordsOf(normaliseText(right).toLowerCase());
  const longest = Math.max(leftWords.length, rightWords.length);
  if (longest === 0) return 1;
  const counts = new Map<string, number>();
  for (const word of leftWords) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of rightWords) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      common++;
      counts.set(word, count - 1);
    }
  }
  return common / longest;
}

/** Which revision a side of a comparison is. */
export interface RevisionRef {
  readonly commit: string;
  readonly captured: string;
  readonly title: string | undefined;
}

/** Everything the diff formats show: the two revisions, metadata changes, the body diff. */
export interface ArticleComparison {
  /** The article's path inside the archive. */
  readonly path: string;
  /** undefined when `to` is the first revision (everything is inserted). */
  readonly from: RevisionRef | undefined;
  readonly to: RevisionRef;
  readonly metadata: readonly MetadataChange[];
  readonly body: BodyDiff;
}

interface ComparableRevision {
  readonly commit: string;
  readonly captured: string | undefined;
  readonly committedAt: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly markdown: string;
}

export function compareRevisions(
  path: string,
  from: ComparableRevision | undefined,
  to: ComparableRevision,
): ArticleComparison {
  return {
    path,
    from: from === undefined ? undefined : revisionRef(from),
    to: revisionRef(to),
    metadata: diffMetadata(from?.metadata ?? {}, to.metadata),
    body: diffBodies(from?.markdown ?? '', to.markdown),
  };
}

function revisionRef(revision: ComparableRevision): RevisionRef {
  const title = revision.metadata.title;
  return {
    commit: revision.commit,
    captured: revision.captured ?? revision.committedAt,
    title: title === undefined ? undefined : String(title),
  };
}
