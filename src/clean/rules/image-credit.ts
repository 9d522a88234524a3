import { textRule } from './rule.js';

/** A line that only credits a picture: "Photo: Reuters", "Image credit: …", "(Getty Images)". */
const CREDIT_TEXT =
  /^((top|lead|header|cover|featured|main) (photo|image|picture|illustration) (by|courtesy( of)?) [^.,;:!?]{2,40}$|\(?(photo|photograph|image|picture|illustration|graphic|video|foto|bild|фото)s?( credits?)?\s*(:|by\b|courtesy\b)|\(?credits?:|\(?(getty images|ap photo|reuters|afp|shutterstock|istock)\b[^.]{0,60}\)?$)|[|/]\s*(getty images|shutterstock|istock|afp|ap photo|ap|reuters|epa|bloomberg)( via getty images)?\)?$/i;

export const imageCredit = textRule({
  id: 'image-credit',
  reason: 'picture credits are attribution for an image, not article text',
  pattern: CREDIT_TEXT,
  maxChars: 120,
  candidates: ['p', 'div', 'span', 'small', 'figcaption', 'cite', 'dl'],
});
