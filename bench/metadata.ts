// Metadata benchmark (`npm run bench:metadata`).
//
// Runs stet's extraction (extractPage, the code path of `stet extract`) over
//   1. the 130 pages of ../shared/corpus/readability, against their expected-metadata.json
//      (title, byline, publishedTime), with the cases where the page itself shows the expected
//      value is wrong corrected from bench/metadata-truth.json and listed;
//   2. the hand-checked truth table of zyte pages in bench/metadata-truth.json (author,
//      publication date, section);
// and scores bare Readability's own title/byline/publishedTime from the same run side by side.
// It also checks every page of both corpora for authors that are URLs, dates, emails or
// boilerplate, and for dates on the capture day. Writes the metadata section of BENCHMARKS.md
// and per-page results to bench/out/metadata.json.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { savedPage } from '../src/fetch/input.js';
import { comparable, parseDate } from '../src/metadata/normalize.js';
import { READABILITY_SOURCE } from '../src/metadata/resolve.js';
import { extractPage } from '../src/pipeline.js';
import type { ArticleMetadata, Extraction } from '../src/types.js';
import { writeBenchmarkSection } from './benchmarks-file.js';

/** npm runs scripts from the project root. */
const ROOT = process.cwd();
const CORPUS = resolve(ROOT, '../shared/corpus');
const READABILITY_DIR = join(CORPUS, 'readability', 'pages');
const ZYTE_DIR = join(CORPUS, 'zyte');
const TRUTH_FILE = join(ROOT, 'bench', 'metadata-truth.json');
const OUT_FILE = join(ROOT, 'bench', 'out', 'metadata.json');
const COMMAND = 'npm run bench:metadata';
const START_MARKER = '<!-- bench:metadata -->';
const END_MARKER = '<!-- /bench:metadata -->';
/** Mozilla's test harness serves every test page from this URL. */
const READABILITY_PAGE_URL = 'http://fakehost/test/page.html';
const TARGETS = { title: 0.97, author: 0.95, date: 0.95 } as const;
/** What an author must never be (issue 4): a URL, an email, a date, or boilerplate. */
const BAD_AUTHOR =
  /^(?:https?:|www\.)|\S+@\S+\.\S+|^(?:by|staff|admin|administrator|editor|anonymous|unknown)$|\d{4}/i;
/** Credentials and framing that are not part of a name when comparing ("By", "MS, RD"). */
/** Separators between a headline and a site name in Readability's titles. */
const TITLE_SEPARATOR = /\s+(?:[|\-–—·•»:~/\\]|::|_)\s*|\s*_/;
const NAME_FRAMING = /^(?:by|von|written by)\s+/i;

type Value = string | readonly string[] | null;

interface TruthRow {
  readonly url: string;
  readonly author: Value;
  readonly date: string | null;
  readonly section: readonly string[] | null;
  readonly note: string;
}

interface Correction {
  readonly title?: string | null;
  readonly byline?: Value;
  readonly publishedTime?: string | null;
  readonly note: string;
}

interface TruthFile {
  readonly pages: Readonly<Record<string, TruthRow>>;
  readonly readabilityCorrections?: Readonly<Record<string, Correction>>;
}

interface Run {
  readonly stet: ArticleMetadata;
  readonly readability: { title?: string; author?: string; date?: string };
}

interface Tally {
  correct: number;
  known: number;
  readonly misses: string[];
}

function main(): void {
  if (!existsSync(READABILITY_DIR) || !existsSync(ZYTE_DIR)) {
    console.error(`bench:metadata needs ../shared/corpus (looked in ${CORPUS})`);
    process.exitCode = 1;
    return;
  }
  const truth = JSON.parse(readFileSync(TRUTH_FILE, 'utf8')) as TruthFile;
  const capturedAt = new Date();
  const started = Date.now();

  const readability = readabilityCorpus(capturedAt, truth.readabilityCorrections ?? {});
  const zyte = zyteCorpus(capturedAt, truth.pages);
  const seconds = (Date.now() - started) / 1000;

  const section = report(readability, zyte, seconds);
  writeBenchmarkSection('metadata', section);
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  writeFileSync(
    OUT_FILE,
    `${JSON.stringify({ readability: readability.pages, zyte: zyte.pages }, null, 2)}\n`,
  );
  console.log(section);
}

