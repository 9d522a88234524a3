// One test per rule that it fires on a real page, and one that it leaves article text alone
// when the text merely mentions its subject ("share", "subscribe", "copyright", …). Real pages:
// the reference page (reference-page.test.ts covers every rule it exercises) and pages of
// ../shared/corpus/zyte, read from the corpus at test time.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/clean/rules/index.js';
import { describeWithCorpus } from '../helpers/corpus.js';
import { cleanCorpusPage, cleanedCorpusText, cleanSnippet } from './pages.js';

/**
 * [rule id, corpus page id prefix, start of a block the rule removes, a sentence of the
 * article that must stay]. The pages are real news pages of the benchmark's tuning split, or
 * (`readability/<name>`) of the readability corpus, which the quality benchmark does not score.
 */
const CORPUS_CASES: readonly (readonly [string, string, string, string])[] = [
  ['dateline', '05844573ca7e', 'Tom Krisher, Ap Auto Writer Updated', 'New electric vehicles'],
  ['image-caption', '51374560f400', 'Vicente Aguiar loads garage door trims', 'Home Depot'],
  ['image-credit', '05844573ca7e', 'Photo: Damian Dovarganes, AP', 'New electric vehicles'],
  ['inline-teaser', '51374560f400', 'READ MORE ON FOX BUSINESS BY CLICKING HERE', 'Home Depot'],
  ['ui-chrome', '05844573ca7e', 'Sign In', 'New electric vehicles'],
  [
    'title-heading',
    '05844573ca7e',
    'New SUVs and electric vehicles highlight',
    'New electric vehicles',
  ],
  [
    'newsletter-appeal',
    '3f65af7b6b98',
    'Get the latest updates right in your inbox.',
    'South Dakota',
  ],
  ['author-bio', '3f65af7b6b98', 'Have a tip? Amy Kuperinsky may be reached', 'South Dakota'],
  ['related-links', '35b158918c67', 'You may also like...', 'Doobie Brothers'],
  ['original-source-line', '3c5bf8db4272', 'Originally published on Live Science.', 'universe'],
  // The footer box the page names "copyright-wrp": the publisher's address and its © line.
  ['copyright-footer', '6ebac05f637e', 'The Hill 1625 K Street', 'Omar'],
  [
    'cookie-notice',
    '30b771a40a4e',
    'This website uses cookies to improve your experience.',
    'book',
  ],
  ['advertisement-label', '30b771a40a4e', 'Advert', 'book'],
  ['comment-prompt', '30b771a40a4e', 'comments', 'book'],
  ['share-prompt', '4a44ab3e4c41', 'Like this story? Share it with a friend!', 'Bolivia'],
  ['disclaimer', '65408257dbe4', 'Disclaimer: The views and investment tips', 'market'],
  ['tag-list', 'cc03ddb5ef7d', 'Tags', 'Stock Car'],
  ['separator', 'a6968f427cdb', '___', 'Patrick'],
  ['reporting-credit', '57d46c9d751e', 'Reporting by Rodrigo Campos', 'shares'],
  ['affiliate-disclosure', 'abd9d6291b6b', 'Microsoft may earn an Affiliate Commission', 'flu'],
  // Teaser-list headings that name a site or a section, and the list that follows them.
  ['related-links', 'd48aeb9cf2', 'More Great WIRED Stories', 'Instagram began testing'],
  [
    'related-links',
    'd48aeb9cf2',
    'The strange life and mysterious death',
    'Instagram began testing',
  ],
  ['related-links', '3cb5e2f466', 'RECENT ARTICLES', 'Crossovers may have become'],
  ['related-links', '42aad16bde', 'More:', 'Getting to the Moon'],
  ['ui-chrome', 'dc7ccccc1f', 'Loading content', 'Sweden has dropped'],
  ['ui-chrome', 'f8ff621a0b', 'Text size', 'Home Depot'],
  ['ui-chrome', '961bd85ca8', '1 of 6', 'Police arrested six people'],
  ['ui-chrome', 'aec5deeaad', 'SUBSCRIBE', 'New uncertainty hangs'],
  ['share-prompt', '70cb2d5bca', 'Follow Newsbeat on Instagram', 'Taylor Swift'],
  ['share-prompt', 'cc4aa22b82', 'Subscribe to 9to5Mac on YouTube', 'tech-savvy'],
  ['author-bio', 'cc4aa22b82', 'About the Author', 'tech-savvy'],
  // A diagram's legend over 600 characters, in a <figcaption> of an image gallery.
  ['image-caption', 'e1c7023ee2', 'Functional areas of the hibernation module', 'hibernating crew'],
  // A hover card that pops out of a name: the person's photo and their latest articles.
  ['hidden-text', '6ebac05f63', 'Ilhan OmarHillicon Valley', 'pleaded guilty'],
  // A post's meta line: date, then labelled fields (author, category, tags).
  ['dateline', 'f6ac15a4d9', '05/10/2018 - Publicado por: Clarissa Borba', 'arrombamento'],
  // Subscription offers: a magazine by post, a newsletter after a lead-in sentence.
  ['newsletter-appeal', '30b771a40a', 'Get Motor Cycle Monthly delivered through', 'book'],
  [
    'newsletter-appeal',
    '55bb6340e3',
    "There's plenty more where that came from. Sign up",
    'Carlyle',
  ],
  ['newsletter-appeal', '2f42ef1d3e', 'Subscribe to WIRED and stay smart', 'business logic'],
  ['reporting-credit', '702d1da63b', 'Keith Bradsher contributed reporting', 'China'],
  ['reporting-credit', 'c58aa507c4', 'Contributing: Kristine Phillips', 'Epstein'],
  ['related-links', '4a44ab3e4c', 'Also on rt.com Journalists', 'Bolivia'],
  ['related-links', '5fbc7ccb50', 'Also: See Black Friday coverage at CNET', 'Black Friday'],
  // Reading-time labels, a lone "Home" link, relative datelines, non-English ad labels.
  ['ui-chrome', '3252222e61', 'Tempo de leitura: 2 minutos', 'Carlos Nadalim'],
  ['ui-chrome', 'c00962aabe', 'Home', 'NASA announced'],
  ['dateline', '51374560f4', 'Published 1 day ago', 'Home Depot reported'],
  ['advertisement-label', '7837c9d66c', 'Iklan', 'Sebelum Islam'],
  ['copyright-footer', '833caf3bdb', 'Copyright @ 2019 The New Arab.', 'stiff international'],
  ['comment-prompt', '076f4f33bf', 'Post Comment (+)', 'Delhi-NCR'],
  // A press release's closing paragraphs about the company, after a rule (<hr>).
  ['company-boilerplate', '5ae11e580a', 'Ascom is a global solutions provider', 'Digistat'],
  ['share-prompt', 'e100c9612a', 'Share Tweet Submit', 'free-to-play'],
  ['affiliate-disclosure', 'e7d77f1869', 'Follow @BGRDeals on Twitter', 'Black Friday 2019'],
  ['original-source-line', '833caf3bdb', 'Via SyndiGate.info', 'stiff international'],
  ['original-source-line', 'e1c7023ee2', 'Citation: Hibernating astronauts', 'hibernating crew'],
  [
    'copyright-footer',
    'e1c7023ee2',
    'This document is subject to copyright. Apart from',
    'hibernating crew',
  ],
  ['author-bio', 'f8ff621a0b', 'Write to Al Root at', 'Home Depot'],
  ['author-bio', '9ebb3af656', 'paul.takahashi@chron.com twitter.com/paultakahashi', 'Edmunds'],
  ['author-bio', 'c00962aabe', 'Jeff Foust (jeff@thespacereview.com) is the editor', 'NASA'],
  // Wire bylines: names, then the agency and the writer's beat.
  ['dateline', 'a6968f427c', 'Meg Kinnard and Errin Haines, Associated Press', 'Patrick'],
  ['dateline', 'aec5deeaad', 'Steve Peoples, Ap National Political Writer', 'New uncertainty'],
  ['inline-teaser', '291a8bf33e', '[Related: Salesforce Dreamforce', 'took that challenge'],
  ['inline-teaser', 'eecd257509', 'More AP NBA: https://apnews.com/NBA', 'Visit the Thunder'],
  // The last line of a teaser run, whose link-only neighbour went first.
  [
    'inline-teaser',
    '35b158918c',
    '25 worst Rock and Roll Hall of Fame Inductees ever',
    'Doobie Brothers',
  ],
  ['ui-chrome', '30b771a40a', '[button link=', 'book'],
  // A "most popular" heading over teaser cards (a linked picture and a blurb each), and a
  // reviews box with only its prompt, on a Russian page.
  ['related-links', 'ff0f958ade', 'Самые популярные диеты Популярная диета', 'Аткинса'],
  ['comment-prompt', 'ff0f958ade', 'ОтзывыДобавить отзыв', 'Аткинса'],
  // Classes found on the readability corpus: print-edition and original-headline lines, an
  // editor-in-charge credit, a reprint notice, "Promoted By", author lines, follow prompts.
  [
    'original-source-line',
    'readability/nytimes-3',
    'A version of this article appears in print',
    'manhole fires',
  ],
  ['original-source-line', 'readability/gmw', '原标题：', '翱翔于距地球数千公里的太空中'],
  ['reporting-credit', 'readability/gmw', '[责任编辑:肖春芳]', '翱翔于距地球数千公里的太空中'],
  ['reporting-credit', 'readability/qq', '[责任编辑：alonliu]', 'DeepMind'],
  ['copyright-footer', 'readability/qq', '【美国The Next Web作品', 'DeepMind'],
  ['advertisement-label', 'readability/ehow-2', 'Promoted By Zergnet', 'Graduation parties'],
  ['related-links', 'readability/ehow-2', 'Related Searches', 'Graduation parties'],
  ['author-bio', 'readability/herald-sun-1', 'LAURIE OAKES IS THE NINE NETWORK', 'Conroy'],
  ['author-bio', 'readability/yahoo-1', 'Ben Silverman is on Twitter at', 'Rez Infinite'],
  ['share-prompt', 'readability/keep-images', 'Follow Backchannel: Twitter', 'Barcelona lab'],
  ['image-credit', 'readability/keep-images', 'Top photo by Joan Bardeletti', 'Barcelona lab'],
  [
    'comment-prompt',
    'readability/keep-tabular-data',
    'As always, let us know what you think',
    'The release plan',
  ],
  ['ui-chrome', 'readability/lwn-1', 'Next page: Security', 'Arduino LLC'],
  ['ui-chrome', 'b6fb53e9fb', '2.289 letture', 'Cavalieri dello Zodiaco'],
  // A table-layout page: a breadcrumb trail no class names, ending with the page's own name,
  // and a 1×1 spacer GIF.
  [
    'navigation',
    'readability/hukumusume',
    '福娘童話集 > きょうのイソップ童話 >',
    '肉をくわえたイヌが',
  ],
  ['spacer-image', 'readability/hukumusume', '<img>', '肉をくわえたイヌが'],
  ['edit-link', 'readability/wikipedia-3', '[edit]', 'Hermitian matrices can be characterized'],
  // A credit laid out as a definition list: <dl><dt>Фото:</dt><dd>личный архив …</dd></dl>.
  ['image-credit', '3c6d3381ef', 'Фото:личный архив Андрея Рудькова', 'Что вас вдохновило'],
  // One short tag after a long label: the label is not counted as unlinked text.
  ['tag-list', '7837c9d66c', "Filed under: Syi'ah", 'Zaman Sahabat itu zaman terbaik Islam'],
  // A weekly edition's link to each story's comments.
  ['comment-prompt', 'readability/lwn-1', 'Comments (74 posted)', 'Arduino LLC'],
  // Headings of boxes the page fills by script, left last with nothing under them.
  ['trailing-heading', 'f5c90a6d52', 'Something to Consider', 'Time is not on Adam Schiff'],
  ['trailing-heading', 'readability/ehow-1', 'Featured', 'pretty arrangements'],
  // A feedback widget's label, left as the first line of the article.
  ['ui-chrome', 'readability/ehow-1', 'Found This Helpful', 'pretty arrangements'],
  // A Chinese news page: a share label beside the lead picture, a "featured videos" heading.
  ['share-prompt', 'readability/qq', '转播到腾讯微博', 'DeepMind'],
  ['related-links', 'readability/qq', '精彩视频推荐', 'DeepMind'],
  // A template that printed an unterminated comment marker as the first paragraph.
  ['template-debris', 'eecd257509', '/*', 'To LeBron James, triple-doubles are not a goal.'],
];

