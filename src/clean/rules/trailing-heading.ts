import { HEADING_SELECTOR, MEDIA, type TransformRule, textOf } from './rule.js';

/**
 * A heading with nothing after it introduces nothing: the section it named ("Featured",
 * "Something to Consider") was a box the page filled by script, or one the rules removed.
 */
export const trailingHeading: TransformRule = {
  kind: 'transform',
  id: 'trailing-heading',
  reason: 'a heading at the very end of the article, with nothing after it, heads no text',
  apply: (root, context, removed) => {
    for (let heading = lastHeading(root); heading !== undefined; heading = lastHeading(root)) {
      if (context.verbatim.has(heading) || !isLast(heading, root)) return;
      removed(heading);
      heading.remove();
    }
  },
};

function lastHeading(root: Element): Element | undefined {
  const headings = root.querySelectorAll(HEADING_SELECTOR);
  return headings[headings.length - 1];
}

/** Nothing with text or media follows `element` anywhere in `root`. */
function isLast(element: Element, root: Element): boolean {
  for (
    let node: Element | null = element;
    node !== null && node !== root;
    node = node.parentElement
  ) {
    for (let next = node.nextSibling; next !== null; next = next.nextSibling) {
      if (textOf(next) !== '') return false;
      if (next.nodeType === next.ELEMENT_NODE) {
        const sibling = next as Element;
        if (sibling.matches(MEDIA) || sibling.querySelector(MEDIA) !== null) return false;
      }
    }
  }
  return true;
}
