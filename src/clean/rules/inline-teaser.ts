import { closestNamed, linkDensity, type RemovalRule, siblingsAfterWhile, textOf } from './rule.js';

/** "SEE MORE: …", "READ MORE … BY CLICKING HERE": a line that sends the reader elsewhere. */
const TEASER_TEXT =
  /^[[(]?(see more|read more|more|watch|listen|click here|read next|related|also (on|in|read))\b.{0,150}$|\bclick(ing)? here\b/i;
/** "More AP NBA: https://apnews.com/NBA": a wire story's closing pointer, its addresses unlinked. */
const MORE_AT_ADDRESS = /^more [^.:]{1,40}:\s*https?:\/\/\S+((,|,? and|,? or) https?:\/\/\S+)*$/i;
const MAX_CHARS = 200;
/** Share of a block's text inside links above which the block is "only a link". */
const ALL_LINK = 0.95;
/** Link text that is itself an address is a citation the article shows, not a teaser. */
const URL_TEXT = /^(https?:\/\/|www\.)\S+$/i;
/** Letters that are uppercase in a shouted headline teaser. */
const SHOUTING_SHARE = 0.8;

export const inlineTeaser: RemovalRule = {
  kind: 'remove',
  id: 'inline-teaser',
  reason: 'a line that only links to another article is a teaser, not article text',
  candidates: ['p', 'li', 'div'],
  filter: (element) => {
    const text = textOf(element);
    if (!isLine(element, text)) return false;
    if (MORE_AT_ADDRESS.test(text)) return true;
    const density = linkDensity(element);
    if (density >= ALL_LINK) {
      return isShouting(text) || (hasAllLinkNeighbour(element) && !isEnumeratedByItem(element));
    }
    return density >= 0.3 && TEASER_TEXT.test(text);
  },
  // The lines are visited in order, so the first of a run finds its next neighbour; the rest of
  // the run goes with it (the last line alone would have no link-only neighbour left).
  companions: (removed) =>
    linkDensity(removed) >= ALL_LINK && !isEnumeratedByItem(removed)
      ? siblingsAfterWhile(
          removed,
          (next) => next.localName === removed.localName && isLinkOnlyLine(next),
        )
      : [],
};

/** A teaser written in capitals, the way news sites flag "READ ALSO" headlines. */
function isShouting(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = text.match(/\p{Lu}/gu) ?? [];
  return letters.length >= 12 && upper.length / letters.length >= SHOUTING_SHARE;
}

/** Two link-only lines in a row are a teaser list, whatever the page calls it. */
function hasAllLinkNeighbour(element: Element): boolean {
  return [element.previousElementSibling, element.nextElementSibling].some(
    (sibling) =>
      sibling !== null &&
      sibling.localName === element.localName &&
      textOf(sibling).length > 0 &&
      !URL_TEXT.test(textOf(sibling)) &&
      linkDensity(sibling) >= ALL_LINK,
  );
}

/** A short line of its own: some text, no blocks inside, not a bare address. */
function isLine(element: Element, text: string): boolean {
  return (
    text.length > 0 &&
    text.length <= MAX_CHARS &&
    !URL_TEXT.test(text) &&
    element.querySelector('p, div, li, img, h1, h2, h3, h4') === null
  );
}

/** A line the rule would take beside a link-only neighbour. */
function isLinkOnlyLine(element: Element): boolean {
  return isLine(element, textOf(element)) && linkDensity(element) >= ALL_LINK;
}

/**
 * A list nested in an item that says something of its own ("In progress:", "Some new
 * visualisations:") is that item's enumeration, however many of its entries are links.
 */
function isEnumeratedByItem(element: Element): boolean {
  const item = element.parentElement && closestNamed(element.parentElement, 'li');
  if (element.localName !== 'li' || !item) return false;
  for (const child of item.childNodes) {
    if (child.nodeType === child.TEXT_NODE && /\p{L}/u.test(child.nodeValue ?? '')) return true;
  }
  return false;
}
