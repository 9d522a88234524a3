// Articles for archive tests: a realistic body and its revisions.
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';
import type { ArticleDocument, ArticleMetadata } from '../../src/types.js';

export const ARTICLE_URL = 'https://news.example.org/2018/11/20/government-forces-crushed-pocket/';

export const PARAGRAPHS = [
  'On November 17th, the Syrian Army and its allies regained control of al-Safa after the collapse of the defense in the area. A source said that heavy rain had destroyed most of the fortifications during the last few days.',
  'On the same day, heavy clashes broke out around the strategic town of Hajin in the middle of the Euphrates valley. The SDF said that it had killed 20 militants during the attack.',
  'Hajin is the last town held by the group in the valley. Its capture would end the campaign that started in September and would allow the forces to move east.',
  'Observers expect the fighting to continue through the winter, and supply lines along the river remain exposed to raids from the desert.',
  '45 more are besieged inside the base.',
];

const BASE_METADATA: ArticleMetadata = {
  title: 'Government Forces Crushed Pocket in Southern Syria',
  author: 'South Front',
  date: '2018-11-20',
  region: 'Middle East & North Africa',
  theme: 'US NATO War Agenda',
  tags: ['SYRIA'],
  site: 'Global Research',
  url: ARTICLE_URL,
};

export function article(
  paragraphs: readonly string[] = PARAGRAPHS,
  metadata: Partial<ArticleMetadata> = {},
  captured = '2026-11-25T10:00:00.000Z',
): ArticleDocument {
  const markdown = `${paragraphs.join('\n\n')}\n`;
  return {
    metadata: { ...BASE_METADATA, ...metadata, captured },
    markdown,
    text: paragraphs.join('\n\n'),
  };
}

/** The article with one paragraph replaced. */
export function withParagraph(index: number, text: string, paragraphs = PARAGRAPHS): string[] {
  return paragraphs.map((paragraph, i) => (i === index ? text : paragraph));
}

/** A CliIO whose output is collected in strings, for running commands in-process. */
export function captureIO(
  cwd: string,
  options: { isTTY?: boolean; env?: NodeJS.ProcessEnv } = {},
): CliIO & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  return {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    cwd,
    out: () => out,
    err: () => err,
  };
}