describeWithCorpus('each rule fires on a real page', () => {
  it("dateline keeps a quoted tweet's signature, a version number and a reference's date", () => {
    expect(cleanedCorpusText('0dd1357045')).toContain(
      '— The Nigerian Senate (@NGRSenate) October 9, 2018',
    );
    expect(cleanedCorpusText('a860fb5eda')).toContain('What’s new in 2.26 (September pack)?');
    expect(cleanedCorpusText('readability/wikipedia')).toContain(
      'latimes.com. Retrieved 2014-07-01.',
    );
  });

  it('no rule cuts into code: program output, "-" operators and "// file.c" comments stay', () => {
    const post = cleanCorpusPage('readability/toc-missing');
    const listing = [...post.cleaned.root.querySelectorAll('pre')].map((pre) => pre.textContent);
    post.page.close();
    expect(listing.join('\n')).toMatch(/2020-08-01 17:59:00\+00 │ +400 │ +12\n/);
    expect(listing.join('\n')).toContain('4.3333333333333333');
    const blog = cleanCorpusPage('readability/v8-blog');
    const code = [...blog.cleaned.root.querySelectorAll('pre')].map((pre) => pre.textContent);
    blog.page.close();
    expect(code.join('\n')).toContain('// add.c');
  });

  it('share-prompt takes a share label, not the picture that shares its box (readability/qq)', () => {
    const { page, cleaned } = cleanCorpusPage('readability/qq');
    const lead = cleaned.root.querySelector('img[alt^="DeepMind新电脑"]');
    const text = cleaned.root.textContent ?? '';
    page.close();
    expect(lead).not.toBeNull();
    expect(text).not.toContain('转播到腾讯微博');
  });

  it('a class that says what a block holds ("fig--has-shares", "no_caption") does not name it', () => {
    const guardian = cleanCorpusPage('readability/guardian-1');
    const pictures = guardian.cleaned.root.querySelectorAll('figure picture').length;
    guardian.page.close();
    expect(pictures).toBeGreaterThanOrEqual(13);
    expect(cleanedCorpusText('readability/buzzfeed-1')).toContain(
      '“literally burning up from within” moments before her death',
    );
  });

  it('inline-teaser keeps the link lists a changelog item introduces ("In progress:")', () => {
    const text = cleanedCorpusText('readability/firefox-nightly-blog');
    expect(text).toContain(
      'Bug 1677080 – Fullscreen PiP window is affected by switching video source',
    );
    expect(text).toContain('onlyXulLeaf');
    expect(text).toContain('Ankush Dua fixed an issue with revoked devtools_page permissions');
  });

  it.each(CORPUS_CASES)('%s on %s removes "%s"', (ruleId, pageId, removed, kept) => {
    const { page, cleaned } = cleanCorpusPage(pageId);
    const text = cleaned.root.textContent ?? '';
    page.close();
    expect(
      cleaned.removals.some(
        (removal) => removal.ruleId === ruleId && removal.snippet.startsWith(removed),
      ),
      `${ruleId} did not remove "${removed}"`,
    ).toBe(true);
    expect(text).toContain(kept);
  });
});

