import { textRule } from './rule.js';

/** "Copyright © …", "© 2018 …", "The contents of this site are ©2019 …", "All rights reserved." */
const COPYRIGHT_TEXT =
  /^copyright\s*(©|ⓒ|\(c\)|@\s*\d{4}|\d{4}|by\b)|^\(c\)\s*\d{4}|©|ⓒ|\ball rights reserved\b|\bsubject to copyright\b/i;

export const copyrightFooter = textRule({
  id: 'copyright-footer',
  reason: 'copyright lines are legal footer, not article text',
  pattern: COPYRIGHT_TEXT,
  maxChars: 200,
  candidates: ['p', 'div', 'section', 'footer', 'span', 'small'],
});
