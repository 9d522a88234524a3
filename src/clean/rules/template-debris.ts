import { textRule } from './rule.js';

/** A paragraph that is only a comment marker or closing braces: "/*", "-->", "});", "]]>". */
const DEBRIS_TEXT = /^(\/\*+|\*+\/|\/\/+|<!--|--!?>|<!\[CDATA\[|\]\]>|[{}()[\];]*[{}][{}()[\];]*)$/;

export const templateDebris = textRule({
  id: 'template-debris',
  reason: 'comment markers and braces that a broken template printed as text ("/*", "});")',
  pattern: DEBRIS_TEXT,
  maxChars: 12,
  candidates: ['p', 'div', 'span', 'center'],
});