/** [rule id, article HTML that mentions the rule's subject and must be kept whole]. */
const ARTICLE_TEXT_CASES: readonly (readonly [string, string])[] = [
  // A how-to's menu path on a line of its own: shaped like a trail, but it ends with a setting,
  // not with the page's title.
  [
    'navigation',
    '<p><a href="/help/settings">Settings</a> > <a href="/help/privacy">Privacy</a> > Location Services</p>',
  ],
  [
    'spacer-image',
    '<p><img src="/chart.png" width="640" height="2"> The chart shows the trend.</p>',
  ],
  [
    'tag-list',
    '<p>Topics: the <a href="/budget">budget</a> debate, the new rail line and the delayed school repairs all came up.</p>',
  ],
  ['template-debris', '<p>[…]</p>'],
  ['share-prompt', '<p>分享到社交媒体的视频越来越多，研究人员说。</p>'],
  ['related-links', '<p>相关阅读材料显示，学生的成绩有所提高。</p>'],
  ['ui-chrome', '<p>Was this helpful to the defendants? The judge thought not, and said so.</p>'],
  ['image-credit', '<p>Фотограф Анна Иванова снимала этот проект три года, рассказала она.</p>'],
  // A heading that ends with a linked word "edit", leading to an article, not to an editor.
  ['edit-link', '<h2>Five tools that help you <a href="/tools/edit-faster">edit</a></h2>'],
  [
    'company-boilerplate',
    '<p>Ascom is a global solutions provider headquartered in Baar, and its shares fell 4 percent on Tuesday.</p>',
  ],
  [
    'share-prompt',
    '<p>Share, tweet, submit: the three verbs of the early web shaped a generation, she wrote.</p>',
  ],
  [
    'affiliate-disclosure',
    '<p>Brokers earn a commission on orders placed through their apps, and regulators want that disclosed.</p>',
  ],
  ['original-source-line', '<p>Via Rail Canada cut three routes this spring, citing costs.</p>'],
  [
    'original-source-line',
    '<p>Citation: the court retrieved the files from the archive, the filing says.</p>',
  ],
  [
    'copyright-footer',
    '<p>This article is subject to copyright law in three countries, which complicates any takedown.</p>',
  ],
  [
    'author-bio',
    '<p>Ms. Ortiz (ortiz@city.gov) is the clerk who signed the order, records show.</p>',
  ],
  [
    'author-bio',
    '<p>Write to the council at its offices before the end of March, the notice said.</p>',
  ],
  [
    'dateline',
    '<p>Jane Smith, Associated Press reporter, told the court she had never met him.</p>',
  ],
  [
    'inline-teaser',
    '<p>More than 300 people signed up: https://example.org has the list, organisers said.</p>',
  ],
  [
    'ui-chrome',
    '<p>Typing [button link="/save"]Save[/button] in an old forum post drew a button, the manual says.</p>',
  ],
  ['comment-prompt', '<p>Комментарии экспертов были опубликованы во вторник.</p>'],
  [
    'comment-prompt',
    '<p>Let us know what you think was the cause, the inspector told residents at the meeting.</p>',
  ],
  [
    'original-source-line',
    '<p>A version of this article appears in print in the anthology, the editor confirmed on Monday.</p>',
  ],
  ['reporting-credit', '<p>责任编辑的工作是核实每一篇稿件。</p>'],
  ['copyright-footer', '<p>法院认定，被告未经授权使用了原告的照片。</p>'],
  [
    'advertisement-label',
    '<p>Sponsored by three local firms, the race raised $40,000 for the hospital.</p>',
  ],
  ['author-bio', '<p>Ben Silverman is on Twitter at all hours, his colleagues joked.</p>'],
  ['image-credit', '<p>Top photo by far was the one of the flooded square, readers voted.</p>'],
  ['ui-chrome', '<p>Next page: the council will vote on the plan in March.</p>'],
  [
    'share-prompt',
    '<p>Shareholders were asked to share the cost of the share buyback, the filing says.</p>',
  ],
  [
    'advertisement-label',
    '<p>Advertisement spending fell 4% as brands cut budgets for the quarter.</p>',
  ],
  ['newsletter-appeal', '<p>The company said its newsletter had grown.</p>'],
  [
    'newsletter-appeal',
    '<p>She used to subscribe to three newsletters, but now reads the news on her phone instead.</p>',
  ],
  [
    'newsletter-appeal',
    '<p>The club sold 40 issues for £2 each. Get the details from the secretary, who has them delivered to your door.</p>',
  ],
  [
    'reporting-credit',
    '<p>Contributing factors included the weather, the inspectors said in their report.</p>',
  ],
  [
    'related-links',
    '<p>Also on the agenda: a vote on the budget, which the mayor expects to win.</p>',
  ],
  [
    'membership-appeal',
    '<p>Become a member of the club, the coach told him, and you will never regret it.</p>',
  ],
  [
    'comment-prompt',
    '<p>Comments made by the minister on Tuesday drew an angry reply from the opposition.</p>',
  ],
  [
    'related-links',
    '<h2>Related findings in mice</h2><p>The team saw the same effect in mice, which surprised them.</p>',
  ],
  [
    'author-bio',
    '<p>About the author of the letter, little is known except that she lived in Lyon.</p>',
  ],
  ['image-credit', '<p>Photo albums from the 1950s show the village before the dam was built.</p>'],
  [
    'image-caption',
    '<p>The caption contest drew 400 entries, the organisers said on Monday evening.</p>',
  ],
  [
    'cookie-notice',
    '<p>The bakery uses cookies from a family recipe that dates back to 1921, its owner says.</p>',
  ],
  [
    'original-source-line',
    '<p>The original source of the river lies in the mountains, 300 km to the north.</p>',
  ],
  // A closing line of a blog post (readability/medium-1).
  [
    'copyright-footer',
    '<p><em>This isn’t supposed to be a </em><strong><em>manifesto™©</em></strong><em> we just think it’s pretty cool to share what we’ve learned so far.</em></p>',
  ],
  [
    'copyright-footer',
    '<p>Copyright law in the EU changed in 2019, when the directive on the digital single market passed.</p>',
  ],
  ['dateline', '<p>What’s new in 2.26?</p>'],
  // A tour's dates, one line each, as on a music page of the tuning split (9cb8224b66).
  [
    'dateline',
    '<p>June 17 -- Bridgestone Arena, Nashville, TN</p><p>June 19 -- PNC Music Pavilion, Charlotte, NC</p><p>Oct. 9 -- Toyota Music Factory, Irving, TX</p>',
  ],
  // A sentence that ends with an abbreviation, not a photo agency's credit (57b4dafd18).
  [
    'image-caption',
    '<p>Das Thema wird seit Jahren intensiv diskutiert: Die elektronische Patientenakte (ePA)</p>',
  ],
  ['dateline', '<p>The page was last checked on <span>July 1, 2014</span> by the editors.</p>'],
  ['ui-chrome', '<p>The clip passed 2,289 views within an hour of posting.</p>'],
  [
    'disclaimer',
    '<p>The disclaimer on the box said nothing about the risk of fire, the lawsuit claims.</p>',
  ],
  // An author's caveat under the label, from a developers' blog post (readability/links-in-tables).
  [
    'disclaimer',
    '<p><em>Disclaimer: if you see different patch sizes when you press "update" manually, that is because we are not currently using File-by-file for interactive updates.</em></p>',
  ],
  [
    'fair-use',
    '<p>Judges have long argued over what fair use means for parody and for teaching.</p>',
  ],
  [
    'media-inquiries',
    '<p>Media inquiries into the affair multiplied after the leak, and the minister resigned.</p>',
  ],
  [
    'navigation',
    '<ul><li>Preheat the oven to 200 degrees and butter a dish.</li><li>Slice the potatoes thinly and layer them.</li><li>Pour over the cream and bake for an hour.</li></ul>',
  ],
  [
    'dateline',
    '<p>By the end of November 2019, the committee had heard from 12 witnesses in public.</p>',
  ],
  [
    'dateline',
    '<p>On 3 May 2019 the filing listed two categories: tags and labels, both under review.</p>',
  ],
  [
    'tag-list',
    '<p>Tags on the birds showed that they flew 3,000 km in nine days, the study found.</p>',
  ],
  [
    'inline-teaser',
    '<p>Read more about it in the report, which the agency published on Monday with its data.</p>',
  ],
  [
    'image-caption',
    '<div class="story-item no_caption"><p>The mother said her daughter was burning up from within.</p></div>',
  ],
  [
    'share-prompt',
    '<div class="story-item has-shares"><p>The mother said her daughter was burning up from within.</p></div>',
  ],
  [
    'inline-teaser',
    '<ul><li>Two fixes are under review:<ul><li><a href="https://bugs.example.org/1">Bug 1 – crash on start</a></li><li><a href="https://bugs.example.org/2">Bug 2 – slow search</a></li></ul></li></ul>',
  ],
  [
    'ui-chrome',
    '<p>Sign in sheets at the clinic showed that the doctor saw 40 patients that day.</p>',
  ],
  ['ui-chrome', '<p>Text size matters less than contrast, the designers found in their tests.</p>'],
  [
    'ui-chrome',
    '<p>Reading time: the study found most visitors spend 2 minutes on a page, then leave.</p>',
  ],
  ['dateline', '<p>Published 3 days ago, the report has already been cited by two ministers.</p>'],
  ['ui-chrome', '<p>1 of 6 patients in the trial reported headaches, the study found.</p>'],
  [
    'related-links',
    '<h3>More women are telling their stories</h3><p>Three of them spoke to us on Friday, after the hearing.</p>',
  ],
  [
    'share-prompt',
    '<p>Follow the money on Twitter and you find the same three donors behind every account.</p>',
  ],
  [
    'title-heading',
    '<h2>What the data show</h2><p>Emissions rose again last year, the agency said on Tuesday.</p>',
  ],
  ['separator', '<p>* The survey covered 2,000 adults in ten countries.</p>'],
  [
    'hidden-text',
    '<p>The tooltip that hid the fee was removed after screen readers failed to announce it.</p>',
  ],
  [
    'reporting-credit',
    '<p>Reporting by phone from Kyiv was hard, she said, because the lines kept dropping.</p>',
  ],
  [
    'affiliate-disclosure',
    '<p>The retailer may earn a commission on each sale, analysts estimate, which would lift margins.</p>',
  ],
];

