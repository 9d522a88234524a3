// Every boilerplate block of the reference page (built from the seed's text), cleaned with the
// whole page body as the "article": each block goes, by the rule named for its class, and every
// paragraph of the article stays.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/clean/clean.js';
import { toPlainText } from '../../src/markdown/markdown.js';
import { HAS_SEEDS, SEEDS_DIR } from '../helpers/corpus.js';
import { articleAt, parseReferencePage } from './pages.js';

const TITLE = 'Video: Government Forces Crushed ISIS-held Pocket in Southern Syria';

/** [rule id, start of the text it must remove] — one line per boilerplate block of the page. */
const EXPECTED_REMOVALS: readonly (readonly [string, string])[] = [
  ['navigation', 'Français Deutsch Italiano'],
  ['navigation', 'Home Latest News Themes'],
  ['navigation', 'About Global Research Contact Us'],
  ['ui-chrome', 'Login'],
  ['share-prompt', 'Facebook Twitter Email Print 118 Shares'],
  ['share-prompt', 'Note to readers: please click the share buttons above.'],
  ['advertisement-label', 'Advertisement'],
  ['newsletter-appeal', 'Get Our Newsletter'],
  ['membership-appeal', 'Become a Member of Global Research'],
  ['comment-prompt', 'Comment on Global Research Articles on our Facebook page'],
  ['related-links', 'Most Popular'],
  ['author-bio', 'Articles by: South Front'],
  ['original-source-line', 'The original source of this article is South Front'],
  ['copyright-footer', 'Copyright © 2005-2018 Centre for Research on Globalization'],
  ['disclaimer', 'Disclaimer: The contents of this article'],
  ['fair-use', 'www.globalresearch.ca contains copyrighted material'],
  ['media-inquiries', 'For media inquiries:'],
  ['title-heading', TITLE],
  ['dateline', 'By South Front Global Research, November 20, 2018'],
  ['tag-list', 'Region: Middle East & North Africa Theme: US NATO War Agenda'],
  ['separator', '*'],
  ['unsafe-content', '<iframe>'],
];

describe('cleaning the reference page', () => {
  const page = parseReferencePage();
  const cleaned = cleanArticle(articleAt(page, 'body', TITLE));
  const text = toPlainText(cleaned.root).replace(/\s+/g, ' ');
  page.close();

  it.each(EXPECTED_REMOVALS)('%s removes "%s"', (ruleId, start) => {
    const removal = cleaned.removals.find(
      (candidate) => candidate.ruleId === ruleId && candidate.snippet.startsWith(start),
    );
    expect(removal, `${ruleId}: ${start}`).toBeDefined();
    expect(removal?.reason).toMatch(/\w/);
  });

  it.skipIf(!HAS_SEEDS)(
    'keeps every paragraph of the seed article, the split one joined (skipped without ../shared/seeds)',
    () => {
      const seed = readFileSync(join(SEEDS_DIR, '000_5ae754d5d40549f7.txt'), 'utf8');
      const start = seed.indexOf('*On November 17');
      const end = seed.indexOf('inside the base.') + 'inside the base.'.length;
      const article = seed
        .slice(start, end)
        .replace(/<\/?sup>|\*/g, '')
        .replace(/said that the SAA\s+and its allies/, 'said that the SAA and its allies')
        .replace(/\s+/g, ' ');
      expect(text.trim()).toBe(article.trim());
    },
  );
});
