import { anyOf, textRule } from './rule.js';

/** "Reporting by Jane Doe; Editing by …" — a name follows, so case matters (no /i). */
const CREDIT_LINE =
  /^\(?([Aa]dditional [Rr]eporting|[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Pp]roduced) by \p{Lu}/u;
/** "Associated Press writers … contributed to this report.", "[责任编辑:肖春芳]" (the editor in charge). */
const CONTRIBUTED_LINE =
  /\bcontributed (to )?(this )?(report|story|article)(ing)?\.?\)?$|^[[【(（]?责任编辑\s*[:：︱|]\s*\S{1,20}[\]】)）]?$|\bcontributed (reporting|research)\b[^.]{0,60}\.?$|^contributing( reporters?)?:\s*\p{Lu}/iu;
const REASON =
  'newsroom credit lines ("Reporting by …", "… contributed to this report") are not article text';

export const reportingCredit = anyOf(
  textRule({ id: 'reporting-credit', reason: REASON, pattern: CREDIT_LINE, maxChars: 400 }),
  textRule({ id: 'reporting-credit', reason: REASON, pattern: CONTRIBUTED_LINE, maxChars: 400 }),
);
