import { HEADING_SELECTOR, type TransformRule, textOf } from './rule.js';

/**
 * The label of a wiki's section-edit control, in the languages of the largest wikis:
 * "edit", "edit | edit source", "Bearbeiten | Quelltext bearbeiten".
 */
const EDIT_LABEL =
  /^(edit|edit source|bearbeiten|quelltext bearbeiten|modifier|modifier le code|editar|editar código(-fonte)?|modifica|modifica wikitesto|bewerken|brontekst bewerken|redigera|edytuj|edytuj kod|править|править код|编辑|编辑源代码|編集|ソースを編集)(\s*\|\s*[^|\]]{2,30})?$/iu;
/** Where an edit control leads: MediaWiki's `action=edit`, or a page's own `/edit` path. */
const EDIT_HREF = /[?&](ve)?action=edit\b|\/edit(\/|\?|#|$)/i;

export const editLink: TransformRule = {
  kind: 'transform',
  id: 'edit-link',
  reason: 'the "[edit]" link after a wiki heading is an editing control, not the heading',
  apply: (root, context, removed) => {
    for (const heading of root.querySelectorAll(HEADING_SELECTOR)) {
      if (context.verbatim.has(heading)) continue;
      // Outermost first (document order), so a bracketed wrapper goes with its link.
      for (const element of heading.querySelectorAll('span, a, sup, small')) {
        if (heading.contains(element) && isEditControl(element, heading)) {
          removed(element);
          element.remove();
        }
      }
    }
  },
};

/**
 * A link labelled "edit" at the end of the heading, in brackets or leading to an editor. A
 * heading that merely ends with a linked word "edit" keeps it.
 */
function isEditControl(element: Element, heading: Element): boolean {
  const text = textOf(element);
  const bracketed = /^\[.*\]$/s.test(text);
  if (!EDIT_LABEL.test(bracketed ? text.slice(1, -1).trim() : text)) return false;
  const link = element.localName === 'a' ? element : element.querySelector('a');
  if (link === null) return false;
  const headingText = textOf(heading);
  if (headingText === text || !headingText.endsWith(text)) return false;
  return bracketed || EDIT_HREF.test(link.getAttribute('href') ?? '');
}
