import { textRule } from './rule.js';

/** A paragraph that is only decoration: "*", "* * *", "—", "###". */
const SEPARATOR_TEXT = /^[*•·~#=_—–\-\s]+$/;

export const separator = textRule({
  id: 'separator',
  reason: 'a lone "*" or dash line is a visual separator, not text',
  pattern: SEPARATOR_TEXT,
  maxChars: 12,
  candidates: ['p', 'div', 'span', 'center'],
});
