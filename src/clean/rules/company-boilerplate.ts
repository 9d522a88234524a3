import { HEADINGS, type RemovalRule, textOf } from './rule.js';

/**
 * A press release's closing "about the company" paragraph opens with the company's name and
 * what it is: "Ascom is a global solutions provider …", "Acme Corp. (NYSE: ACME) is the …".
 */
const COMPANY_IS =
  /^(about \S+( \S+){0,5}\s+)?(the )?\p{Lu}[\p{L}\p{N}&.'’-]*( (\p{Lu}|&)[\p{L}\p{N}&.'’-]*){0,5},?( \([^)]{1,40}\))?,? (is|are) (a|an|the|one of)\b/iu;
/** The facts such a paragraph gives: head office, staff, stock listing, web address. */
const COMPANY_FACTS =
  /\b(headquartered|head office|headquarters (is|are) in|employs? (about |around |approximately |over |more than |some |nearly )?[\d,.]+ (people|employees|staff)|(shares|stock) (is|are) (listed|traded)|listed on the|(NYSE|NASDAQ|Nasdaq|TSX|LSE|ASX|Euronext|SIX)( \w+)?\s*:|subsidiaries in \d+|for more information,? (please )?visit|visit (us at )?www\.)/u;
/** "About Ascom" over the paragraph. */
const ABOUT_HEADING = /^[Aa]bout \p{Lu}/u;
/** The paragraph (or the box holding it and its sibling) is short. */
const MAX_CHARS = 1500;
/** It closes the release: at most this much text follows it (another "About …", a contact line)… */
const MAX_CHARS_AFTER = 1200;
/** …and the release itself comes before it: at least this many times the text that follows. */
const MIN_BEFORE_TO_AFTER = 2;
/** And it is a small part of the release. */
const MAX_SHARE = 0.4;

export const companyBoilerplate: RemovalRule = {
  kind: 'remove',
  id: 'company-boilerplate',
  reason: 'a press release\'s closing "about the company" paragraph is boilerplate',
  candidates: ['p', 'div', 'section'],
  filter: (element, context) => {
    const text = textOf(element);
    if (text.length > MAX_CHARS || text.length > context.articleLength * MAX_SHARE) return false;
    if (!COMPANY_IS.test(text) || !COMPANY_FACTS.test(text)) return false;
    const after = textBeside(element, context.root, 'after').length;
    const before = textBeside(element, context.root, 'before').length;
    return after <= MAX_CHARS_AFTER && before > 0 && before >= after * MIN_BEFORE_TO_AFTER;
  },
  companions: (removed) => {
    const heading = removed.previousElementSibling;
    const isAboutHeading =
      heading !== null &&
      (HEADINGS.includes(heading.localName) || heading.localName === 'p') &&
      textOf(heading).length <= 80 &&
      ABOUT_HEADING.test(textOf(heading));
    return isAboutHeading ? [heading] : [];
  },
};

/**
 * The text inside `root` that comes before or after `element`, in reading order: the siblings on
 * that side of the element and of each of its ancestors below `root`. (A DOM Range would say the
 * same, but jsdom holds every Range by a WeakRef, which keeps the page alive until the current
 * job ends: for the length of a synchronous run over many pages.)
 */
function textBeside(element: Element, root: Element, side: 'before' | 'after'): string {
  const step = (sibling: Node) =>
    side === 'before' ? sibling.previousSibling : sibling.nextSibling;
  const levels: string[] = [];
  for (
    let node: Node = element;
    node !== root && node.parentNode !== null;
    node = node.parentNode
  ) {
    let level = '';
    for (let sibling = step(node); sibling !== null; sibling = step(sibling)) {
      level =
        side === 'before'
          ? `${sibling.textContent ?? ''}${level}`
          : `${level}${sibling.textContent ?? ''}`;
    }
    if (side === 'before') levels.unshift(level);
    else levels.push(level);
  }
  return levels.join('').replace(/\s+/g, ' ').trim();
}