// ---------------------------------------------------------------------------------------
// Runs

function run(input: string, url: string, body: Buffer, fetchedAt: Date): Run | string {
  let extraction: Extraction;
  try {
    extraction = extractPage(savedPage(input, url, body, fetchedAt));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const { captured: _captured, ...stet } = extraction.document.metadata;
  const fromReadability = (field: string) =>
    extraction.candidates.find((c) => c.source === READABILITY_SOURCE && c.field === field)?.value;
  return {
    stet,
    readability: {
      ...optional('title', fromReadability('title')),
      ...optional('author', fromReadability('author')),
      ...optional('date', fromReadability('date')),
    },
  };
}

interface CorpusResult {
  readonly pages: Record<string, unknown>;
  readonly scores: Record<'stet' | 'readability', Record<string, Tally>>;
  /** The same, against expected-metadata.json as shipped (no corrections). */
  readonly uncorrected: Record<'stet' | 'readability', Record<string, Tally>>;
  readonly corrections: string[];
  readonly failures: string[];
  readonly badAuthors: Record<'stet' | 'readability', string[]>;
  readonly captureDates: Record<'stet' | 'readability', string[]>;
  count: number;
}

function emptyResult(fields: readonly string[]): CorpusResult {
  const tallies = () =>
    Object.fromEntries(fields.map((field) => [field, { correct: 0, known: 0, misses: [] }]));
  return {
    pages: {},
    scores: { stet: tallies(), readability: tallies() },
    uncorrected: { stet: tallies(), readability: tallies() },
    corrections: [],
    failures: [],
    badAuthors: { stet: [], readability: [] },
    captureDates: { stet: [], readability: [] },
    count: 0,
  };
}

function readabilityCorpus(
  capturedAt: Date,
  corrections: Readonly<Record<string, Correction>>,
): CorpusResult {
  const result = emptyResult(['title', 'author', 'date']);
  for (const name of readdirSync(READABILITY_DIR).sort()) {
    const dir = join(READABILITY_DIR, name);
    const expected = JSON.parse(
      readFileSync(join(dir, 'expected-metadata.json'), 'utf8'),
    ) as Record<string, unknown>;
    const correction = corrections[name];
    const truth = {
      title: single(pick(correction, 'title', expected.title)),
      author: pick(correction, 'byline', expected.byline),
      date: single(pick(correction, 'publishedTime', expected.publishedTime)),
    };
    if (correction !== undefined) result.corrections.push(`${name}: ${correction.note}`);
    const outcome = run(
      `${name}.html`,
      READABILITY_PAGE_URL,
      gunzipSync(readFileSync(join(dir, 'source.html.gz'))),
      capturedAt,
    );
    result.count += 1;
    if (typeof outcome === 'string') {
      result.failures.push(`${name}: ${outcome}`);
      continue;
    }
    check(result, name, outcome, capturedAt);
    score(result.scores.stet.title, name, truth.title, outcome.stet.title, sameTitle);
    score(result.scores.stet.author, name, truth.author, outcome.stet.author, sameAuthors);
    score(result.scores.stet.date, name, truth.date, outcome.stet.date, sameDate);
    score(result.scores.readability.title, name, truth.title, outcome.readability.title, sameTitle);
    score(
      result.scores.readability.author,
      name,
      truth.author,
      outcome.readability.author,
      sameAuthors,
    );
    score(result.scores.readability.date, name, truth.date, outcome.readability.date, sameDate);
    const shipped = {
      title: single(pick(undefined, 'title', expected.title)),
      author: pick(undefined, 'byline', expected.byline),
      date: single(pick(undefined, 'publishedTime', expected.publishedTime)),
    };
    for (const run of ['stet', 'readability'] as const) {
      const tallies = result.uncorrected[run];
      score(tallies.title, name, shipped.title, outcome[run].title, sameTitle);
      score(tallies.author, name, shipped.author, outcome[run].author, sameAuthors);
      score(tallies.date, name, shipped.date, outcome[run].date, sameDate);
    }
    result.pages[name] = { truth, stet: outcome.stet, readability: outcome.readability };
  }
  return result;
}

function zyteCorpus(capturedAt: Date, table: Readonly<Record<string, TruthRow>>): CorpusResult {
  const result = emptyResult(['author', 'date', 'section']);
  const groundTruth = JSON.parse(
    readFileSync(join(ZYTE_DIR, 'ground-truth.json'), 'utf8'),
  ) as Record<string, { url: string }>;
  for (const [id, { url }] of Object.entries(groundTruth).sort(([a], [b]) => a.localeCompare(b))) {
    const outcome = run(
      `${id}.html`,
      url,
      gunzipSync(readFileSync(join(ZYTE_DIR, 'html', `${id}.html.gz`))),
      capturedAt,
    );
    result.count += 1;
    if (typeof outcome === 'string') {
      result.failures.push(`${id}: ${outcome}`);
      continue;
    }
    check(result, id, outcome, capturedAt);
    const truth = table[id];
    if (truth === undefined) continue;
    const label = `${id.slice(0, 8)} (${new URL(truth.url).hostname})`;
    // Every row of the table is known: null means the page credits no author / shows no section.
    scoreKnown(result.scores.stet.author, label, truth.author, outcome.stet.author, sameAuthors);
    scoreKnown(result.scores.stet.date, label, truth.date, outcome.stet.date, sameDay);
    scoreKnown(result.scores.stet.section, label, truth.section, outcome.stet.theme, sameSection);
    scoreKnown(
      result.scores.readability.author,
      label,
      truth.author,
      outcome.readability.author,
      sameAuthors,
    );
    scoreKnown(
      result.scores.readability.date,
      label,
      truth.date,
      outcome.readability.date,
      sameDay,
    );
    result.pages[id] = { truth, stet: outcome.stet, readability: outcome.readability };
  }
  return result;
}

/** Issue 4's hard rules, on every page: no URL/date/email/boilerplate author, no capture date. */
function check(result: CorpusResult, page: string, outcome: Run, capturedAt: Date): void {
  const captureDay = capturedAt.toISOString().slice(0, 10);
  const runs = {
    stet: { author: outcome.stet.author, date: outcome.stet.date },
    readability: outcome.readability,
  };
  for (const [name, values] of Object.entries(runs) as [
    'stet' | 'readability',
    { author?: Value; date?: string },
  ][]) {
    for (const author of asList(values.author ?? null)) {
      if (BAD_AUTHOR.test(author.trim()))
        result.badAuthors[name].push(`${page}: ${JSON.stringify(author)}`);
    }
    const day = values.date === undefined ? undefined : parseDate(values.date)?.slice(0, 10);
    if (day === captureDay) result.captureDates[name].push(`${page}: ${values.date}`);
  }
}

// ---------------------------------------------------------------------------------------
// Comparison

/** Counts only pages whose truth is known (the readability corpus leaves many fields null). */
function score<T>(
  tally: Tally | undefined,
  page: string,
  truth: T | null | undefined,
  value: Value | undefined,
  same: (truth: T, value: Value) => boolean,
): void {
  if (tally === undefined || truth === null || truth === undefined) return;
  tally.known += 1;
  if (value !== undefined && same(truth, value)) tally.correct += 1;
  else
    tally.misses.push(
      `${page}: expected ${JSON.stringify(truth)}, got ${JSON.stringify(value ?? null)}`,
    );
}

/** Counts every page: a null truth is matched only by no value. */
function scoreKnown<T>(
  tally: Tally | undefined,
  page: string,
  truth: T | null,
  value: Value | undefined,
  same: (truth: T, value: Value) => boolean,
): void {
  if (tally === undefined) return;
  tally.known += 1;
  const ok = truth === null ? value === undefined : value !== undefined && same(truth, value);
  if (ok) tally.correct += 1;
  else
    tally.misses.push(
      `${page}: expected ${JSON.stringify(truth)}, got ${JSON.stringify(value ?? null)}`,
    );
}

/**
 * The same headline. stet drops a site-name part ("… | eHow") on purpose (issue 4), so the
 * expected title with one leading or trailing separator-delimited part removed counts too.
 */
function sameTitle(truth: string, value: Value): boolean {
  if (typeof value !== 'string') return false;
  const parts = truth.split(TITLE_SEPARATOR);
  const forms = [truth, parts.slice(0, -1).join(' '), parts.slice(1).join(' ')];
  return forms.some((form) => form !== '' && comparable(form) === comparable(value));
}

/** The same set of names, ignoring "By", case, punctuation and a leading "The". */
function sameAuthors(truth: Value, value: Value): boolean {
  const names = (list: Value) =>
    new Set(
      asList(list)
        .flatMap((entry) => entry.replace(NAME_FRAMING, '').split(/\s*(?:,|;|&|\band\b)\s*/))
        .map((name) => comparable(name.replace(/^the\s+/i, '')))
        .filter((name) => name !== ''),
    );
  const a = names(truth);
  const b = names(value);
  return a.size === b.size && [...a].every((name) => b.has(name));
}

/** Same instant when both carry a time, else the same calendar day. */
function sameDate(truth: string, value: Value): boolean {
  if (typeof value !== 'string') return false;
  const a = parseDate(truth);
  const b = parseDate(value);
  if (a === undefined || b === undefined) return false;
  if (a.length > 10 && b.length > 10) return Date.parse(a) === Date.parse(b);
  return a.slice(0, 10) === b.slice(0, 10);
}

/**
 * The truth table gives the day as the page shows it in its own time zone; a value with a time
 * (often in UTC) may fall on the next or previous day, so one day apart counts only then.
 */
function sameDay(truth: string, value: Value): boolean {
  if (typeof value !== 'string') return false;
  const day = parseDate(value);
  if (day === undefined) return false;
  if (day.slice(0, 10) === truth) return true;
  const apart = Math.abs(
    Date.parse(`${day.slice(0, 10)}T00:00:00Z`) - Date.parse(`${truth}T00:00:00Z`),
  );
  return day.length > 10 && apart <= 24 * 3600 * 1000;
}

function sameSection(truth: readonly string[], value: Value): boolean {
  const accepted = new Set(truth.map(comparable));
  return asList(value).some((section) => accepted.has(comparable(section)));
}

function single(value: Value): string | null {
  return typeof value === 'string' ? value : null;
}

function asList(value: Value): readonly string[] {
  if (value === null) return [];
  return typeof value === 'string' ? [value] : value;
}

function pick<K extends keyof Correction>(
  correction: Correction | undefined,
  key: K,
  expected: unknown,
): Value {
  if (correction !== undefined && key in correction)
    return (correction[key] as Value | undefined) ?? null;
  if (typeof expected === 'string' && expected.trim() !== '') return expected;
  return null;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

// ---------------------------------------------------------------------------------------
// Report

function report(readability: CorpusResult, zyte: CorpusResult, seconds: number): string {
  const rate = (tally: Tally | undefined) =>
    tally === undefined || tally.known === 0
      ? '–'
      : `${(tally.correct / tally.known).toFixed(3)} (${tally.correct}/${tally.known})`;
  const target = (field: keyof typeof TARGETS, tally: Tally | undefined) =>
    tally === undefined || tally.known === 0
      ? ''
      : tally.correct / tally.known >= TARGETS[field]
        ? ' ✓'
        : ' ✗';
  const lines = [
    START_MARKER,
    '## Metadata',
    '',
    `Command: \`${COMMAND}\` (bench/metadata.ts). ${readability.count} pages of \`../shared/corpus/readability\` and ${zyte.count} of \`../shared/corpus/zyte\` in ${seconds.toFixed(1)} s; stet = \`extractPage\` (the path of \`stet extract\`), bare Readability = Readability's own title/byline/publishedTime from the same run. Targets: title ≥ ${TARGETS.title}, author ≥ ${TARGETS.author}, date ≥ ${TARGETS.date}.`,
    '',
    '### Readability test pages (expected-metadata.json, corrected where the page shows otherwise)',
    '',
    'Agreement on pages where the expected value is known (not null).',
    '',
    '| field | stet | bare Readability |',
    '|---|---|---|',
    `| title | ${rate(readability.scores.stet.title)}${target('title', readability.scores.stet.title)} | ${rate(readability.scores.readability.title)} |`,
    `| author (byline) | ${rate(readability.scores.stet.author)}${target('author', readability.scores.stet.author)} | ${rate(readability.scores.readability.author)} |`,
    `| date (publishedTime) | ${rate(readability.scores.stet.date)}${target('date', readability.scores.stet.date)} | ${rate(readability.scores.readability.date)} |`,
    '',
    `Against expected-metadata.json as shipped, without the corrections below: stet title ${rate(readability.uncorrected.stet.title)}, author ${rate(readability.uncorrected.stet.author)}, date ${rate(readability.uncorrected.stet.date)}; bare Readability title ${rate(readability.uncorrected.readability.title)}, author ${rate(readability.uncorrected.readability.author)}, date ${rate(readability.uncorrected.readability.date)}.`,
    '',
    `Pages where the page itself shows Readability's expected value is wrong (${readability.corrections.length}, each counted once, with the page's value used as truth above):`,
    '',
    ...bullet(readability.corrections),
    '',
    `### Hand-checked zyte pages (bench/metadata-truth.json, ${Object.keys(zyte.pages).length} pages)`,
    '',
    'Every row counts; where the page credits no author or shows no section, the right answer is none.',
    '',
    '| field | stet | bare Readability |',
    '|---|---|---|',
    `| author | ${rate(zyte.scores.stet.author)}${target('author', zyte.scores.stet.author)} | ${rate(zyte.scores.readability.author)} |`,
    `| publication date | ${rate(zyte.scores.stet.date)}${target('date', zyte.scores.stet.date)} | ${rate(zyte.scores.readability.date)} |`,
    `| section | ${rate(zyte.scores.stet.section)} | – (Readability has none) |`,
    '',
    '### Hard rules, on every page of both corpora',
    '',
    '| check | stet | bare Readability |',
    '|---|---|---|',
    `| authors that are URLs, dates, emails or boilerplate | ${count(readability, zyte, 'badAuthors', 'stet')} | ${count(readability, zyte, 'badAuthors', 'readability')} |`,
    `| dates on the capture day | ${count(readability, zyte, 'captureDates', 'stet')} | ${count(readability, zyte, 'captureDates', 'readability')} |`,
    `| pages that failed to extract | ${readability.failures.length + zyte.failures.length} | |`,
    '',
    ...details('stet misses, readability pages', [
      ...missesOf(readability.scores.stet.title).map((m) => `title ${m}`),
      ...missesOf(readability.scores.stet.author).map((m) => `author ${m}`),
      ...missesOf(readability.scores.stet.date).map((m) => `date ${m}`),
    ]),
    ...details('stet misses, zyte truth table', [
      ...missesOf(zyte.scores.stet.author).map((m) => `author ${m}`),
      ...missesOf(zyte.scores.stet.date).map((m) => `date ${m}`),
      ...missesOf(zyte.scores.stet.section).map((m) => `section ${m}`),
    ]),
    ...details('stet authors/dates breaking the hard rules', [
      ...readability.badAuthors.stet,
      ...zyte.badAuthors.stet,
      ...readability.captureDates.stet,
      ...zyte.captureDates.stet,
      ...readability.failures,
      ...zyte.failures,
    ]),
    END_MARKER,
  ];
  return lines.join('\n');
}

function missesOf(tally: Tally | undefined): readonly string[] {
  return tally?.misses ?? [];
}

function count(
  a: CorpusResult,
  b: CorpusResult,
  key: 'badAuthors' | 'captureDates',
  run: 'stet' | 'readability',
): number {
  return a[key][run].length + b[key][run].length;
}

function bullet(items: readonly string[]): string[] {
  return items.length === 0 ? ['- none'] : items.map((item) => `- ${item}`);
}

function details(title: string, items: readonly string[]): string[] {
  return [
    `<details><summary>${title} (${items.length})</summary>`,
    '',
    ...bullet(items),
    '',
    '</details>',
    '',
  ];
}

main();
