import { classAndId, linkDensity, type RemovalRule, textOf } from './rule.js';

/** Class or id of menus, breadcrumbs and pagers. */
const NAVIGATION_CLASS =
  /\b(nav|navbar|navigation|menu|breadcrumbs?|pagination|pager|skip-link|toc-nav)\b/;
/** A list counts as a menu when nearly all its text is links and its items are short. */
const MENU_LINK_DENSITY = 0.9;
const MENU_MAX_ITEM_CHARS = 40;
const MENU_MIN_ITEMS = 3;

export const navigation: RemovalRule = {
  kind: 'remove',
  id: 'navigation',
  reason: 'menus, breadcrumbs and pagers are site navigation, not the article',
  candidates: ['nav', 'ul', 'ol', 'div', 'section'],
  filter: (element, context) => {
    if (element.localName === 'nav') return true;
    const text = textOf(element);
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
