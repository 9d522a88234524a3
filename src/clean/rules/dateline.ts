import { closestNamed, isInlineInText, type RemovalRule, textOf } from './rule.js';

const MONTH =
  '(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?';
const WEEKDAY = '(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\\.?,?';
const TIME = '\\d{1,2}[:.]\\d{2}(\\s*[ap]\\.?m\\.?)?(\\s*[a-z]{2,4})?';
/** A time on its own: "10:07", "10.07 am"; a bare "2.26" is a version or a price. */
const TIME_ALONE =
  '(\\d{1,2}:\\d{2}(\\s*[ap]\\.?m\\.?)?|\\d{1,2}\\.\\d{2}\\s*[ap]\\.?m\\.?)(\\s*[a-z]{2,4})?';
/** A calendar date in the common English and numeric spellings, optionally with a time. */
const DATE = new RegExp(
  `(${WEEKDAY}\\s*)?(${MONTH}\\s+\\d{1,2}(st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|${MONTH}\\s+\\d{1,2}(st|nd|rd|th)?\\b|\\d{1,2}\\.?\\s+(de\\s+)?\\p{L}{3,}\\.?\\s+(de\\s+)?\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})(,?\\s*(at\\s*)?${TIME})?|${TIME_ALONE}`,
  'giu',
);
/** "By Jane Doe", "Published …", "Updated …", "Posted …". */
const BYLINE_START =
  /^(by|written by|words by|published|updated|posted|last (updated|modified)|first published|modified|publicado|publicada|publié|pubblicato|veröffentlicht|aktualisiert|atualizado|actualizado|mis à jour|опубликовано)(?![\p{L}])/iu;
const BYLINE_NAME = /^(by|written by)\s+\p{Lu}/u;
/** A wire byline: "Meg Kinnard and Errin Haines, Associated Press", "Steve Peoples, Ap National Political Writer". */
const WIRE_BYLINE =
  /^\p{Lu}[\p{L}'’.-]*( \p{Lu}[\p{L}'’.-]*){1,3}((,| and|, and) \p{Lu}[\p{L}'’.-]*( \p{Lu}[\p{L}'’.-]*){1,3})*, (the )?(Associated Press|AP|Ap|Reuters|AFP|Agence France-Presse|Bloomberg|Bloomberg News|UPI|dpa|Kyodo|Xinhua|Press Association|PA|Canadian Press|CNN Wire)( [\p{L} ]{0,40}(Writer|Correspondent|Reporter|Editor|Writers|Correspondents))?$/u;
/** The labelled fields of a post's meta line: "Posted by: … - Category: … - Tags: …". */
const META_LABEL =
  /(^|[\s|/·•,;–—-])(posted by|written by|publicado por|publicada por|publié par|pubblicato da|veröffentlicht von|category|categories|categoria|categorias|catégorie|categoría|kategorie|filed under|tags?|etiquetas|schlagwörter)\s*:/giu;
/** "Published 2 hours ago": a relative date, taken only after a byline word. */
const RELATIVE_DATE = /\b\d+\s+(second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b/i;
/** Bylines with a relative date are short: "Updated 5 minutes ago". */
const MAX_RELATIVE_CHARS = 60;
/** A date and this many labelled fields make a meta line, however long its values. */
const MIN_META_LABELS = 2;
/** Bylines and datelines are short; an article paragraph that starts with "By" is longer. */
const MAX_CHARS = 160;
const MAX_NAME_ONLY_WORDS = 8;
/** What may remain of a dateline once its dates are taken out: separators and a few words. */
const MAX_LEFT_AFTER_DATES = 40;

export const dateline: RemovalRule = {
  kind: 'remove',
  id: 'dateline',
  reason: 'bylines and "published/updated" dates are metadata, not article text',
  candidates: ['p', 'div', 'span', 'time', 'small', 'li', 'header', 'section', 'address'],
  filter: (element) => {
    const text = textOf(element);
    if (text.length === 0 || text.length > MAX_CHARS) return false;
    // A quotation's own signature ("— Name (@handle) November 4, 2019") belongs to the quote,
    // and a date inside a sentence ("Retrieved <span>2014-07-01</span>") to the sentence.
    if (closestNamed(element, 'blockquote') || isInlineInText(element, text)) return false;
    const stripped = text.replace(DATE, '');
    const hasDate = stripped.length < text.length;
    const withoutDates = stripped.replace(/[\s|/·•,;:–—-]+/g, ' ').trim();
    if (
      hasDate &&
      withoutDates.length <= MAX_LEFT_AFTER_DATES &&
      !/[.!?]\s+\p{Lu}/u.test(withoutDates)
    ) {
      if (BYLINE_START.test(text)) return true;
      if (hasWords(withoutDates) && hasScheduleNeighbour(element)) return false;
      return withoutDates.split(' ').length <= 6 || /^\s*$/.test(withoutDates);
    }
    if (BYLINE_START.test(text) && hasDate) return true;
    if (WIRE_BYLINE.test(text)) return true;
    if (BYLINE_START.test(text) && RELATIVE_DATE.test(text) && text.length <= MAX_RELATIVE_CHARS) {
      return true;
    }
    if (hasDate && (text.match(META_LABEL)?.length ?? 0) >= MIN_META_LABELS) return true;
    return (
      BYLINE_NAME.test(text) &&
      text.split(/\s+/).length <= MAX_NAME_ONLY_WORDS &&
      !/[.!?]$/.test(text)
    );
  },
};

/**
 * A line of a schedule or timeline ("June 17 -- Bridgestone Arena, Nashville, TN") has a date and
 * words, and a neighbour of the same kind; a dateline stands alone.
 */
function hasScheduleNeighbour(element: Element): boolean {
  return [element.previousElementSibling, element.nextElementSibling].some((line) => {
    if (line === null || line.localName !== element.localName) return false;
    const text = textOf(line);
    if (text.length > MAX_CHARS || BYLINE_START.test(text)) return false;
    const withoutDates = text.replace(DATE, '');
    return withoutDates.length < text.length && hasWords(withoutDates);
  });
}

function hasWords(text: string): boolean {
  return /\p{L}{2}/u.test(text);
}
