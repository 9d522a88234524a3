// The html diff as a person sees it: rendered by headless Chromium (Debian's `chromium`), with
// the marked insertions and deletions read from the page and a screenshot that is not blank.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRevisions } from '../../src/archive/diff.js';
import { renderHtml } from '../../src/archive/diff-html.js';
import { PROJECT_ROOT } from '../helpers/corpus.js';
import { makeTempDir, removeDir } from '../helpers/repo.js';
import { article, PARAGRAPHS, withParagraph } from './fixtures.js';
import { decodePng, distinctColours, luminanceVariance } from './png.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A screenshot of text on a background has far more than this; a blank page has 0. */
const MIN_LUMINANCE_VARIANCE = 50;
const MIN_COLOURS = 20;
const SCREENSHOT_FILE = join(PROJECT_ROOT, 'docs', 'diff-screenshot.png');

function sampleComparison() {
  const edited = withParagraph(
    1,
    PARAGRAPHS[1]?.replace('killed 20 militants', 'killed 21 militants') ?? '',
  );
  const later = [
    ...withParagraph(
      3,
      'Observers now expect the fighting to ease before winter, although supply lines along the river remain exposed.',
      edited,
    ).slice(0, 4),
    'Reinforcements arrived from Deir ez-Zor on Wednesday.',
  ];
  const before = article(PARAGRAPHS, {}, '2026-11-20T08:00:00.000Z');
  const after = article(
    later,
    { title: 'Government Forces Crush Pocket in Southern Syria' },
    '2026-11-22T08:00:00.000Z',
  );
  const revision = (commit: string, doc: ReturnType<typeof article>) => ({
    commit,
    captured: doc.metadata.captured,
    committedAt: doc.metadata.captured,
    metadata: Object.fromEntries(Object.entries(doc.metadata)),
    markdown: doc.markdown,
  });
  return compareRevisions(
    'news.example.org/2018_11_20_government-forces-crushed-pocket_.md',
    revision('3f2a1b9c0d4e5f60718293a4b5c6d7e8f9a0b1c2', before),
    revision('9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d', after),
  );
}

const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM))
  console.warn(`SKIPPED html diff in Chromium: ${CHROMIUM} is not installed`);

describeWithChromium('html diff in headless Chromium', () => {
  let dir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = await makeTempDir();
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 900 },
      offline: true,
    });
  });

  afterAll(async () => {
    await context?.close();
    await removeDir(dir);
  });

  it('shows insertions and deletions inline and side by side, and looks like something', async () => {
    const file = join(dir, 'diff.html');
    await writeFile(file, renderHtml(sampleComparison()));
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      requests.push(request.url());
    });
    await page.goto(`file://${file}`);

    const inline = page.locator('article.inline');
    expect(await inline.isVisible()).toBe(true);
    expect(await inline.locator('del').allInnerTexts()).toEqual([
      '20',
      'continue through the',
      'and',
      'exposed to raids from the desert.',
      '45 more are besieged inside the base.',
    ]);
    expect(await inline.locator('ins').allInnerTexts()).toEqual([
      '21',
      'now',
      'ease before',
      'although',
      'exposed.',
      'Reinforcements arrived from Deir ez-Zor on Wednesday.',
    ]);
    expect(await page.locator('table.metadata ins').textContent()).toBe(
      'Government Forces Crush Pocket in Southern Syria',
    );
    expect(await page.locator('.summary').textContent()).toMatch(
      /^\+13 words, −18 words; 2 paragraphs changed/,
    );

    const screenshot = await page.screenshot();
    const pixels = decodePng(screenshot);
    expect(luminanceVariance(pixels)).toBeGreaterThan(MIN_LUMINANCE_VARIANCE);
    expect(distinctColours(pixels)).toBeGreaterThan(MIN_COLOURS);
    await writeFile(join(dir, 'inline.png'), screenshot);
    if (process.env.UPDATE === '1') {
      await mkdir(join(PROJECT_ROOT, 'docs'), { recursive: true });
      await writeFile(SCREENSHOT_FILE, screenshot);
    }

    await page.locator('label[for="view-side"]').click();
    expect(await inline.isVisible()).toBe(false);
    const side = page.locator('table.side-by-side');
    expect(await side.isVisible()).toBe(true);
    expect(await side.locator('td:first-child del').allInnerTexts()).toContain('20');
    expect(await side.locator('td:last-child ins').allInnerTexts()).toContain('21');
    expect(await side.locator('td:last-child del').count()).toBe(0);
    expect(luminanceVariance(decodePng(await page.screenshot()))).toBeGreaterThan(
      MIN_LUMINANCE_VARIANCE,
    );

    expect(requests).toEqual([`file://${file}`]);
  });
});
