import { textRule } from './rule.js';

/** "For media inquiries: press@example.org" */
const MEDIA_INQUIRIES_TEXT =
  /^(for )?(media|press) (inquiries|enquiries)\s*(:|,|should|please|contact)|^(media|press) contacts?\s*:/i;

export const mediaInquiries = textRule({
  id: 'media-inquiries',
  reason: 'press contact lines are about the publisher, not the article',
  pattern: MEDIA_INQUIRIES_TEXT,
  maxChars: 200,
  candidates: ['p', 'div', 'section', 'footer'],
});
