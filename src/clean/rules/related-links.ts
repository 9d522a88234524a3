import {
  classAndId,
  HEADINGS,
  linkDensity,
  type RemovalRule,
  siblingsAfterWhile,
  textOf,
} from './rule.js';

/** Headings of teaser lists: "Related", "Read more", "Most popular", "You may also like". */
const RELATED_HEADING =
  /^(related( (articles?|stories|posts|content|coverage|news|reading|links|topics|videos?|searches))?(\s+(from|on|in|about)\b.{0,50})?|read (more|next|also)|more (from|on|in|about|stories|news|like this)\b.{0,60}|more( [\w'’-]+){0,2} (stories|news|articles|posts|videos|reads)\b.{0,40}|more(?=\s*:)|recent (articles|posts|stories|news)|popular (this week|today|now|right now)|most (popular|read|viewed|shared)|(you|we think you) (may|might|will) (also )?(like|enjoy)|recommended( (for you|reading|stories|articles))?|see also|also (read|see|on)|further reading|trending( now)?|popular (posts|stories|articles)|what to read next|latest (news|stories|articles)|top stories|editor'?s picks|don'?t miss|top videos?|more videos|watch (more|next)|latest videos|must reads?|(the )?latest)\s*[:.…]*$/i;
/** The same headings in the other languages of the pages we archive. */
const RELATED_HEADING_I18N =
  /^(leggi anche|articoli correlati|potrebbe interessarti|lee también|te puede interesar|artículos relacionados|noticias relacionadas|lire aussi|à lire aussi|voir aussi|articles similaires|sur le même sujet|lesen sie auch|auch interessant|ähnliche artikel|weitere artikel|mehr zum thema|leia também|veja também|você também pode gostar|(mensagens|posts|artigos|notícias|publicações) relacionad[ao]s|relacionad[ao]s|mais lidas|baca juga|читайте также|похожие (статьи|записи|новости)|самые популярные.{0,40}|популярное|相[关關](阅读|閱讀|新[闻聞]|文章|报道|報導)|(推荐|推薦|延伸|扩展|擴展)(阅读|閱讀)|(精彩|热门|熱門)(视频|視頻|文章)?(推荐|推薦)|热门文章|熱門文章|猜你喜[欢歡]|関連記事|あわせて読みたい|おすすめ記事)\s*[:.…：]*$/iu;
/** An inline "Read more: <link>" / "Related: <link>" line inside the article. */
const RELATED_LINE =
  /^also on [\w-]+(\.[\w-]+)+\b|^\(?(also|related|read more|read also|also read|see also|more|recommended|watch|listen|further reading|leggi anche( su)?|lee también|lire aussi|lesen sie auch|leia também|baca juga)\s*:/i;
const RELATED_CLASS =
  /(related|read-more|readmore|more-stories|recommend|most-popular|popular-posts|trending|outbrain|taboola|teaser-list|also-read)/;
const RELATED_LINE_LINK_DENSITY = 0.5;
const RELATED_MAX_SHARE = 0.3;
/** A teaser-list heading is a few words; longer text that starts the same way is prose. */
const RELATED_HEADING_MAX_CHARS = 60;
/** A teaser card: a linked picture and a line or two of blurb. */
const CARD_MAX_CHARS = 200;

export const relatedLinks: RemovalRule = {
  kind: 'remove',
  id: 'related-links',
  reason: '"related", "read more" and "most popular" teaser lists point to other articles',
  candidates: [...HEADINGS, 'p', 'div', 'section', 'aside', 'ul', 'ol', 'li'],
  filter: (element, context) => {
    const text = textOf(element);
    if (text.length === 0) return false;
    if (RELATED_CLASS.test(classAndId(element))) {
      return text.length <= context.articleLength * RELATED_MAX_SHARE && linkDensity(element) > 0.3;
    }
    if (startsWithRelatedHeading(element) && (linkDensity(element) > 0.5 || isCardList(element))) {
      return true;
    }
    if (text.length <= RELATED_HEADING_MAX_CHARS && isRelatedHeading(text)) return true;
    return (
      (element.localName === 'p' || element.localName === 'li') &&
      RELATED_LINE.test(text) &&
      text.length <= 250 &&
      linkDensity(element) >= RELATED_LINE_LINK_DENSITY
    );
  },
  companions: teaserListAfter,
};

/** The list that follows a "Related" heading goes with it, or the run of teaser cards. */
function teaserListAfter(removed: Element): readonly Element[] {
  const text = textOf(removed);
  if (text.length > RELATED_HEADING_MAX_CHARS || !isRelatedHeading(text)) return [];
  const next = removed.nextElementSibling;
  if (next === null) return [];
  if (next.localName === 'ul' || next.localName === 'ol' || linkDensity(next) > 0.5) return [next];
  return siblingsAfterWhile(removed, isCard);
}

/**
 * Cards hold their links on pictures, so their link density by text is nil: a block is a card
 * list when everything after its heading is a card.
 */
function isCardList(element: Element): boolean {
  const cards = [...element.children].slice(1);
  return cards.length >= 2 && cards.every(isCard);
}

/** A short block that opens with a link wrapped round a picture. */
function isCard(element: Element): boolean {
  if (textOf(element).length > CARD_MAX_CHARS) return false;
  let first = element.firstElementChild;
  while (first !== null && first.localName !== 'a' && first.firstElementChild !== null) {
    first = first.firstElementChild;
  }
  return first?.localName === 'a' && first.querySelector('img') !== null;
}

/** A block whose first child is a "Related" heading and whose text is mostly links. */
function startsWithRelatedHeading(element: Element): boolean {
  const first = element.firstElementChild;
  if (!first || first === element.lastElementChild) return false;
  const heading = textOf(first);
  return heading.length <= RELATED_HEADING_MAX_CHARS && isRelatedHeading(heading);
}

function isRelatedHeading(text: string): boolean {
  return RELATED_HEADING.test(text) || RELATED_HEADING_I18N.test(text);
}