/**
 * Article prose around each case, so that a rule wrongly removing the case would leave most of
 * the text standing: otherwise the over-cleaning guard would undo the removal and hide it.
 */
const SURROUNDING_PROSE = [
  'The agency published its annual figures on Tuesday, and they were worse than expected.',
  'Officials blamed a cold winter, a slow recovery in factories and delays to two new plants.',
  'Independent analysts said the numbers matched their own estimates to within a few percent.',
  'The minister promised a new plan before the summer, with targets for every region.',
]
  .map((sentence) => `<p>${sentence}</p>`)
  .join('');

describe('rules leave article text alone', () => {
  it.each(ARTICLE_TEXT_CASES)('%s keeps an article sentence about its subject', (ruleId, html) => {
    const cleaned = cleanSnippet(`${html}${SURROUNDING_PROSE}`, { title: 'Emissions rise again' });
    expect(cleaned.removals).toEqual([]);
    const expected = `${html}${SURROUNDING_PROSE}`
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    expect(cleaned.text.replace(/\s+/g, ' ').trim(), ruleId).toBe(expected);
  });

  it('trailing-heading keeps a last heading that heads a picture, and every heading before text', () => {
    const map =
      '<h2>The map</h2><figure><img src="https://news.example.org/map.png" alt=""></figure>';
    const withMap = cleanSnippet(`${SURROUNDING_PROSE}${map}`, { title: 'Emissions rise again' });
    expect(withMap.removals).toEqual([]);
    expect(withMap.root.querySelector('h2')?.textContent).toBe('The map');
    const sections = cleanSnippet(
      `<h2>Figures</h2>${SURROUNDING_PROSE}<h3>Outlook</h3><p>More next year.</p>`,
      {
        title: 'Emissions rise again',
      },
    );
    expect(sections.removals).toEqual([]);
    expect([...sections.root.querySelectorAll('h2, h3')].map((h) => h.textContent)).toEqual([
      'Figures',
      'Outlook',
    ]);
  });

  it('company-boilerplate takes the about-the-company paragraph only where it closes the release', () => {
    const about =
      '<h3>About Acme</h3><p>Acme Corp. (NYSE: ACME) is a maker of industrial pumps. Acme is headquartered in Dayton, Ohio, and employs about 4,000 people.</p>';
    const atEnd = cleanSnippet(`${SURROUNDING_PROSE}${about}`, { title: 'Emissions rise again' });
    expect(atEnd.removals.map((removal) => [removal.ruleId, removal.snippet.slice(0, 14)])).toEqual(
      [
        ['company-boilerplate', 'Acme Corp. (NY'],
        ['company-boilerplate', 'About Acme'],
      ],
    );
    const atStart = cleanSnippet(`${about}${SURROUNDING_PROSE}`, { title: 'Emissions rise again' });
    expect(atStart.removals).toEqual([]);
  });

  it('related-links takes teaser cards after a "most popular" heading, not a photo and its story', () => {
    const card = (blurb: string) =>
      `<div><p><a href="/other-story.html"><img src="/other.jpg" alt=""></a></p><p>${blurb}</p></div>`;
    const cards = cleanSnippet(
      `${SURROUNDING_PROSE}<h2>Most popular</h2>${card('Lost 5 kg in a week.')}${card('Two menus to choose from.')}`,
      { title: 'Emissions rise again' },
    );
    expect(cards.text).not.toContain('Lost 5 kg');
    expect(cards.text).not.toContain('Two menus');
    const story = cleanSnippet(
      `${SURROUNDING_PROSE}<h2>Most popular</h2>${card('The survey asked 2,000 people which diet they had tried; low-carbohydrate plans came first, and by a wide margin, in every region the researchers visited over the two years of the study, and among both men and women of every age group.')}`,
      { title: 'Emissions rise again' },
    );
    expect(story.removals.map((removal) => removal.snippet)).toEqual(['Most popular']);
    expect(story.text).toContain('low-carbohydrate plans came first');
  });

  it('inline-teaser takes a whole run of link-only lines, not one short of the last', () => {
    const teaser = (title: string) => `<p><a href="/2019/11/${title.length}.html">${title}</a></p>`;
    const run = cleanSnippet(
      `${SURROUNDING_PROSE}${teaser('Who will make the Hall in 2020?')}${teaser('Fans vote for the band')}${teaser('The worst inductees ever')}`,
      { title: 'Emissions rise again' },
    );
    expect(run.removals.map((removal) => removal.snippet)).toEqual([
      'Who will make the Hall in 2020?',
      'Fans vote for the band',
      'The worst inductees ever',
    ]);
  });

  it('a highlighted listing keeps its indentation, operators and comments', () => {
    const span = (text: string) => `<span class="token">${text}</span>`;
    const listing = `<pre><code>${span('// share.js')}\n${span('function')} ${span('f')}(a, b) {\n${span('    ')}${span('return')} a ${span('-')} b;\n}</code></pre>`;
    const cleaned = cleanSnippet(`${SURROUNDING_PROSE}${listing}`, {
      title: 'Emissions rise again',
    });
    expect(cleaned.removals).toEqual([]);
    expect(cleaned.root.querySelector('pre')?.textContent).toBe(
      '// share.js\nfunction f(a, b) {\n    return a - b;\n}',
    );
  });

  it('every rule has a test here or in the reference-page test', () => {
    const tested = new Set([
      ...CORPUS_CASES.map(([id]) => id),
      ...ARTICLE_TEXT_CASES.map(([id]) => id),
      'unsafe-content',
      'split-paragraph-join',
      'empty-blocks',
      'absolute-urls',
    ]);
    expect(RULES.map((rule) => rule.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('every rule has an id and a one-line reason', () => {
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.reason).toMatch(/^[^\n]{10,}$/);
    }
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  });
});
