import { classAndId, linkDensity, type RemovalRule, textOf, titleKey } from './rule.js';

/** Class or id of menus, breadcrumbs and pagers. */
const NAVIGATION_CLASS =
  /\b(nav|navbar|navigation|menu|breadcrumbs?|pagination|pager|skip-link|toc-nav)\b/;
/** A list counts as a menu when nearly all its text is links and its items are short. */
const MENU_LINK_DENSITY = 0.9;
const MENU_MAX_ITEM_CHARS = 40;
const MENU_MIN_ITEMS = 3;
/** The arrows between two steps of a breadcrumb trail. */
const ARROWS = '>»›→＞';
const TRAIL_ARROW = new RegExp(`[${ARROWS}]`);
/** An arrow and the text after it, up to the next link. */
const TRAIL_STEP = new RegExp(`^${TRAIL_ARROW.source}\\s*(.*)$`, 's');
/** Longer blocks are not looked at as trails: a trail is a line of a few names. */
const TRAIL_MAX_CHARS = 300;
/** A trail has at least this many arrows ("Home > News > Story"); one arrow may be prose. */
const TRAIL_MIN_ARROWS = 2;

export const navigation: RemovalRule = {
  kind: 'remove',
  id: 'navigation',
  reason: 'menus, breadcrumbs and pagers are site navigation, not the article',
  candidates: ['nav', 'ul', 'ol', 'div', 'section', 'p'],
  filter: (element, context) => {
    if (element.localName === 'nav') return true;
    const text = textOf(element);
    if (text.length <= TRAIL_MAX_CHARS && TRAIL_ARROW.test(text)) {
      if (isBreadcrumbTrail(element, context.title)) return true;
    }
    if (element.localName === 'p') return false;
    if (NAVIGATION_CLASS.test(classAndId(element)) && text.length < context.articleLength * 0.2) {
      return linkDensity(element) > 0.5;
    }
    if (element.localName !== 'ul' && element.localName !== 'ol') return false;
    const items = [...element.children].filter((child) => child.localName === 'li');
    return (
      items.length >= MENU_MIN_ITEMS &&
      items.every((item) => {
        const itemText = textOf(item);
        return itemText.length <= MENU_MAX_ITEM_CHARS && item.querySelector('a') !== null;
      }) &&
      linkDensity(element) >= MENU_LINK_DENSITY
    );
  },
};

/**
 * A block of links joined by arrows, which may end with the current page's name (part of its
 * title, unlinked): a breadcrumb trail that the page did not name as one (table layouts, old
 * templates). Text after the arrows that is not in the title is a sentence, and keeps the block.
 */
function isBreadcrumbTrail(element: Element, title: string | undefined): boolean {
  let links = 0;
  let arrows = 0;
  let tail = '';
  let expectLink = true;
  for (const node of element.childNodes) {
    const text = (node.textContent ?? '').trim();
    if (text === '') continue;
    if (tail !== '') return false;
    if (expectLink) {
      if (node.nodeType !== node.ELEMENT_NODE) return false;
      const stepElement = node as Element;
      const link = stepElement.localName === 'a' ? stepElement : stepElement.querySelector('a');
      if (link === null) {
        if (arrows === 0) return false;
        tail = text;
        continue;
      }
      if (textOf(link) !== textOf(stepElement)) return false;
      links++;
      expectLink = false;
      continue;
    }
    const step = node.nodeType === node.TEXT_NODE ? TRAIL_STEP.exec(text) : null;
    if (step === null) return false;
    arrows++;
    tail = (step[1] ?? '').trim();
    expectLink = tail === '';
  }
  if (links < 2 || arrows < TRAIL_MIN_ARROWS || (expectLink && tail === '')) return false;
  return tail === '' || isInTitle(tail, title);
}

function isInTitle(text: string, title: string | undefined): boolean {
  const key = titleKey(text);
  return title !== undefined && key !== '' && titleKey(title).includes(key);
}
