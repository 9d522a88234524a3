import { classAndId, type RemovalRule, textOf } from './rule.js';

/** Class or id of caption boxes that sit next to a picture. */
const CAPTION_CLASS =
  /(caption|credit|wp-caption-text|photo-?desc|image-?desc|img-?desc|media-?desc)/;
/** Gallery counters: "Image 1 of 9", "Photo 3/12", "Slide 2 of 5". */
const GALLERY_COUNTER = /^(image|photo|picture|slide|foto|bild)\s*\d+\s*(of|\/|von|de|di)\s*\d+$/i;
/**
 * A caption that ends with its credit: "… (AP Photo/David Zalubowski)". Agencies in their own
 * spelling: a sentence may end with an abbreviation such as "(ePA)".
 */
const CREDITED_CAPTION =
  /\((AP|AFP|EPA|Reuters|REUTERS|Getty|GETTY|[Pp]hoto|PHOTO|[Ii]mage|IMAGE|[Pp]icture|[Cc]redit|CREDIT|[Ff]oto|FOTO)\b[^()]{0,80}\)$/;
const MAX_CAPTION_CHARS = 600;
/** A <figcaption> says what it is, so a long one (a diagram's legend) still goes. */
const MAX_FIGCAPTION_CHARS = 1500;

export const imageCaption: RemovalRule = {
  kind: 'remove',
  id: 'image-caption',
  reason: 'picture captions and gallery counters describe an image, not the article',
  candidates: ['figcaption', 'figure', 'p', 'div', 'span', 'small'],
  filter: (element, context) => {
    const text = textOf(element);
    if (text.length > context.articleLength * 0.3) return false;
    if (element.localName === 'figcaption') return text.length <= MAX_FIGCAPTION_CHARS;
    if (text.length > MAX_CAPTION_CHARS) return false;
    if (element.localName === 'figure')
      return text.length > 0 && element.querySelector('p p, h2, h3') === null;
    if (GALLERY_COUNTER.test(text)) return true;
    if (CAPTION_CLASS.test(classAndId(element))) return true;
    return CREDITED_CAPTION.test(text) && text.length <= 400;
  },
};
